package io.pgdeck.catalog;

/** Sequential against index scans of one table, from pg_stat_user_tables, for missing-index hints. */
public record TableScans(long tableOid, String schema, String table, long seqScans, long seqRowsRead,
                         long indexScans, long liveRows) {

    public double rowsPerSeqScan() {
        return seqScans == 0 ? 0 : (double) seqRowsRead / seqScans;
    }
}
