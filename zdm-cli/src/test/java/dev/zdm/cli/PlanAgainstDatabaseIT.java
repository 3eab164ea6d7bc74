package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zdm plan --pg}: sizes from the live catalog, locks checked in a scratch database, live tables untouched. */
@ExtendWith(ZdmInfraExtension.class)
class PlanAgainstDatabaseIT {
    @TempDir
    Path dir;

    @Test
    void plans_with_the_live_catalog_and_checks_locks_in_a_scratch_database_without_touching_live_tables(TestInfra infra) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE orders (id bigserial PRIMARY KEY, price numeric(10,2), note varchar(20));"
                    + "INSERT INTO orders (price) SELECT g FROM generate_series(1, 50000) g; ANALYZE orders");
        }
        String before = query(infra, "SELECT pg_relation_filenode('orders') || ' ' || (SELECT count(*) FROM orders)");
        Path file = dir.resolve("m.sql");
        Files.writeString(file, "ALTER TABLE orders ALTER COLUMN price TYPE numeric(12,3);\nALTER TABLE orders ALTER COLUMN note TYPE varchar(40);\n");

        Plan run = plan(infra, file);
        int code = run.code();
        ByteArrayOutputStream out = run.out();
        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(code).as("exit status follows the verdict").isEqualTo(doc.get("requiresZeroDowntime").asBoolean() ? 1 : 0);
        assertThat(doc.get("statements").get(0).get("estimatedBlockingMs").asLong()).as("a rewrite of 50,000 rows takes time").isPositive();
        assertThat(doc.get("estimateIsGuess").asBoolean()).as("sizes come from the live catalog").isFalse();
        assertThat(doc.get("statements").get(0).get("rewritesTable").asBoolean()).isTrue();
        assertThat(doc.get("statements").get(1).get("rewritesTable").asBoolean()).as("varchar widening is binary-coercible").isFalse();
        JsonNode shadow = doc.get("shadowCheck");
        assertThat(shadow.size()).isEqualTo(2);
        shadow.forEach(v -> {
            assertThat(v.get("checked").asBoolean()).as(v.toString()).isTrue();
            assertThat(v.get("agrees").asBoolean()).as(v.toString()).isTrue();
        });
        assertThat(query(infra, "SELECT pg_relation_filenode('orders') || ' ' || (SELECT count(*) FROM orders)")).isEqualTo(before);
        assertThat(query(infra, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'price'"))
                .isEqualTo("numeric(10,2)");
        assertThat(query(infra, "SELECT count(*) FROM pg_database WHERE datname LIKE 'zdm\\_scratch\\_%'")).isEqualTo("0");
    }

    @Test
    void a_statement_postgres_refuses_on_the_scratch_copy_is_not_safe_as_written(TestInfra infra) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS invoices (id bigserial PRIMARY KEY, total numeric(10,2))");
        }
        Path file = dir.resolve("types.sql");
        Files.writeString(file, "ALTER TABLE invoices ADD COLUMN currency no_such_type;\n");
        Plan run = plan(infra, file);
        int code = run.code();
        ByteArrayOutputStream out = run.out();
        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(doc.get("statements").get(0).get("kind").asText()).isEqualTo("ADD_COLUMN");
        assertThat(doc.get("shadowCheck").get(0).get("failedOnPostgres").asBoolean()).as(doc.toString()).isTrue();
        assertThat(doc.get("shadowCheck").get(0).get("description").asText()).contains("no_such_type");
        assertThat(doc.get("requiresZeroDowntime").asBoolean()).isTrue();
        assertThat(code).isEqualTo(1);
    }

    @Test
    void with_pg_the_rows_dml_touches_come_from_explain(TestInfra infra) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS ledger (id bigserial PRIMARY KEY, amount int, note text);"
                    + "INSERT INTO ledger (amount, note) SELECT g, repeat('x', 200) FROM generate_series(1, 200000) g; ANALYZE ledger");
        }
        String before = query(infra, "SELECT count(*) || ' ' || sum(amount) FROM ledger");
        Path file = dir.resolve("dml.sql");
        Files.writeString(file, "UPDATE ledger SET amount = amount + 1 WHERE id < 50;\nUPDATE ledger SET amount = amount + 1 WHERE id > 0;\n");
        JsonNode statements = new ObjectMapper().readTree(plan(infra, file).out().toString(StandardCharsets.UTF_8)).get("statements");
        long few = statements.get(0).get("estimatedBlockingMs").asLong();
        long all = statements.get(1).get("estimatedBlockingMs").asLong();
        assertThat(all).as("every row of 200,000 against about 50").isGreaterThan(few * 50);
        assertThat(statements.get(1).get("strategy").asText()).isEqualTo("progressive");
        assertThat(statements.get(0).get("strategy").asText()).isEqualTo("direct");
        assertThat(query(infra, "SELECT count(*) || ' ' || sum(amount) FROM ledger")).as("EXPLAIN ran nothing").isEqualTo(before);
    }

    private record Plan(int code, ByteArrayOutputStream out) {
    }

    /** {@code zdm plan --json --pg URL FILE} in this process, its standard output captured. */
    private static Plan plan(TestInfra infra, Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new Plan(new CommandLine(new Zdm()).execute("plan", "--json", "--pg", infra.jdbcUrl(), file.toString()), out);
        } finally {
            System.setOut(previous);
        }
    }

    private static String query(TestInfra infra, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
