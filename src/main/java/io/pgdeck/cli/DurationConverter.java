package io.pgdeck.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: 500ms, 1s, 1.5s, 5m or 5min, 2h, a bare number of seconds, or ISO
 * PT5M; never rounded away silently (0.5ms is refused, not taken for 0, which would mean no timeout).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h)?");

    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long millisPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> 1;
                case "m", "min" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1000;
            };
            BigDecimal millis = amount.multiply(BigDecimal.valueOf(millisPerUnit));
            if (millis.stripTrailingZeros().scale() > 0) {
                throw new TypeConversionException("'" + value + "' is finer than pgdeck counts: give whole milliseconds");
            }
            return Duration.ofMillis(millis.longValueExact());
        }
        try {
            Duration d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException notIso) {
            // one message below for every bad form
        }
        throw new TypeConversionException("'" + value + "' is not a duration: write e.g. 500ms, 30s, 5m or 1h");
    }
}
