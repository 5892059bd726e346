package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/**
 * A replication slot. An inactive slot keeps every WAL segment since its restart_lsn, so a slot
 * whose standby is gone fills the disk: {@code retainedBytes} is how much it holds back.
 *
 * @param walStatus     reserved, extended, unreserved or lost (13+)
 * @param safeWalSize   bytes that can still be written before the slot is lost; null without max_slot_wal_keep_size
 * @param inactiveSince when it was last released (17+; null before, and while active)
 * @param invalidationReason why it was invalidated (17+)
 */
public record ReplicationSlot(
        String name,
        String type,
        String database,
        boolean active,
        Integer activePid,
        String walStatus,
        Long retainedBytes,
        Long safeWalSize,
        OffsetDateTime inactiveSince,
        String invalidationReason) {

    public boolean retainsAtLeast(long bytes) {
        return retainedBytes != null && retainedBytes >= bytes;
    }
}
