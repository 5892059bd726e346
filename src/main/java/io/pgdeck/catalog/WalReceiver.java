package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/**
 * This standby's WAL receiver (pg_stat_wal_receiver): whom it streams from and how far. The
 * connection string is not read: it may hold a password.
 */
public record WalReceiver(
        String status,
        String senderHost,
        Integer senderPort,
        String slotName,
        String writtenLsn,
        String flushedLsn,
        String latestEndLsn,
        OffsetDateTime lastMessageSentAt,
        OffsetDateTime lastMessageReceivedAt,
        OffsetDateTime latestEndAt) {

    public boolean streaming() {
        return "streaming".equals(status);
    }

    /** host:port of the primary, as the status bar says it. */
    public String sender() {
        return senderHost == null ? "an unknown primary" : senderHost + (senderPort == null ? "" : ":" + senderPort);
    }
}
