package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path dir;

    @Test
    void savesListsReplacesAndDeletes() {
        ProfileStore store = new ProfileStore(dir.resolve("sub/profiles.json"));
        assertThat(store.list()).isEmpty();
        store.save(new ConnectionProfile("prod", "db.example.com", 5433, "shop", "alice", null, "require"));
        store.save(new ConnectionProfile("local", "localhost", 5432, "dev", "bob", null, "disable"));
        store.save(new ConnectionProfile("prod", "db2.example.com", 5433, "shop", "alice", null, "require"));

        ProfileStore reopened = new ProfileStore(dir.resolve("sub/profiles.json"));
        assertThat(reopened.list()).extracting(ConnectionProfile::name).containsExactly("prod", "local");
        assertThat(reopened.find("prod")).contains(
                new ConnectionProfile("prod", "db2.example.com", 5433, "shop", "alice", null, "require"));
        assertThat(reopened.delete("prod")).isTrue();
        assertThat(reopened.delete("prod")).isFalse();
        assertThat(reopened.list()).extracting(ConnectionProfile::name).containsExactly("local");
    }

    @Test
    void keepsEachProfilesGroupAndPutsTheUngroupedUnderTheDefault() throws IOException {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, """
                {"version": 1, "profiles": [
                  {"name": "old", "host": "h", "port": 5432, "database": "d", "user": "u", "sslMode": "prefer"}
                ]}
                """);
        ProfileStore store = new ProfileStore(file);
        store.save(new ConnectionProfile("prod-1", "db1", 5432, "shop", "dba", null, "require"), "Production");
        store.save(new ConnectionProfile("prod-2", "db2", 5432, "shop", "dba", null, "require"), "Production");
        store.save(new ConnectionProfile("prod-1", "db1b", 5432, "shop", "dba", null, "require"));

        assertThat(new ProfileStore(file).grouped()).containsExactly(
                Map.entry(ProfileStore.DEFAULT_GROUP, List.of(new ConnectionProfile("old", "h", 5432, "d", "u", null, "prefer"))),
                Map.entry("Production", List.of(new ConnectionProfile("prod-1", "db1b", 5432, "shop", "dba", null, "require"),
                        new ConnectionProfile("prod-2", "db2", 5432, "shop", "dba", null, "require"))));
    }

    @Test
    void neverWritesThePassword() throws IOException {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        store.save(new ConnectionProfile("p", "h", 5432, "d", "u", "hunter2-secret", "prefer"));
        String json = Files.readString(store.file());
        assertThat(json).doesNotContain("hunter2-secret").doesNotContainIgnoringCase("password");
        assertThat(store.list()).singleElement().satisfies(p -> assertThat(p.password()).isNull());
        assertThat(Files.list(dir)).containsExactly(store.file());
    }

    @Test
    void readsAHandEditedFileAndIgnoresAPasswordInIt() throws IOException {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, """
                {"version": 1, "profiles": [
                  {"name": "x", "host": "h", "port": 5432, "database": "d", "user": "u", "sslMode": "prefer",
                   "password": "should-not-load", "colour": "blue"}
                ]}
                """);
        assertThat(new ProfileStore(file).list()).singleElement().satisfies(p -> {
            assertThat(p.password()).isNull();
            assertThat(p.host()).isEqualTo("h");
        });
    }

    @Test
    void aBrokenFileSaysWhichFile() throws IOException {
        Path file = dir.resolve("profiles.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> new ProfileStore(file).list()).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
    }
}
