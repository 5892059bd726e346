package io.pgdeck.connect;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where pgdeck keeps the user's files (audit log, profiles), readable by the user only: the
 * audit log names servers, roles and every statement run, and the profiles say where they are.
 */
public final class ConfigDir {

    private static final String PRIVATE_DIRECTORY = "rwx------";
    private static final String PRIVATE_FILE = "rw-------";

    private ConfigDir() {}

    public static Path path() {
        String override = System.getProperty("pgdeck.config.dir");
        if (override != null) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("pgdeck");
    }

    /** Creates the directory and its missing parents as 0700 where the file system has POSIX permissions. */
    public static void createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute, permissions(PRIVATE_DIRECTORY));
        }
    }

    /** Creates the file as 0600 (and its directory as 0700) unless it exists. */
    public static void createPrivateFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            return;
        }
        createPrivateDirectories(absolute.getParent());
        try {
            Files.createFile(absolute, permissions(PRIVATE_FILE));
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // another writer won the race; its file was created the same way
        }
    }

    private static FileAttribute<?>[] permissions(String posix) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(posix))};
    }
}
