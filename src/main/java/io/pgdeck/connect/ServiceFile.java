package io.pgdeck.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pg_service.conf file: {@code [name]} sections of keyword=value lines, '#' comments.
 * As in libpq, a section ends at the next header, and a missing file is simply skipped.
 */
final class ServiceFile {

    private ServiceFile() {}

    /** The keywords of {@code service} in {@code file}, or empty when the file or the section is absent. */
    static Optional<Map<String, String>> section(Path file, String service) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> found = null;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (found != null) {
                    break;
                }
                if (line.equals("[" + service + "]")) {
                    found = new LinkedHashMap<>();
                }
                continue;
            }
            if (found != null) {
                keyword(line, file, n, found);
            }
        }
        return Optional.ofNullable(found);
    }

    private static void keyword(String line, Path file, int n, Map<String, String> into) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("Syntax error in service file " + file + ", line " + n + ": expected keyword=value.");
        }
        String key = line.substring(0, eq).strip();
        if (key.equals("service")) {
            throw new IllegalArgumentException("Service file " + file + ", line " + n + ": a service cannot name another service.");
        }
        if (!ConnectionKeywords.known(key)) {
            throw new IllegalArgumentException("Service file " + file + ", line " + n + ": \"" + key
                    + "\" is not a libpq connection option.");
        }
        into.put(key, line.substring(eq + 1).strip());
    }
}
