package io.pgdeck.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.explain.ReadOnlyQuery;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Run's view model on a real server, on one thread: rows, the line above them, errors, CSV. */
class QueryViewModelTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE notes (id int PRIMARY KEY, body text)",
            "INSERT INTO notes VALUES (1, 'plain'), (2, NULL), (3, ''), (4, 'a, \"quoted\"\nsecond line'), (5, 'tab\there')",
            "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(6, 1500) g");

    @TempDir
    Path tmp;
    private final SimpleStringProperty sql = new SimpleStringProperty();

    @AfterAll
    static void close() {
        DB.close();
    }

    private QueryViewModel model(TestPostgres pg) {
        return new QueryViewModel(TaskExecutor.sameThread(), new ReadOnlyQuery(DB.target(pg), Duration.ofSeconds(30)), sql);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void runShowsTheFirstRowsAndSaysThereAreMore(TestPostgres pg) throws Exception {
        QueryViewModel model = model(pg);
        sql.set("SELECT id, body FROM notes ORDER BY id");
        model.run();
        assertThat(model.failedProperty().get()).as(model.messageProperty().get()).isFalse();
        assertThat(model.resultProperty().get().rows()).hasSize(1000);
        assertThat(model.messageProperty().get()).matches("First 1,000 rows of more in \\d+ ms; read-only, rolled back");

        sql.set("SELECT id, body FROM notes WHERE id <= 5 ORDER BY id");
        model.run();
        assertThat(model.messageProperty().get()).startsWith("5 rows in ");
        Path file = tmp.resolve("rows.csv");
        model.exportCsv(file);
        assertThat(model.messageProperty().get()).isEqualTo("5 rows exported to " + file);
        // as COPY (FORMAT csv, HEADER) writes it: NULL empty, the empty string quoted
        assertThat(Files.readString(file)).isEqualTo("id,body\n1,plain\n2,\n3,\"\"\n4,\"a, \"\"quoted\"\"\nsecond line\"\n"
                + "5,tab\there\n");
        assertThat(ResultText.tsv(List.of("body"), List.of(java.util.Arrays.asList("tab\there"), java.util.Arrays.asList((String) null))))
                .isEqualTo("body\n\"tab\there\"\n\n");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anErrorSaysWhereAndEmptiesTheGrid(TestPostgres pg) {
        QueryViewModel model = model(pg);
        sql.set("SELECT id FROM notes");
        model.run();
        assertThat(model.resultProperty().get()).isNotNull();
        sql.set("SELECT id\nFROM notes\nWHERE bdy = 'x'");
        model.run();
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.resultProperty().get()).isNull();
        assertThat(model.messageProperty().get()).startsWith("Column \"bdy\" does not exist (line 3, column 7)");
        assertThat(model.errorPositionProperty().get()).isEqualTo(sql.get().indexOf("bdy"));
        assertThat(model.busyProperty().get()).isFalse();

        sql.set("DELETE FROM notes");
        model.run();
        assertThat(model.messageProperty().get()).isEqualTo("Cannot execute DELETE in a read-only transaction");
    }
}
