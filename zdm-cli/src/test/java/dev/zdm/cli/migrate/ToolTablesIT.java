package dev.zdm.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.cli.folder.Migration;
import dev.zdm.cli.folder.Versions;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each tool's table on PostgreSQL: what zdm reads from rows the tool wrote (a goose version taken
 * back down, a dirty golang-migrate run, a rolled-back Prisma migration), and what it writes, read
 * back the tool's way.
 */
@ExtendWith(ZdmInfraExtension.class)
class ToolTablesIT {
    /** A golang-migrate folder: versions 1, 3, 7 and 9. */
    private static final java.util.List<Migration> FOLDER = java.util.List.of(m("1", "a"), m("3", "c"), m("7", "b"), m("9", "d"));

    private static Migration m(String version, String name) {
        return new Migration(version, Versions.parse(version.replaceAll("[^0-9._]", "")), name, name + ".sql", Path.of(name + ".sql"),
                "SELECT '" + name + "';\n", null, true, false);
    }

    private static Connection fresh(TestInfra infra, String schema) throws Exception {
        Connection c = DriverManager.getConnection(infra.jdbcUrl());
        c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema + "; SET search_path = " + schema);
        return c;
    }

    @Test
    void goose_reads_the_latest_row_of_each_version(TestInfra infra) throws Exception {
        try (Connection c = fresh(infra, "tool_goose")) {
            ToolTable goose = ToolTables.of("goose").orElseThrow();
            assertThat(goose.applied(c, FOLDER)).isEmpty();
            goose.record(c, m("1", "a"), 5);
            c.createStatement().execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (2, true), (2, false), (3, true)");
            assertThat(goose.applied(c, FOLDER)).containsOnlyKeys("1", "3");
            goose.unrecord(c, m("3", "c"), m("1", "a"));
            assertThat(goose.applied(c, FOLDER)).as("migrated down as goose does: a row saying so").containsOnlyKeys("1");
            assertThat(query(c, "SELECT count(*) FROM goose_db_version WHERE version_id = 0")).as("goose's own first row").isEqualTo("1");
        }
    }

    @Test
    void golang_migrate_keeps_one_row_and_a_dirty_run_applies_nothing(TestInfra infra) throws Exception {
        try (Connection c = fresh(infra, "tool_golang")) {
            ToolTable golang = ToolTables.of("golang-migrate").orElseThrow();
            golang.record(c, m("1", "a"), 5);
            golang.record(c, m("7", "b"), 5);
            assertThat(query(c, "SELECT version || '|' || dirty FROM schema_migrations")).isEqualTo("7|false");
            assertThat(golang.applied(c, FOLDER)).as("every version of the folder up to the current one").containsOnlyKeys("1", "3", "7");
            golang.unrecord(c, m("7", "b"), m("1", "a"));
            assertThat(golang.applied(c, FOLDER)).containsOnlyKeys("1");
            golang.unrecord(c, m("1", "a"), null);
            assertThat(golang.applied(c, FOLDER)).isEmpty();
            golang.record(c, m("7", "b"), 5);
            c.createStatement().execute("UPDATE schema_migrations SET dirty = true");
            assertThat(golang.applied(c, FOLDER)).isEmpty();
        }
    }

    @Test
    void dbmate_and_diesel_a_row_per_version(TestInfra infra) throws Exception {
        try (Connection c = fresh(infra, "tool_rows")) {
            for (String tool : new String[] {"dbmate", "diesel"}) {
                ToolTable t = ToolTables.of(tool).orElseThrow();
                t.record(c, m("20200227231541", "a"), 5);
                t.record(c, m("20220607110405", "b"), 5);
                t.record(c, m("20220607110405", "b"), 5);
                assertThat(t.applied(c, FOLDER)).as(tool).containsOnlyKeys("20200227231541", "20220607110405");
                t.unrecord(c, m("20220607110405", "b"), m("20200227231541", "a"));
                assertThat(t.applied(c, FOLDER)).as(tool).containsOnlyKeys("20200227231541");
            }
        }
    }

    @Test
    void prisma_stores_the_sha256_and_skips_rolled_back_migrations(TestInfra infra) throws Exception {
        try (Connection c = fresh(infra, "tool_prisma")) {
            ToolTable prisma = ToolTables.of("prisma").orElseThrow();
            Migration init = m("20210605225044_init", "init");
            prisma.record(c, init, 5);
            c.createStatement().execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at) "
                    + "VALUES ('x', 'abc', now(), '20210615140247_added_selected_calendar', now())");
            assertThat(prisma.applied(c, FOLDER)).containsExactly(java.util.Map.entry("20210605225044_init", init.checksum()));
            prisma.unrecord(c, init, null);
            assertThat(prisma.applied(c, FOLDER)).isEmpty();
        }
    }

    @Test
    void flyway_rows_in_installed_rank_order_and_repeatables_by_description(TestInfra infra) throws Exception {
        try (Connection c = fresh(infra, "tool_flyway")) {
            ToolTable flyway = ToolTables.of("flyway").orElseThrow();
            flyway.record(c, m("1", "init"), 5);
            flyway.record(c, m("1.1", "more"), 5);
            c.createStatement().execute("INSERT INTO flyway_schema_history VALUES (3, NULL, 'views', 'SQL', 'R__views.sql', 42, 'me', now(), 1, true),"
                    + "(4, '2', 'broken', 'SQL', 'V2__broken.sql', 7, 'me', now(), 1, false)");
            assertThat(flyway.applied(c, FOLDER)).containsOnlyKeys("1", "1.1", "R__views");
            flyway.unrecord(c, m("1.1", "more"), m("1", "init"));
            assertThat(flyway.applied(c, FOLDER)).containsOnlyKeys("1", "R__views");
            flyway.record(c, m("1.1", "more"), 5);
            assertThat(query(c, "SELECT string_agg(installed_rank || ':' || coalesce(version, '-'), ',' ORDER BY installed_rank) FROM flyway_schema_history"))
                    .isEqualTo("1:1,3:-,4:2,5:1.1");
        }
    }

    private static String query(Connection c, String sql) throws Exception {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
