package io.pgdeck.catalog;

/**
 * Bloat measured by reading the relation (pgstattuple, pgstattuple_approx or pgstatindex),
 * not estimated: what a DBA asks for before a VACUUM FULL or a REINDEX.
 *
 * @param method       the function that measured it
 * @param sizeBytes    the relation's size as the function read it
 * @param wastedBytes  tables: dead tuples plus free space; btrees: leaf space below the fillfactor
 *                     plus empty and deleted pages
 * @param deadTupleBytes tables only (0 for indexes)
 * @param freeBytes    tables: free space; btrees: the same as wastedBytes
 */
public record ExactBloat(RelationName relation, String method, long sizeBytes, long wastedBytes,
                         long deadTupleBytes, long freeBytes, boolean approximate) {

    public double wastedRatio() {
        return sizeBytes == 0 ? 0 : (double) wastedBytes / sizeBytes;
    }
}
