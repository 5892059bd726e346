package io.pgdeck.explain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Asks the server whether the referencing columns of the foreign keys whose triggers an ANALYZE
 * run fired have an index. Run on the EXPLAIN's own connection, inside its read-only transaction
 * before the rollback: nothing is written, and a table the statement created is still there.
 */
final class ForeignKeyIndex {

    /**
     * The trigger's relation is the referenced table for the action trigger (_a_), the referencing
     * one for the check (_c_): either names the key. An index serves the lookup when its leading
     * columns are the key's columns, in any order.
     */
    private static final String SQL = """
            SELECT c.conrelid::pg_catalog.regclass::text,
                   ARRAY(SELECT pg_catalog.quote_ident(a.attname::text)
                         FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                         ORDER BY k.n),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                           WHERE i.indrelid = c.conrelid AND i.indisvalid AND i.indpred IS NULL
                             AND (i.indkey::int2[])[0:pg_catalog.cardinality(c.conkey) - 1] @> c.conkey
                             AND c.conkey @> (i.indkey::int2[])[0:pg_catalog.cardinality(c.conkey) - 1])
            FROM pg_catalog.pg_constraint c
            JOIN pg_catalog.pg_class r ON r.oid IN (c.conrelid, c.confrelid)
            WHERE c.contype = 'f' AND c.conname = ? AND r.relname = ?
            LIMIT 1""";

    private ForeignKeyIndex() {}

    /** The keys found; when the catalog cannot be read, those found so far (the advice then says what to check). */
    static List<ForeignKey> of(Connection conn, List<TriggerTime> triggers) {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement(SQL)) {
            for (TriggerTime trigger : triggers) {
                if (trigger.constraint() == null || trigger.relation() == null
                        || keys.stream().anyMatch(k -> k.constraint().equals(trigger.constraint()))) {
                    continue;
                }
                st.setString(1, trigger.constraint());
                st.setString(2, trigger.relation());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        Array columns = rs.getArray(2);
                        keys.add(new ForeignKey(trigger.constraint(), rs.getString(1),
                                Arrays.asList((String[]) columns.getArray()), rs.getBoolean(3)));
                    }
                }
            }
        } catch (SQLException e) {
            // the statement's plan matters more than this advice: keep what was found
        }
        return keys;
    }
}
