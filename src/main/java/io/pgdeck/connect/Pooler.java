package io.pgdeck.connect;

/**
 * What stands between pgdeck and PostgreSQL, as the profile says it: a connection pooler
 * (PgBouncer in transaction mode hands each transaction to any server connection), where to
 * reach PostgreSQL directly for the actions that need a session of their own, and PgBouncer's
 * admin console.
 *
 * @param mode DETECT asks the address; DIRECT and POOLED are the user's word
 * @param directAddress host:port of the PostgreSQL behind the pooler (same database, user and
 *     password), or null: actions that cannot run in a transaction block need it
 * @param adminConsole a connection string for PgBouncer's {@code pgbouncer} database, or null
 */
public record Pooler(Mode mode, String directAddress, String adminConsole) {

    public enum Mode { DETECT, DIRECT, POOLED }

    public static final Pooler DETECT = new Pooler(Mode.DETECT, null, null);

    public Pooler {
        mode = mode == null ? Mode.DETECT : mode;
        directAddress = directAddress == null || directAddress.isBlank() ? null : directAddress.strip();
        adminConsole = adminConsole == null || adminConsole.isBlank() ? null : adminConsole.strip();
    }

    public Pooler withMode(Mode newMode) {
        return new Pooler(newMode, directAddress, adminConsole);
    }

    public Pooler withDirectAddress(String address) {
        return new Pooler(mode, address, adminConsole);
    }

    public Pooler withAdminConsole(String console) {
        return new Pooler(mode, directAddress, console);
    }
}
