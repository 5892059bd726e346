package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * What Target.open decides stands at an address, against PostgreSQL itself and a real PgBouncer:
 * a console that refuses pgdeck's role still leaves statements safe for a pooler.
 */
class PoolerProbeTest {

    private static final String APP = "pgdeck_probe_app";

    @Test
    void postgresItselfIsDirectAndNoConsoleLoginIsTried() throws Exception {
        ConnectionProfile direct = TestPostgres.NEWEST.freshDatabase();
        try (Target target = Target.open(direct, TargetOptions.defaults())) {
            assertThat(target.pooled()).isFalse();
            assertThat(target.behindSomething()).isFalse();
        }
    }

    @Test
    void aBouncerWhoseConsoleAnswersIsPooledAndOneThatRefusesIsUnsureButSafe() throws Exception {
        ConnectionProfile db = TestPostgres.NEWEST.freshDatabase();
        TestPostgres.NEWEST.execute("postgres", "DO $$ BEGIN CREATE ROLE " + APP + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "GRANT pg_monitor TO " + APP);
        try (PgBouncerServer bouncer = PgBouncerServer.builder(TestPostgres.NEWEST.port()).users(APP)
                .set("default_pool_size", "2").start()) {
            try (Target admin = Target.open(bouncer.profile(db.database(), PgBouncerServer.ADMIN), TargetOptions.defaults())) {
                assertThat(admin.pooled()).isTrue();
                assertThat(admin.behindSomething()).isTrue();
            }
            try (Target unsure = Target.open(bouncer.profile(db.database(), APP), TargetOptions.defaults())) {
                assertThat(unsure.pooled()).as("the console refused this role").isFalse();
                assertThat(unsure.behindSomething()).isTrue();
                for (int i = 0; i < 12; i++) {
                    // past the driver's prepareThreshold of 5, were it on
                    unsure.db().fetchValue("SELECT count(*) FROM pg_catalog.pg_stat_activity");
                }
            }
            bouncer.assertNothingLeftOnServerConnections(db.database(), 2);
        }
    }
}
