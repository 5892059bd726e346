package io.pgdeck.demo;

import io.pgdeck.db.insightdesk.Insightdesk;
import io.pgdeck.db.learning.Learning;
import io.pgdeck.db.parel.Parel;
import io.pgdeck.db.streamvibe.Streamvibe;
import java.util.List;
import org.jooq.Schema;
import org.jooq.Table;

/** The demo's schemas as jOOQ generated them from the schema files. */
final class DemoSchemas {

    static final List<Schema> ALL = List.of(Streamvibe.STREAMVIBE, Insightdesk.INSIGHTDESK, Learning.LEARNING, Parel.PAREL);

    private DemoSchemas() {
    }

    /** Every table and materialized view; partitioned tables stand for their partitions. */
    static List<Table<?>> tables() {
        return ALL.stream().flatMap(s -> s.getTables().stream()).toList();
    }
}
