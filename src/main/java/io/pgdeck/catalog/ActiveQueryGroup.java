package io.pgdeck.catalog;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What pg_stat_activity can say about statements when pg_stat_statements is missing: the
 * client queries running now, grouped by their text with literals taken out, with how many run
 * and for how long. A poor man's statements view, but true on any server.
 */
public record ActiveQueryGroup(String normalizedQuery, String database, String user, int running,
                               Duration oldest, Duration total) {

    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
    private static final Pattern LIST = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /** Active client queries grouped by normalized text, database and user; longest-running first. */
    public static List<ActiveQueryGroup> of(List<Backend> backends) {
        Map<List<String>, ActiveQueryGroup> groups = new LinkedHashMap<>();
        for (Backend b : backends) {
            if (!b.isClient() || !b.isActive() || b.query() == null) {
                continue;
            }
            String text = normalize(b.query());
            groups.merge(List.of(text, nonNull(b.database()), nonNull(b.user())),
                    new ActiveQueryGroup(text, b.database(), b.user(), 1, b.queryAge(), b.queryAge()),
                    ActiveQueryGroup::plus);
        }
        return groups.values().stream()
                .sorted(Comparator.comparing(ActiveQueryGroup::oldest).reversed()
                        .thenComparing(ActiveQueryGroup::normalizedQuery))
                .toList();
    }

    /**
     * Literals become {@code ?} and IN lists one {@code (?, ...)}, roughly as pg_stat_statements
     * does, so the same query with other values lands in the same group.
     */
    public static String normalize(String query) {
        String s = STRING.matcher(query).replaceAll("?");
        s = NUMBER.matcher(s).replaceAll("?");
        s = LIST.matcher(s).replaceAll("(?, ...)");
        return SPACE.matcher(s).replaceAll(" ").trim();
    }

    private ActiveQueryGroup plus(ActiveQueryGroup other) {
        return new ActiveQueryGroup(normalizedQuery, database, user, running + other.running,
                oldest.compareTo(other.oldest) >= 0 ? oldest : other.oldest, total.plus(other.total));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
