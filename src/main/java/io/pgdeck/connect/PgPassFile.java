package io.pgdeck.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A ~/.pgpass file, matched as libpq matches it: lines of hostname:port:database:username:password,
 * '*' matching anything in the first four fields, '\' escaping ':' and '\', first match wins.
 */
final class PgPassFile {

    private static final Set<PosixFilePermission> GROUP_OR_WORLD = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PgPassFile() {}

    static Optional<String> password(Path file, String host, int port, String database, String user,
                                     Consumer<String> warnings) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            warnings.accept("password file \"" + file + "\" is not a plain file");
            return Optional.empty();
        }
        if (groupOrWorldAccess(file)) {
            warnings.accept("password file \"" + file + "\" has group or world access;"
                    + " permissions should be u=rw (0600) or less");
            return Optional.empty();
        }
        try {
            String[] wanted = {host, Integer.toString(port), database, user};
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Optional<String> password = match(line, wanted);
                if (password.isPresent()) {
                    return password;
                }
            }
        } catch (IOException e) {
            warnings.accept("cannot read password file \"" + file + "\": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The password of this line when its four fields match, or empty. */
    static Optional<String> match(String line, String[] wanted) {
        int pos = 0;
        for (String token : wanted) {
            pos = matchField(line, pos, token);
            if (pos < 0) {
                return Optional.empty();
            }
        }
        StringBuilder password = new StringBuilder();
        for (int i = pos; i < line.length() && line.charAt(i) != ':'; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
            }
            password.append(c);
        }
        return Optional.of(password.toString());
    }

    /** Where the next field starts when the field at {@code pos} matches {@code token}, else -1. */
    private static int matchField(String line, int pos, String token) {
        if (line.startsWith("*:", pos)) {
            return pos + 2;
        }
        int t = 0;
        for (int i = pos; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean escaped = false;
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
                escaped = true;
            }
            if (c == ':' && !escaped) {
                return t == token.length() ? i + 1 : -1;
            }
            if (t >= token.length() || token.charAt(t) != c) {
                return -1;
            }
            t++;
        }
        return -1;
    }

    private static boolean groupOrWorldAccess(Path file) {
        try {
            return Files.getPosixFilePermissions(file).stream().anyMatch(GROUP_OR_WORLD::contains);
        } catch (UnsupportedOperationException | IOException notPosix) {
            return false;
        }
    }
}
