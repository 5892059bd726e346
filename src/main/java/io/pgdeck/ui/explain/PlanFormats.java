package io.pgdeck.ui.explain;

import java.util.Locale;

/** How plan figures read on screen: milliseconds with sensible decimals, rows, factors. */
final class PlanFormats {

    private PlanFormats() {}

    static String ms(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : ms >= 1 ? "%.1f ms" : "%.3f ms", ms);
    }

    static String rows(double rows) {
        return String.format(Locale.ROOT, "%,.0f", rows);
    }

    static String factor(double f) {
        return Double.isNaN(f) ? "" : String.format(Locale.ROOT, f >= 10 ? "%,.0f×" : "%.1f×", f);
    }
}
