package io.pgdeck.action;

/** What each partition statement locks, in the words the confirmations use. */
final class PartitionLocks {

    static final String CREATE = "CREATE TABLE ... PARTITION OF takes an ACCESS EXCLUSIVE lock on the parent"
            + " (every query on the set waits while it runs, which is brief)";
    static final String CREATE_WITH_DEFAULT = CREATE + "; with a DEFAULT partition PostgreSQL also scans the DEFAULT"
            + " partition under an ACCESS EXCLUSIVE lock to check none of its rows belong to the new range";
    static final String ATTACH = "ATTACH PARTITION takes a SHARE UPDATE EXCLUSIVE lock on the parent (reads and"
            + " writes go on) and an ACCESS EXCLUSIVE lock on the table attached, which is scanned to validate its rows";
    static final String DETACH_CONCURRENTLY = "DETACH PARTITION ... CONCURRENTLY takes only a SHARE UPDATE EXCLUSIVE"
            + " lock on the parent and waits for queries using the partition to finish; runs outside a transaction";
    static final String DETACH = "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent: every query on the"
            + " whole set waits while it runs";
    static final String LOCK_TIMEOUT = " lock_timeout gives up instead of queueing the application behind pgdeck.";

    private PartitionLocks() {}
}
