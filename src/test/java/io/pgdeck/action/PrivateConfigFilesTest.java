package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.ProfileStore;
import io.pgdeck.queue.CustomMapping;
import io.pgdeck.queue.CustomMappingStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log (every statement run, on which server, as whom), the saved profiles and the queue
 * mappings are the user's alone: files 0600 in a config directory 0700, however permissive the umask.
 */
class PrivateConfigFilesTest {

    @TempDir
    Path home;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    @Test
    void theAuditLogAndItsDirectoryAreTheUsersAlone() throws Exception {
        Path dir = home.resolve(".config/pgdeck");
        AuditLog audit = new AuditLog(dir.resolve("audit.log"));

        audit.append(new AuditLog.Entry(Instant.now(), "u@h:5432/db", "me", "u", "Vacuum", "VACUUM t;",
                "SUCCEEDED", "Done.", 12));
        audit.append(new AuditLog.Entry(Instant.now(), "u@h:5432/db", "me", "u", "Analyze", "ANALYZE t;",
                "SUCCEEDED", "Done.", 3));

        assertThat(permissions(dir.resolve("audit.log"))).isEqualTo("rw-------");
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(dir.getParent())).as("a parent pgdeck created").isEqualTo("rwx------");
        assertThat(audit.read()).extracting(AuditLog.Entry::title).containsExactly("Vacuum", "Analyze");
    }

    @Test
    void savedProfilesAreTheUsersAlone() throws Exception {
        Path dir = home.resolve("pgdeck");
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));

        store.save(new ConnectionProfile("prod", "db1", 5432, "app", "dba", "not-saved", "verify-full"));
        store.save(new ConnectionProfile("staging", "db2", 5432, "app", "dba", null, "require"));

        assertThat(permissions(dir.resolve("profiles.json"))).isEqualTo("rw-------");
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(Files.readString(dir.resolve("profiles.json"))).doesNotContain("not-saved");
        assertThat(store.list()).extracting(ConnectionProfile::name).containsExactly("prod", "staging");
    }

    @Test
    void savedQueueMappingsAreTheUsersAlone() throws Exception {
        Path dir = home.resolve(".config/pgdeck");
        CustomMappingStore store = new CustomMappingStore(dir.resolve("queue-mappings.json"));

        store.save(CustomMapping.PAREL);

        assertThat(permissions(dir.resolve("queue-mappings.json"))).isEqualTo("rw-------");
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(dir.getParent())).as("a parent pgdeck created").isEqualTo("rwx------");
        assertThat(store.list()).containsExactly(CustomMapping.PAREL);
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
