package io.pgdeck.catalog;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partition's bound as {@code pg_get_expr(relpartbound, oid)} prints it, parsed: DEFAULT,
 * {@code FOR VALUES FROM (..) TO (..)}, {@code IN (..)} or {@code WITH (modulus m, remainder r)}.
 * Values stay the literals PostgreSQL printed (unquoted); MINVALUE and MAXVALUE stay words.
 */
public record PartitionBounds(Kind kind, List<String> from, List<String> to, List<String> values,
                              int modulus, int remainder, String text, TimeRange time) {

    public enum Kind { DEFAULT, RANGE, LIST, HASH }

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter();

    /** {@code time}: the range as times when it is a one-column time range, else null; parsed once here. */
    public PartitionBounds {
        from = List.copyOf(from);
        to = List.copyOf(to);
        values = List.copyOf(values);
        if (time == null && kind == Kind.RANGE && from.size() == 1 && to.size() == 1) {
            Optional<LocalDateTime> f = time(from.get(0));
            Optional<LocalDateTime> t = time(to.get(0));
            time = f.isPresent() && t.isPresent() ? new TimeRange(f.get(), t.get()) : null;
        }
    }

    private PartitionBounds(Kind kind, List<String> from, List<String> to, List<String> values, int modulus,
                            int remainder, String text) {
        this(kind, from, to, values, modulus, remainder, text, null);
    }

    public static PartitionBounds parse(String expr) {
        String s = expr == null ? "" : expr.trim();
        if (s.equalsIgnoreCase("DEFAULT")) {
            return new PartitionBounds(Kind.DEFAULT, List.of(), List.of(), List.of(), 0, 0, s);
        }
        String upper = s.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("FOR VALUES FROM")) {
            int to = indexOutsideQuotes(s, ") TO (");
            if (to < 0) {
                throw new IllegalArgumentException("not a range bound: " + s);
            }
            List<String> lower = list(s.substring(s.indexOf('(') + 1, to));
            List<String> upperBound = list(s.substring(to + ") TO (".length(), s.lastIndexOf(')')));
            return new PartitionBounds(Kind.RANGE, lower, upperBound, List.of(), 0, 0, s);
        }
        if (upper.startsWith("FOR VALUES IN")) {
            return new PartitionBounds(Kind.LIST, List.of(), List.of(),
                    list(s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'))), 0, 0, s);
        }
        if (upper.startsWith("FOR VALUES WITH")) {
            List<String> parts = list(s.substring(s.indexOf('(') + 1, s.lastIndexOf(')')));
            int modulus = 0;
            int remainder = 0;
            for (String p : parts) {
                String[] kv = p.trim().split("\\s+");
                if (kv[0].equalsIgnoreCase("modulus")) {
                    modulus = Integer.parseInt(kv[1]);
                } else if (kv[0].equalsIgnoreCase("remainder")) {
                    remainder = Integer.parseInt(kv[1]);
                }
            }
            return new PartitionBounds(Kind.HASH, List.of(), List.of(), List.of(), modulus, remainder, s);
        }
        throw new IllegalArgumentException("not a partition bound: " + s);
    }

    public boolean isDefault() {
        return kind == Kind.DEFAULT;
    }

    /** The lower bound of a one-column range as a point in time, in UTC; empty for MINVALUE or non-times. */
    public Optional<LocalDateTime> fromTime() {
        return Optional.ofNullable(time).map(TimeRange::from);
    }

    public Optional<LocalDateTime> toTime() {
        return Optional.ofNullable(time).map(TimeRange::to);
    }

    /**
     * A bound literal as a time: timestamptz as printed in the session's zone ({@code +00},
     * {@code -04}, {@code +05:30}) is moved to UTC; date and timestamp are taken as they are.
     */
    static Optional<LocalDateTime> time(String literal) {
        String s = literal.trim();
        if (s.length() < 10 || !Character.isDigit(s.charAt(0)) || s.charAt(4) != '-') {
            return Optional.empty();
        }
        try {
            int offsetAt = offsetStart(s);
            if (offsetAt < 0) {
                return Optional.of(LocalDateTime.parse(s, TIMESTAMP));
            }
            LocalDateTime local = LocalDateTime.parse(s.substring(0, offsetAt), TIMESTAMP);
            return Optional.of(local.atOffset(offset(s.substring(offsetAt))).withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime());
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What kind of literal a bound is, so that new bounds are written the same way. */
    static TimeLiteral literalKind(String literal) {
        String s = literal.trim();
        if (offsetStart(s) >= 0) {
            return TimeLiteral.TIMESTAMPTZ;
        }
        return s.length() > 10 ? TimeLiteral.TIMESTAMP : TimeLiteral.DATE;
    }

    enum TimeLiteral {
        DATE, TIMESTAMP, TIMESTAMPTZ;

        String format(LocalDateTime utc) {
            return switch (this) {
                case DATE -> utc.toLocalDate().toString();
                case TIMESTAMP -> utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                case TIMESTAMPTZ -> utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "+00";
            };
        }
    }

    private static int offsetStart(String s) {
        // after the date part, a '+' or '-' starts the zone offset
        for (int i = 10; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '-') {
                return i;
            }
        }
        return -1;
    }

    private static ZoneOffset offset(String text) {
        String sign = text.substring(0, 1);
        String[] hm = text.substring(1).split(":");
        int hours = Integer.parseInt(hm[0]);
        int minutes = hm.length > 1 ? Integer.parseInt(hm[1]) : 0;
        int seconds = hm.length > 2 ? Integer.parseInt(hm[2]) : 0;
        int total = hours * 3600 + minutes * 60 + seconds;
        return ZoneOffset.ofTotalSeconds(sign.equals("-") ? -total : total);
    }

    /** Splits a comma-separated list of literals, honouring quotes ('' inside a literal is a quote). */
    private static List<String> list(String inner) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quoted) {
                if (c == '\'' && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                    current.append('\'');
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '\'') {
                if (current.toString().isBlank()) {
                    current.setLength(0);
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(wasQuoted ? current.toString() : current.toString().trim());
                current.setLength(0);
                wasQuoted = false;
            } else if (!wasQuoted) {
                current.append(c);
            }
        }
        if (!current.isEmpty() || wasQuoted) {
            out.add(wasQuoted ? current.toString() : current.toString().trim());
        }
        return out;
    }

    private static int indexOutsideQuotes(String s, String needle) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
