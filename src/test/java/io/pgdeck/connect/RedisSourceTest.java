package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSourceTest {

    @TempDir
    Path dir;

    @Test
    void describesWithoutThePasswordAndDefaultsThePrefix() {
        RedisSource source = RedisSource.of("redis://:hunter2-secret@cache.internal:6380/2");
        assertThat(source.prefix()).isEqualTo("bull");
        assertThat(source.describe()).isEqualTo("cache.internal:6380/2 bull");
        assertThat(source.toString()).doesNotContain("hunter2-secret");
        assertThat(source.hasPassword()).isTrue();
        assertThat(source.withoutPassword().url()).isEqualTo("redis://cache.internal:6380/2");
        assertThat(RedisSource.of("redis://ops:pw@h/1").withoutPassword().url()).isEqualTo("redis://ops@h/1");
        assertThat(new RedisSource("redis://localhost", "app").describe()).isEqualTo("localhost:6379/0 app");
        assertThatThrownBy(() -> RedisSource.of("http://:pw-secret@h:1")).hasMessageNotContaining("pw-secret")
                .hasMessageContaining("redis://");
    }

    @Test
    void aSavedProfileKeepsItsRedisSourcesButNotTheirPasswords() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.json"));
        ConnectionProfile profile = new ConnectionProfile("parel", "db", 5432, "parel", "dba", null, "prefer")
                .withRedis(List.of(new RedisSource("redis://:hunter2-secret@cache:6379/0", "parel")));
        store.save(profile);
        assertThat(Files.readString(store.file())).doesNotContain("hunter2-secret");
        assertThat(new ProfileStore(store.file()).find("parel").orElseThrow().redis())
                .containsExactly(new RedisSource("redis://cache:6379/0", "parel"));
    }
}
