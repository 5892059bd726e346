package io.pgdeck.connect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One JSON document the user keeps in pgdeck's config directory (saved profiles, queue mappings):
 * the user's alone (0600 in a 0700 directory), and replaced whole, so a crash mid-write never
 * leaves half a file.
 *
 * @param <T> the record the whole file reads into
 */
public final class JsonConfigFile<T> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // a hand-edited file (or one a later version wrote) with fields this one lacks still loads
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;
    private final String what;

    /** @param what what the file holds, for the sentence when it cannot be read or written */
    public JsonConfigFile(Path file, Class<T> type, String what) {
        this.file = file;
        this.type = type;
        this.what = what;
    }

    public Path path() {
        return file;
    }

    /** The document, or empty when the file does not exist yet. */
    public Optional<T> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + what + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Through a temporary file and a rename; the temporary file is created 0600, so the renamed one is too. */
    public void write(T content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            ConfigDir.createPrivateDirectories(dir);
            Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                JSON.writeValue(temp.toFile(), content);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
