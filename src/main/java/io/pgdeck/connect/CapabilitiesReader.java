package io.pgdeck.connect;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** Reads what the role can see and which extensions exist; cheap, so it is re-read on reconnect. */
final class CapabilitiesReader {

    private CapabilitiesReader() {}

    static Capabilities read(DSLContext db) {
        Map<String, String> installed = new HashMap<>();
        db.select(field(name("extname"), String.class), field(name("extversion"), String.class))
                .from(table(name("pg_catalog", "pg_extension")))
                .forEach(r -> installed.put(r.value1(), r.value2()));
        Set<String> available = db.select(field(name("name"), String.class))
                .from(table(name("pg_catalog", "pg_available_extensions")))
                .fetchSet(field(name("name"), String.class));
        Record roles = db.select(
                        field("(SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)", Boolean.class).as("su"),
                        field("pg_catalog.pg_has_role(current_user, 'pg_monitor', 'USAGE')", Boolean.class).as("mon"),
                        field("pg_catalog.pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')", Boolean.class).as("ras"),
                        // pg_settings hides it from roles without pg_read_all_settings, where
                        // current_setting() would fail the whole connection instead
                        field("(SELECT setting FROM pg_catalog.pg_settings WHERE name = 'shared_preload_libraries')",
                                String.class).as("preload"),
                        field("pg_catalog.pg_is_in_recovery()", Boolean.class).as("rec"))
                .fetchOne();
        String preload = roles.get("preload", String.class);
        Set<String> preloaded = preload == null ? librariesWithSettings(db) : Arrays.stream(preload.split(","))
                .map(s -> s.trim().replace("\"", ""))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        return new Capabilities(installed, available, preloaded,
                Boolean.TRUE.equals(roles.get("su", Boolean.class)),
                Boolean.TRUE.equals(roles.get("mon", Boolean.class)),
                Boolean.TRUE.equals(roles.get("ras", Boolean.class)),
                Boolean.TRUE.equals(roles.get("rec", Boolean.class)));
    }

    /**
     * When shared_preload_libraries is hidden, the loaded libraries still show through the
     * settings they define (pg_stat_statements.max...), which every role may read.
     */
    private static Set<String> librariesWithSettings(DSLContext db) {
        Field<String> settingName = field(name("name"), String.class);
        return db.selectDistinct(field("pg_catalog.split_part({0}, '.', 1)", String.class, settingName))
                .from(table(name("pg_catalog", "pg_settings")))
                .where(settingName.like("%.%"))
                .fetchSet(0, String.class);
    }

    static int serverVersionNum(DSLContext db) {
        return Integer.parseInt(db.select(field("pg_catalog.current_setting('server_version_num')", String.class))
                .fetchOne().value1());
    }

}
