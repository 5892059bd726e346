package io.pgdeck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority of a test's own, made with the openssl command: its certificate
 * ({@link #caCertificate()}), a server certificate for the name localhost signed by it, and client
 * certificates, each key as PEM and as the PKCS-8 DER pgJDBC reads. Keys are 0600, as PostgreSQL
 * demands of its own.
 */
public final class PrivateCa {

    private final Path dir;

    private PrivateCa(Path dir) {
        this.dir = dir;
    }

    public static PrivateCa createIn(Path dir) {
        PrivateCa ca = new PrivateCa(dir);
        ca.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=pgdeck test CA");
        // localhost only: a connection to 127.0.0.1 shows a name the certificate does not hold
        ca.signed("server", "localhost", "subjectAltName=DNS:localhost");
        return ca;
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** A client certificate for {@code role} (its common name): {@code role.crt}, {@code role.key} (PEM), {@code role.pk8}. */
    public void client(String role) {
        signed(role, role, "extendedKeyUsage=clientAuth");
        openssl("pkcs8", "-topk8", "-inform", "PEM", "-outform", "DER", "-nocrypt", "-in", role + ".key",
                "-out", role + ".pk8");
        privateFile(dir.resolve(role + ".pk8"));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    private void signed(String name, String commonName, String extension) {
        try {
            Files.writeString(dir.resolve(name + ".ext"), extension + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + commonName);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
        privateFile(dir.resolve(name + ".key"));
    }

    private static void privateFile(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
