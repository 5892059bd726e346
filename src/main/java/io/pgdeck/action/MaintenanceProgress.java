package io.pgdeck.action;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * Progress of VACUUM and ANALYZE from pg_stat_progress_vacuum and pg_stat_progress_analyze
 * (both exist in every supported version, 13 on). VACUUM (ANALYZE) shows in the first, then the
 * second. Counts heap blocks: scanned while scanning, vacuumed while vacuuming, sampled while
 * analyzing; phases without a count (vacuuming indexes, truncating) report a phase alone.
 */
public final class MaintenanceProgress implements ProgressSource {

    @Override
    public Optional<Progress> read(DSLContext monitoring, int actionPid) {
        Optional<Record3<String, Long, Long>> vacuum = monitoring
                .select(field(name("phase"), String.class),
                        field("case when phase = 'vacuuming heap' then heap_blks_vacuumed else heap_blks_scanned end",
                                Long.class),
                        field(name("heap_blks_total"), Long.class))
                .from(table(name("pg_catalog", "pg_stat_progress_vacuum")))
                .where(field(name("pid")).eq(val(actionPid)))
                .fetchOptional();
        if (vacuum.isPresent()) {
            return vacuum.map(r -> of("vacuum", r));
        }
        return monitoring
                .select(field(name("phase"), String.class), field(name("sample_blks_scanned"), Long.class),
                        field(name("sample_blks_total"), Long.class))
                .from(table(name("pg_catalog", "pg_stat_progress_analyze")))
                .where(field(name("pid")).eq(val(actionPid)))
                .fetchOptional()
                .map(r -> of("analyze", r));
    }

    private static Progress of(String what, Record3<String, Long, Long> r) {
        boolean counted = r.value1().contains("scanning heap") || r.value1().contains("vacuuming heap")
                || r.value1().contains("acquiring sample rows");
        return new Progress(what + ": " + r.value1(), counted && r.value2() != null ? r.value2() : 0,
                counted && r.value3() != null ? r.value3() : 0);
    }
}
