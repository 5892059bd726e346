package io.pgdeck.queue;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The queue libraries' fixtures under {@code src/test/resources/io/pgdeck/queue/}: each
 * reproduces one library's real tables, types and functions with jobs planted in every state.
 */
public enum LibraryFixtures {
    PGMQ("pgmq.sql"),
    SOLID_QUEUE("solid_queue.sql"),
    QUE("que.sql"),
    GOOD_JOB("good_job.sql"),
    PROCRASTINATE("procrastinate.sql");

    private final String file;

    LibraryFixtures(String file) {
        this.file = file;
    }

    public String sql() {
        try (InputStream in = LibraryFixtures.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
