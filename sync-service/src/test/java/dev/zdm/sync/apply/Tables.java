package dev.zdm.sync.apply;

import dev.zdm.sync.db.TableInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog facts for unit tests, without a database. */
final class Tables {
    private Tables() {
    }

    /** {@code public.<name>} with the given columns as {@code name type typname} triples and {@code id} as primary key. */
    static TableInfo table(long oid, String name, String... columns) {
        Map<String, TableInfo.Column> cols = new LinkedHashMap<>();
        for (String column : columns) {
            String[] p = column.split(" ");
            cols.put(p[0], new TableInfo.Column(p[0], p[1].replace('_', ' '), p[2]));
        }
        return new TableInfo(oid, "public", name, cols, List.of("id"), List.of(List.of("id")), 'd', null, List.of());
    }

    static TableInfo users() {
        return table(1, "users", "id bigint int8", "email text text", "first_name text text", "last_name text text");
    }

    static TableInfo green() {
        return table(2, "users_green", "id bigint int8", "email character_varying(255) varchar", "profile jsonb jsonb");
    }
}
