package io.pgdeck.connect;

/**
 * The files libpq's {@code sslrootcert}, {@code sslcert} and {@code sslkey} name, and the
 * {@code sslpassword} of the key: what {@code verify-full} against a private CA and client
 * certificates need. Any of them may be null. The key's password is never printed.
 */
public record SslFiles(String rootCert, String cert, String key, String keyPassword) {

    public static final SslFiles NONE = new SslFiles(null, null, null, null);

    public SslFiles {
        rootCert = blankToNull(rootCert);
        cert = blankToNull(cert);
        key = blankToNull(key);
        keyPassword = keyPassword == null || keyPassword.isEmpty() ? null : keyPassword;
    }

    @Override
    public String toString() {
        return "SslFiles[rootCert=" + rootCert + ", cert=" + cert + ", key=" + key
                + (keyPassword != null ? ", keyPassword=***" : "") + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
