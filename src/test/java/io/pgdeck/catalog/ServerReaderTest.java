package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.Target;
import io.pgdeck.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServerReaderTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void readsServerInfoAndDatabaseCounters(TestPostgres pg) {
        try (Target target = pg.openTarget(pg.freshDatabase())) {
            ServerReader reader = new ServerReader(target);
            ServerInfo info = reader.info();
            assertThat(info.versionNum() / 10000).isEqualTo(pg == TestPostgres.OLDEST ? 13 : 17);
            assertThat(info.maxConnections()).isEqualTo(120);
            assertThat(info.uptime()).isPositive();

            // PG13's statistics collector hears of a new database's commits asynchronously
            var mine = await("commits counted").atMost(java.time.Duration.ofSeconds(30)).until(
                    () -> reader.databaseStats().stream().filter(s -> s.database().equals(target.profile().database()))
                            .findFirst().orElseThrow(), s -> s.commits() > 0);
            assertThat(mine.cacheHitRatio()).isBetween(0.0, 1.0);
            if (pg == TestPostgres.OLDEST) {
                assertThat(mine.sessionsKilled()).isNull();
            } else {
                assertThat(mine.sessionsKilled()).isNotNull();
            }
            assertThat(reader.databaseSizes()).containsKey(target.profile().database());
            assertThat(target.capabilities().statementsUsable()).isTrue();
        }
    }
}
