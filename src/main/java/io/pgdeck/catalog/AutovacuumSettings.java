package io.pgdeck.catalog;

import java.util.Map;

/**
 * When autovacuum acts on a table: the server's settings, overridden per table by its
 * {@code autovacuum_*} storage parameters (ALTER TABLE ... SET (autovacuum_vacuum_scale_factor = 0.05)),
 * as the seed guides tune their busiest tables.
 *
 * @param vacuumMaxThreshold PostgreSQL 18's cap on the vacuum threshold; null before 18 or when −1
 */
public record AutovacuumSettings(boolean enabled, long vacuumThreshold, double vacuumScaleFactor,
                                 long insertThreshold, double insertScaleFactor,
                                 long analyzeThreshold, double analyzeScaleFactor,
                                 long freezeMaxAge, Long vacuumMaxThreshold) {

    /** From pg_settings values by name; a setting the server lacks keeps PostgreSQL's default. */
    public static AutovacuumSettings of(Map<String, String> settings) {
        String max = settings.get("autovacuum_vacuum_max_threshold");
        return new AutovacuumSettings(
                !"off".equals(settings.getOrDefault("autovacuum", "on")),
                Long.parseLong(settings.getOrDefault("autovacuum_vacuum_threshold", "50")),
                Double.parseDouble(settings.getOrDefault("autovacuum_vacuum_scale_factor", "0.2")),
                Long.parseLong(settings.getOrDefault("autovacuum_vacuum_insert_threshold", "1000")),
                Double.parseDouble(settings.getOrDefault("autovacuum_vacuum_insert_scale_factor", "0.2")),
                Long.parseLong(settings.getOrDefault("autovacuum_analyze_threshold", "50")),
                Double.parseDouble(settings.getOrDefault("autovacuum_analyze_scale_factor", "0.1")),
                Long.parseLong(settings.getOrDefault("autovacuum_freeze_max_age", "200000000")),
                max == null || Long.parseLong(max) < 0 ? null : Long.parseLong(max));
    }

    /** These settings with a table's reloptions ({@code name=value}) applied; the table's win. */
    public AutovacuumSettings forTable(String[] reloptions) {
        if (reloptions == null || reloptions.length == 0) {
            return this;
        }
        AutovacuumSettings s = this;
        for (String option : reloptions) {
            int eq = option.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = option.substring(eq + 1);
            s = switch (option.substring(0, eq)) {
                case "autovacuum_enabled" -> s.with(s.enabled && !value.equals("false") && !value.equals("off"),
                        s.vacuumThreshold, s.vacuumScaleFactor, s.insertThreshold, s.insertScaleFactor,
                        s.analyzeThreshold, s.analyzeScaleFactor, s.freezeMaxAge, s.vacuumMaxThreshold);
                case "autovacuum_vacuum_threshold" -> s.with(s.enabled, Long.parseLong(value), s.vacuumScaleFactor,
                        s.insertThreshold, s.insertScaleFactor, s.analyzeThreshold, s.analyzeScaleFactor, s.freezeMaxAge,
                        s.vacuumMaxThreshold);
                case "autovacuum_vacuum_scale_factor" -> s.with(s.enabled, s.vacuumThreshold, Double.parseDouble(value),
                        s.insertThreshold, s.insertScaleFactor, s.analyzeThreshold, s.analyzeScaleFactor, s.freezeMaxAge,
                        s.vacuumMaxThreshold);
                case "autovacuum_vacuum_insert_threshold" -> s.with(s.enabled, s.vacuumThreshold, s.vacuumScaleFactor,
                        Long.parseLong(value), s.insertScaleFactor, s.analyzeThreshold, s.analyzeScaleFactor,
                        s.freezeMaxAge, s.vacuumMaxThreshold);
                case "autovacuum_vacuum_insert_scale_factor" -> s.with(s.enabled, s.vacuumThreshold, s.vacuumScaleFactor,
                        s.insertThreshold, Double.parseDouble(value), s.analyzeThreshold, s.analyzeScaleFactor,
                        s.freezeMaxAge, s.vacuumMaxThreshold);
                case "autovacuum_analyze_threshold" -> s.with(s.enabled, s.vacuumThreshold, s.vacuumScaleFactor,
                        s.insertThreshold, s.insertScaleFactor, Long.parseLong(value), s.analyzeScaleFactor,
                        s.freezeMaxAge, s.vacuumMaxThreshold);
                case "autovacuum_analyze_scale_factor" -> s.with(s.enabled, s.vacuumThreshold, s.vacuumScaleFactor,
                        s.insertThreshold, s.insertScaleFactor, s.analyzeThreshold, Double.parseDouble(value),
                        s.freezeMaxAge, s.vacuumMaxThreshold);
                // a table may only lower it: a higher value is ignored by autovacuum
                case "autovacuum_freeze_max_age" -> s.with(s.enabled, s.vacuumThreshold, s.vacuumScaleFactor,
                        s.insertThreshold, s.insertScaleFactor, s.analyzeThreshold, s.analyzeScaleFactor,
                        Math.min(s.freezeMaxAge, Long.parseLong(value)), s.vacuumMaxThreshold);
                case "autovacuum_vacuum_max_threshold" -> s.with(s.enabled, s.vacuumThreshold, s.vacuumScaleFactor,
                        s.insertThreshold, s.insertScaleFactor, s.analyzeThreshold, s.analyzeScaleFactor, s.freezeMaxAge,
                        Long.parseLong(value) < 0 ? null : Long.parseLong(value));
                default -> s;
            };
        }
        return s;
    }

    private AutovacuumSettings with(boolean enabled, long vacuumThreshold, double vacuumScaleFactor, long insertThreshold,
                                    double insertScaleFactor, long analyzeThreshold, double analyzeScaleFactor,
                                    long freezeMaxAge, Long vacuumMaxThreshold) {
        return new AutovacuumSettings(enabled, vacuumThreshold, vacuumScaleFactor, insertThreshold, insertScaleFactor,
                analyzeThreshold, analyzeScaleFactor, freezeMaxAge, vacuumMaxThreshold);
    }

    /** Dead tuples beyond which autovacuum vacuums a table of {@code rows} rows. */
    public double vacuumThresholdFor(double rows) {
        double t = vacuumThreshold + vacuumScaleFactor * Math.max(0, rows);
        return vacuumMaxThreshold == null ? t : Math.min(t, vacuumMaxThreshold);
    }

    public double insertThresholdFor(double rows) {
        return insertThreshold < 0 ? Double.POSITIVE_INFINITY : insertThreshold + insertScaleFactor * Math.max(0, rows);
    }

    public double analyzeThresholdFor(double rows) {
        return analyzeThreshold + analyzeScaleFactor * Math.max(0, rows);
    }
}
