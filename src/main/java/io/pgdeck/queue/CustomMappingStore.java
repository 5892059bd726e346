package io.pgdeck.queue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgdeck.connect.ConfigDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The user's custom queue mappings, as JSON in {@code queue-mappings.json} of the config directory. */
public final class CustomMappingStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public CustomMappingStore(Path file) {
        this.file = file;
    }

    public static CustomMappingStore inUserConfigDir() {
        return new CustomMappingStore(ConfigDir.path().resolve("queue-mappings.json"));
    }

    public Path file() {
        return file;
    }

    public synchronized List<CustomMapping> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            MappingsFile content = JSON.readValue(file.toFile(), MappingsFile.class);
            return content.mappings() == null ? List.of() : List.copyOf(content.mappings());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the queue mappings in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds the mapping, or replaces the one of the same name where it stands. */
    public synchronized void save(CustomMapping mapping) {
        List<String> problems = mapping.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
        List<CustomMapping> mappings = new ArrayList<>(list());
        int at = -1;
        for (int i = 0; i < mappings.size(); i++) {
            if (mappings.get(i).name().equals(mapping.name())) {
                at = i;
            }
        }
        if (at >= 0) {
            mappings.set(at, mapping);
        } else {
            mappings.add(mapping);
        }
        write(mappings);
    }

    public synchronized boolean delete(String name) {
        List<CustomMapping> mappings = new ArrayList<>(list());
        boolean removed = mappings.removeIf(m -> m.name().equals(name));
        if (removed) {
            write(mappings);
        }
        return removed;
    }

    /** Through a temporary file and a rename, so a crash mid-write never leaves half a file. */
    private void write(List<CustomMapping> mappings) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "queue-mappings", ".json.tmp");
            try {
                JSON.writeValue(temp.toFile(), new MappingsFile(MappingsFile.CURRENT_VERSION, mappings));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the queue mappings to " + file + ": " + e.getMessage(), e);
        }
    }

    record MappingsFile(int version, List<CustomMapping> mappings) {
        static final int CURRENT_VERSION = 1;
    }
}
