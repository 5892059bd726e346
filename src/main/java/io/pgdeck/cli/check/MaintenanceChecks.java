package io.pgdeck.cli.check;

import io.pgdeck.catalog.BloatReport;
import io.pgdeck.catalog.DatabaseXidAge;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.IndexBloat;
import io.pgdeck.catalog.TableBloat;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The vacuum and bloat checks of {@code pgdeck check}, as pure functions of what the readers returned. */
final class MaintenanceChecks {

    private MaintenanceChecks() {}

    static List<HealthCheck> run(List<DatabaseXidAge> ages, BloatReport bloat, MaintenanceThresholds t) {
        return List.of(wraparound(ages, t), bloat(bloat, t));
    }

    /** Warns within (100 − wraparoundPercent) % of autovacuum_freeze_max_age. */
    static HealthCheck wraparound(List<DatabaseXidAge> ages, MaintenanceThresholds t) {
        Optional<DatabaseXidAge> oldest = ages.stream().max(Comparator.comparingLong(DatabaseXidAge::age));
        if (oldest.isEmpty()) {
            return HealthCheck.ok("xid wraparound", "no database readable");
        }
        DatabaseXidAge d = oldest.get();
        String figure = String.format(Locale.ROOT,
                "oldest: %s at age %s, %.1f%% of autovacuum_freeze_max_age %s (%.1f%% of the 2^31 limit), warn over %s%%",
                d.database(), Formats.count(d.age()), 100 * d.freezeMaxAgeRatio(), Formats.count(d.freezeMaxAge()),
                100 * d.wraparoundRatio(), HealthCheck.threshold(t.wraparoundPercent()));
        return 100 * d.freezeMaxAgeRatio() > t.wraparoundPercent()
                ? HealthCheck.warn("xid wraparound", figure) : HealthCheck.ok("xid wraparound", figure);
    }

    /** Warns about the most bloated table or btree index of at least bloatMinBytes, if over bloatPercent. */
    static HealthCheck bloat(BloatReport report, MaintenanceThresholds t) {
        String limit = String.format(Locale.ROOT, ", warn over %s%% of relations from %s", HealthCheck.threshold(t.bloatPercent()),
                Formats.bytes(t.bloatMinBytes()));
        record Judged(String name, long size, long wasted, double ratio) {}
        List<Judged> judged = new java.util.ArrayList<>();
        for (TableBloat b : report.tables()) {
            if (b.sizeBytes() != null && b.sizeBytes() >= t.bloatMinBytes() && b.statistics().trusted()) {
                judged.add(new Judged("table " + b.table(), b.sizeBytes(), b.wastedBytes(), b.wastedRatio()));
            }
        }
        for (IndexBloat b : report.indexes()) {
            if (b.sizeBytes() != null && b.sizeBytes() >= t.bloatMinBytes() && b.statistics().trusted()) {
                judged.add(new Judged("index " + b.index(), b.sizeBytes(), b.wastedBytes(), b.wastedRatio()));
            }
        }
        long hidden = report.hiddenByPrivileges();
        if (hidden > 0) {
            limit += String.format(Locale.ROOT, "; %d relation(s) not judged, hidden by privileges: column statistics"
                    + " need SELECT on their tables (GRANT SELECT ON ... to this role)", hidden);
        }
        Optional<Judged> worst = judged.stream().max(Comparator.comparingDouble(Judged::ratio));
        if (worst.isEmpty()) {
            return HealthCheck.ok("bloat", "no relation large enough to judge, with fresh statistics" + limit);
        }
        Judged w = worst.get();
        long over = judged.stream().filter(j -> 100 * j.ratio() > t.bloatPercent()).count();
        String figure = String.format(Locale.ROOT, "%d relation(s) over; worst: %s, estimated %s of %s (%.1f%%)%s",
                over, w.name(), Formats.bytes(w.wasted()), Formats.bytes(w.size()), 100 * w.ratio(), limit);
        return over > 0 ? HealthCheck.warn("bloat", figure) : HealthCheck.ok("bloat", figure);
    }
}
