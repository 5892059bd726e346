package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.StandbyServer;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A DBA explains and runs queries on a real streaming standby as on a primary: the side-effect
 * probe only reads, so ANALYZE of a read runs; Run returns rows; a write the
 * user confirmed fails with PostgreSQL's own sentence: a standby runs every transaction read-only.
 */
class OnStandbyTest {

    @Test
    void explainAnalyzeAndRunWorkOnAStandby() throws Exception {
        try (StandbyServer pair = StandbyServer.start(TestPostgres.NEWEST)) {
            pair.executeOnPrimary("CREATE TABLE customers (id int PRIMARY KEY)",
                    "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers)",
                    "INSERT INTO customers SELECT g FROM generate_series(1, 100) g",
                    "INSERT INTO orders SELECT g, g % 100 + 1 FROM generate_series(1, 1000) g", "ANALYZE");
            pair.awaitReplayed();
            try (Target standby = Target.open(pair.standbyProfile(), TargetOptions.defaults())) {
                ExplainRunner runner = new ExplainRunner(standby, Duration.ofSeconds(30));
                ExplainRequest read = runner.prepare("SELECT c.id, count(*) FROM customers c JOIN orders o"
                        + " ON o.customer_id = c.id GROUP BY c.id", ExplainOptions.analyzeWithBuffers());
                ExplainResult result = runner.run(read, false);
                assertThat(result.plan().analyzed()).isTrue();
                assertThat(result.sideEffects().none()).isTrue();
                assertThat(result.analysis().nodesMs()).isPositive();

                ExplainRequest delete = runner.prepare("DELETE FROM customers WHERE id = 1",
                        ExplainOptions.analyzeWithBuffers());
                assertThatThrownBy(() -> runner.run(delete, false)).isInstanceOf(UnconfirmedSideEffects.class);
                assertThatThrownBy(() -> runner.run(delete, true)).isInstanceOf(ExplainException.class)
                        .hasMessage("Cannot execute DELETE in a read-only transaction");

                QueryResult rows = new ReadOnlyQuery(standby, Duration.ofSeconds(30))
                        .run("SELECT id FROM orders ORDER BY id");
                assertThat(rows.rows()).hasSize(ReadOnlyQuery.MAX_ROWS);
                assertThat(rows.more()).isFalse();
            }
        }
    }
}
