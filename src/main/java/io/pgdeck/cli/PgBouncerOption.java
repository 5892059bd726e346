package io.pgdeck.cli;

import io.pgdeck.catalog.PgBouncerSource;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Option;

/** Where PgBouncer's admin console is, for the commands that report on it. */
public final class PgBouncerOption {

    @Option(names = "--pgbouncer", paramLabel = "URL", description = {"PgBouncer's admin console, e.g."
            + " postgresql://pgbouncer_stats@host:6432/pgbouncer (a user in stats_users or admin_users; the password"
            + " from PGPASSWORD or ~/.pgpass). Default: the profile's, or the target itself when it is a bouncer."})
    String url;

    public PgBouncerSource source(Target target, ProfileResolver resolver) {
        return PgBouncerSource.forTarget(target, url, resolver);
    }
}
