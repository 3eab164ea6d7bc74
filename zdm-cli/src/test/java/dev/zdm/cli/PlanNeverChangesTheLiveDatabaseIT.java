package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code zdm plan --pg} against a database holding live tables with rows and indexes, with migrations
 * that would drop, truncate, empty or rewrite them by every spelling PostgreSQL accepts: comments
 * between a schema and its dot, quoted and Unicode-escaped names, search_path and role changes,
 * dynamic SQL in a DO block, concurrent index builds, VACUUM FULL, sequence functions. After each plan
 * a fingerprint of the live database (relations and their storage, columns, indexes, constraints,
 * sequences, every row, roles, databases) must be what it was before, and no scratch database, shadow
 * schema or replication slot may be left.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanNeverChangesTheLiveDatabaseIT {
    @TempDir
    Path dir;

    private TestInfra infra;

    static Stream<String> migrations() {
        return Stream.of(
                "DROP TABLE public/**/.pv1;",
                "ALTER TABLE public/**/.pv2 DROP COLUMN secret;",
                "DROP TABLE public\n-- a line comment\n.pv3;",
                "DROP INDEX CONCURRENTLY public/**/.pv4_v_idx;",
                "DROP TABLE \"public\"/**/.\"pv5\";",
                "SET search_path TO public;\nDROP TABLE pv1;\nALTER TABLE pv2 DROP COLUMN v;",
                "SELECT set_config('search_path', 'public', false);\nTRUNCATE pv3;",
                "SET ROLE CURRENT_USER;\nDROP TABLE pv4;",
                "SET SESSION AUTHORIZATION DEFAULT;\nDROP TABLE pv5;",
                "RESET ROLE;\nDELETE FROM pv1;",
                "DROP TABLE \"Live Data\".\"Accounts\";",
                "DROP TABLE U&\"Live\\0020Data\"./**/U&\"\\0041ccounts\";",
                "ALTER TABLE \"Live Data\" /* a comment */ . \"Accounts\" DROP COLUMN v;",
                "TRUNCATE pv2, pv3;",
                "DELETE FROM pv4;",
                "UPDATE pv5 SET v = 'changed';",
                "DO $$ BEGIN EXECUTE 'DROP TABLE public.x'; END $$;",
                "DO $$ BEGIN PERFORM set_config('search_path', 'public', true); EXECUTE 'TRUNCATE ' || 'pv1'; END $$;",
                "CREATE INDEX CONCURRENTLY pv1_new_idx ON public/**/.pv1 (v);",
                "VACUUM FULL public/**/.pv2;",
                "SELECT nextval('pv1_id_seq');",
                "ALTER SEQUENCE pv2_id_seq RESTART WITH 5000;",
                "ALTER TABLE x RENAME TO y;\nCREATE TABLE x (id int);");
    }

    @BeforeAll
    void seed(TestInfra infra) throws Exception {
        this.infra = infra;
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            sql.append("CREATE TABLE pv").append(i).append(" (id bigserial PRIMARY KEY, v text, secret text);")
                    .append("CREATE INDEX pv").append(i).append("_v_idx ON pv").append(i).append(" (v);")
                    .append("INSERT INTO pv").append(i).append(" (v, secret) SELECT 'v' || g, 's' || g FROM generate_series(1, 2000) g;");
        }
        sql.append("CREATE TABLE x (id int PRIMARY KEY); INSERT INTO x SELECT generate_series(1, 100);")
                .append("CREATE SCHEMA \"Live Data\"; CREATE TABLE \"Live Data\".\"Accounts\" (id int PRIMARY KEY, v text);")
                .append("INSERT INTO \"Live Data\".\"Accounts\" SELECT g, 'a' || g FROM generate_series(1, 500) g;")
                .append("ANALYZE");
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("migrations")
    void plan_with_pg_reads_the_live_database_and_changes_nothing_in_it(String migration) throws Exception {
        List<String> before = fingerprint();
        Path file = dir.resolve("migration.sql");
        Files.writeString(file, migration + "\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Zdm()).execute("plan", "--pg", infra.jdbcUrl(), file.toString());
        } finally {
            System.setOut(previous);
        }
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(fingerprint()).as("the live database after planning:\n%s\n%s", migration, printed).containsExactlyElementsOf(before);
        assertThat(code).as(printed).isIn(0, 1);
        assertThat(printed).contains("checked on a scratch copy of the schema").contains("the live database was only read");
        assertThat(leftBehind()).as("scratch databases, shadow schemas, slots").isEmpty();
    }

    /** Everything a migration could change in the live database, one line per fact, in a stable order. */
    private List<String> fingerprint() throws Exception {
        List<String> out = new ArrayList<>();
        String userRelations = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";
        lines(out, "SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' filenode ' || c.relfilenode "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + userRelations + " ORDER BY 1");
        lines(out, "SELECT 'column ' || c.oid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull "
                + "|| ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attnum > 0 AND NOT a.attisdropped AND " + userRelations + " ORDER BY 1");
        lines(out, "SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid ' || i.indisvalid FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + userRelations + " ORDER BY 1");
        lines(out, "SELECT 'constraint ' || k.conrelid::regclass || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k "
                + "JOIN pg_namespace n ON n.oid = k.connamespace WHERE " + userRelations + " ORDER BY 1");
        lines(out, "SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || coalesce(last_value::text, 'unused') FROM pg_sequences ORDER BY 1");
        lines(out, "SELECT 'role ' || rolname || ' ' || rolsuper || ' ' || rolcanlogin FROM pg_roles ORDER BY 1");
        lines(out, "SELECT 'database ' || datname FROM pg_database ORDER BY 1");
        List<String> tables = new ArrayList<>();
        lines(tables, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind = 'r' AND " + userRelations + " ORDER BY 1");
        for (String t : tables) lines(out, "SELECT 'rows " + t.replace("'", "''") + " ' || count(*) || ' ' "
                + "|| md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM " + t + " r");
        return out;
    }

    private List<String> leftBehind() throws Exception {
        List<String> out = new ArrayList<>();
        lines(out, "SELECT 'database ' || datname FROM pg_database WHERE datname LIKE 'zdm\\_scratch\\_%' "
                + "UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname LIKE 'zdm\\_shadow\\_%' "
                + "UNION ALL SELECT 'slot ' || slot_name FROM pg_replication_slots");
        return out;
    }

    private void lines(List<String> out, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
    }
}
