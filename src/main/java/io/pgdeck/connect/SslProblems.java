package io.pgdeck.connect;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;

/**
 * What went wrong with TLS, in one sentence naming the file or keyword to fix. pgJDBC's own
 * messages are translated, so this goes by the exception types and the profile's files, and
 * by the name of pgJDBC's host name verifier, which no translation changes.
 */
final class SslProblems {

    /** Where pgJDBC, like libpq, looks for the CA when sslrootcert is not given. */
    private static final Path DEFAULT_ROOT_CERT = Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");

    private SslProblems() {}

    /** The sentence, or null when the failure is not about TLS. */
    static String describe(Throwable error, ConnectionProfile target) {
        SslFiles files = target == null ? SslFiles.NONE : target.ssl();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException || t instanceof CertPathBuilderException) {
                String ca = files.rootCert() != null ? files.rootCert() : DEFAULT_ROOT_CERT.toString();
                return "The server's certificate is not signed by the CA in " + ca + ": check sslrootcert.";
            }
            if (t instanceof FileNotFoundException missing) {
                String sentence = missingFile(String.valueOf(missing.getMessage()), target, files);
                if (sentence != null) {
                    return sentence;
                }
            }
            String message = String.valueOf(t.getMessage());
            if (target != null && message.contains("PgjdbcHostnameVerifier")) {
                return "The server's certificate does not name the host " + target.host()
                        + ": connect by a name it holds, or use sslmode=verify-ca.";
            }
            if (files.key() != null && message.contains(files.key()) && isPem(files.key())) {
                return "The client key " + files.key() + " is not PKCS-8 DER (.pk8) or PKCS-12 (.p12), the forms"
                        + " pgJDBC reads: convert a PEM key with openssl pkcs8 -topk8 -outform DER -nocrypt"
                        + " -in client.key -out client.pk8.";
            }
        }
        return null;
    }

    private static String missingFile(String message, ConnectionProfile target, SslFiles files) {
        if (files.rootCert() == null && message.startsWith(DEFAULT_ROOT_CERT.toString()) && target != null) {
            return "sslmode=" + target.sslMode() + " needs the certificate of the CA that signed the server's:"
                    + " give its file as sslrootcert (or PGSSLROOTCERT).";
        }
        String[][] named = {{"sslrootcert", files.rootCert()}, {"sslcert", files.cert()}, {"sslkey", files.key()}};
        for (String[] file : named) {
            if (file[1] != null && message.startsWith(file[1])) {
                return "The file " + file[1] + " given as " + file[0] + " does not exist or cannot be read.";
            }
        }
        return null;
    }

    private static boolean isPem(String file) {
        try {
            byte[] start = Files.readAllBytes(Path.of(file));
            return new String(start, 0, Math.min(start.length, 64), StandardCharsets.US_ASCII).startsWith("-----BEGIN");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
