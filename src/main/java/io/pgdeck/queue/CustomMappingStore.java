package io.pgdeck.queue;

import io.pgdeck.connect.ConfigDir;
import io.pgdeck.connect.JsonConfigFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The user's custom queue mappings, as JSON in {@code queue-mappings.json} of the config directory. */
public final class CustomMappingStore {

    private final JsonConfigFile<MappingsFile> file;

    public CustomMappingStore(Path file) {
        this.file = new JsonConfigFile<>(file, MappingsFile.class, "the queue mappings");
    }

    public static CustomMappingStore inUserConfigDir() {
        return new CustomMappingStore(ConfigDir.path().resolve("queue-mappings.json"));
    }

    public Path file() {
        return file.path();
    }

    public synchronized List<CustomMapping> list() {
        return file.read().map(MappingsFile::mappings).map(List::copyOf).orElse(List.of());
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

    private void write(List<CustomMapping> mappings) {
        file.write(new MappingsFile(MappingsFile.CURRENT_VERSION, mappings));
    }

    record MappingsFile(int version, List<CustomMapping> mappings) {
        static final int CURRENT_VERSION = 1;
    }
}
