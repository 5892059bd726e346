package io.pgdeck.queue;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestPostgres;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The queue libraries' fixtures under {@code src/test/resources/io/pgdeck/queue/}: each
 * follows one library's release (named in its header): the tables, types and functions pgdeck and
 * the tests touch, with jobs planted in every state.
 */
public enum LibraryFixtures {
    PGMQ("pgmq_1_5.sql", "pgmq_messages.sql"),
    SOLID_QUEUE("solid_queue_tables.sql", "solid_queue_1_x.sql", "solid_queue_jobs.sql"),
    QUE("que_jobs.sql", "que_functions.sql", "que_v7.sql", "que_worked.sql"),
    GOOD_JOB("good_job_4_x.sql"),
    PROCRASTINATE("procrastinate_3_x.sql", "procrastinate_ages.sql");

    private final List<String> files;

    /** @param files the schema, then the jobs, where parts of them serve several schema versions */
    LibraryFixtures(String... files) {
        this.files = List.of(files);
    }

    public String sql() {
        return files.stream().map(QueueFixture::sql).collect(Collectors.joining("\n"));
    }

    /** Plants this fixture in the database (one script: pgjdbc runs its statements in turn). */
    public void plant(TestPostgres pg, String database) {
        pg.execute(database, sql());
    }

    /** A fresh database with only the given fixtures planted. */
    public static ConnectionProfile freshDatabaseWith(TestPostgres pg, LibraryFixtures... fixtures) {
        ConnectionProfile profile = pg.freshDatabase();
        for (LibraryFixtures fixture : fixtures) {
            fixture.plant(pg, profile.database());
        }
        return profile;
    }
}
