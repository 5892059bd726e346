package io.pgdeck.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pgdeck.connect.ConfigDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every action pgdeck ran, one JSON object per line, appended to a file in the user's config
 * directory. JSON lines rather than prose so later screens (matview refresh history) read it back.
 * The file is the user's alone (0600 in a 0700 directory): it holds every statement run.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    /** $XDG_CONFIG_HOME/pgdeck/audit.log, or ~/.config/pgdeck/audit.log. */
    public static AuditLog inUserConfigDir() {
        return new AuditLog(ConfigDir.path().resolve("audit.log"));
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Entry entry) {
        try {
            ConfigDir.createPrivateFile(file);
            Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }

    public synchronized List<Entry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Entry> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, Entry.class));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
    }

    /** One action: when, where, as whom, exactly what SQL, and how it ended. */
    public record Entry(Instant at, String target, String osUser, String dbUser, String title, String sql,
                        String outcome, String message, long durationMillis) {}
}
