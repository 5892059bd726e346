package io.pgdeck.connect;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the connected role can see and do on this server. Screens ask it before reading,
 * and use {@link #hint} to explain in one sentence what is missing and how to enable it.
 *
 * @param installedExtensions extension name to installed version, in the current database
 * @param availableExtensions extensions the server could install (pg_available_extensions)
 */
public record Capabilities(
        Map<String, String> installedExtensions,
        Set<String> availableExtensions,
        Set<String> preloadedLibraries,
        boolean superuser,
        boolean monitorRole,
        boolean readAllStats,
        boolean inRecovery) {

    public static final String PG_STAT_STATEMENTS = "pg_stat_statements";
    public static final String PGSTATTUPLE = "pgstattuple";

    public Capabilities {
        installedExtensions = Map.copyOf(installedExtensions);
        availableExtensions = Set.copyOf(availableExtensions);
        preloadedLibraries = Set.copyOf(preloadedLibraries);
    }

    public boolean hasExtension(String name) {
        return installedExtensions.containsKey(name);
    }

    public Optional<String> extensionVersion(String name) {
        return Optional.ofNullable(installedExtensions.get(name));
    }

    /** Other sessions' query texts and wait details are hidden from a role without these. */
    public boolean seesAllActivity() {
        return superuser || monitorRole || readAllStats;
    }

    public boolean statementsUsable() {
        return hasExtension(PG_STAT_STATEMENTS) && preloadedLibraries.contains(PG_STAT_STATEMENTS);
    }

    /** One sentence on what is missing for a feature, or empty when nothing is. */
    public Optional<String> hint(Feature feature) {
        return switch (feature) {
            case ALL_ACTIVITY -> seesAllActivity() ? Optional.empty() : Optional.of(
                    "Figures cover only what this role sees: other roles' sessions are counted, but their state,"
                            + " query and wait are hidden: GRANT pg_monitor TO your role to see them.");
            case STATEMENTS -> {
                if (!preloadedLibraries.contains(PG_STAT_STATEMENTS)) {
                    yield Optional.of("pg_stat_statements is not preloaded: add it to shared_preload_libraries"
                            + " in postgresql.conf and restart the server.");
                }
                if (!hasExtension(PG_STAT_STATEMENTS)) {
                    yield Optional.of("pg_stat_statements is preloaded but not created in this database:"
                            + " run CREATE EXTENSION pg_stat_statements.");
                }
                yield Optional.empty();
            }
            case PGSTATTUPLE -> hasExtension(PGSTATTUPLE) ? Optional.empty() : Optional.of(
                    availableExtensions.contains(PGSTATTUPLE)
                            ? "Exact bloat needs pgstattuple: run CREATE EXTENSION pgstattuple."
                            : "Exact bloat needs pgstattuple, which this server does not ship (install postgresql-contrib).");
        };
    }

    public enum Feature { ALL_ACTIVITY, STATEMENTS, PGSTATTUPLE }
}
