package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code zdm migrate} on a Flyway folder of 10 versions (safe and unsafe ones) under a live write
 * load, on a database where Flyway itself applied the first two: zdm takes them in, runs the other
 * eight through the pipeline, and leaves its history and Flyway's table agreeing. A second run while
 * the first holds the database is refused naming the holder; a file changed after it was applied is
 * drift; a version that fails stops the run, is refused with its reason next time, and runs again
 * once rolled back and fixed.
 */
@ExtendWith(ZdmInfraExtension.class)
class MigrateIT {
    private static final String[] VERSIONS = {
            "V1__create_accounts.sql", "CREATE TABLE accounts (id bigserial PRIMARY KEY, email text NOT NULL, balance int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO accounts (email, balance) SELECT 'a' || g || '@example.com', g % 100 FROM generate_series(1, 20000) g;\n",
            "V2__add_nickname.sql", "ALTER TABLE accounts ADD COLUMN nickname text;\n",
            "V3__index_email.sql", "CREATE INDEX accounts_email ON accounts (email);\n",
            "V4__status_not_null.sql", "ALTER TABLE accounts ADD COLUMN status text;\nUPDATE accounts SET status = 'active' WHERE status IS NULL;\n"
                    + "ALTER TABLE accounts ALTER COLUMN status SET NOT NULL;\n",
            "V5__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY, account_id bigint NOT NULL, total int NOT NULL);\n",
            "V6__orders_fk.sql", "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);\n",
            "V7__comment.sql", "COMMENT ON TABLE accounts IS 'customer accounts';\n",
            "V8__balance_default.sql", "ALTER TABLE accounts ALTER COLUMN balance SET DEFAULT 10;\n",
            "V9__backfill_nickname.sql", "UPDATE accounts SET nickname = 'n' || id WHERE nickname IS NULL;\n",
            "V10__balance_check.sql", "ALTER TABLE accounts ADD CONSTRAINT balance_nonnegative CHECK (balance >= 0);\n"};

    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    @Test
    void a_flyway_folder_runs_through_the_pipeline_and_both_histories_agree(TestInfra infra) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("db/migration"));
        for (int i = 0; i < VERSIONS.length; i += 2) Files.writeString(folder.resolve(VERSIONS[i]), VERSIONS[i + 1]);
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TestPipeline.TOKEN);
        // a control schema as this build makes it (a database kept from an older build may hold an older one)
        TestPipeline.exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE");
        try (TestPipeline pipeline = new TestPipeline(infra)) {
            // Flyway applied V1 and V2 before the team adopted zdm
            TestPipeline.exec(infra, "DROP TABLE IF EXISTS orders, accounts, flyway_schema_history CASCADE;"
                    + VERSIONS[1] + VERSIONS[3] + "CREATE TABLE flyway_schema_history (installed_rank integer NOT NULL PRIMARY KEY, version varchar(50), "
                    + "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer, "
                    + "installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL, "
                    + "success boolean NOT NULL);"
                    + "INSERT INTO flyway_schema_history VALUES (1, '1', 'create accounts', 'SQL', 'V1__create_accounts.sql', " + crc(VERSIONS[1])
                    + ", 'flyway', now(), 40, true), (2, '2', 'add nickname', 'SQL', 'V2__add_nickname.sql', " + crc(VERSIONS[3]) + ", 'flyway', now(), 3, true)");

            String[] args = {"migrate", folder.toString(), "--target", "main", "--pg", infra.jdbcUrl(), "--kafka", infra.kafkaBootstrap(),
                    "--topic-prefix", infra.topicPrefix(), "--token-file", tokenFile.toString(), "--verbose"};
            Run second;
            Run first;
            try (Workload app = TestPipeline.appWrites(infra, "UPDATE accounts SET balance = balance + 1 WHERE id = ? AND id = ?", 20_000)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                PrintStream previous = System.out;
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                try {
                    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> new CommandLine(new Zdm()).execute(args));
                    awaitLockHeld(infra);
                    int refused = new CommandLine(new Zdm()).execute(args);
                    second = new Run(refused, out.toString(StandardCharsets.UTF_8));
                    first = new Run(running.get(), "");
                } finally {
                    System.setOut(previous);
                }
                first = new Run(first.code(), out.toString(StandardCharsets.UTF_8));
                System.out.println(first.out());
                assertThat(app.errors()).as("the application's errors: " + app.firstError()).isZero();
                assertThat(app.writes()).isPositive();
            }
            assertThat(second.code()).as("a second run while the first holds the database").isEqualTo(1);
            assertThat(second.out()).contains("another run holds this database: 'zdm migrate by ");
            assertThat(first.code()).as(first.out()).isZero();
            assertThat(first.out()).contains("took in 2 version(s) flyway_schema_history says are applied").contains("8 pending")
                    .contains("8 version(s) applied");

            // both histories agree, version by version, with Flyway's own checksums
            List<String> flyway = rows(infra, "SELECT version || '|' || description || '|' || script || '|' || checksum || '|' || success "
                    + "FROM flyway_schema_history ORDER BY installed_rank");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < VERSIONS.length; i += 2) {
                String name = VERSIONS[i];
                String version = name.substring(1, name.indexOf("__"));
                expected.add(version + "|" + name.substring(name.indexOf("__") + 2, name.length() - 4).replace('_', ' ') + "|" + name + "|"
                        + crc(VERSIONS[i + 1]) + "|true");
            }
            assertThat(flyway).containsExactlyElementsOf(expected);
            assertThat(rows(infra, "SELECT version || '|' || state || '|' || (migration_id IS NOT NULL) || '|' || coalesce(strategy, '-') "
                    + "FROM zdm.schema_history ORDER BY version::int")).containsExactly("1|IMPORTED|false|-", "2|IMPORTED|false|-",
                    "3|APPLIED|true|progressive", "4|APPLIED|true|not-null-column", "5|APPLIED|true|direct", "6|APPLIED|true|constraint-not-valid",
                    "7|APPLIED|true|direct", "8|APPLIED|true|direct", "9|APPLIED|true|direct", "10|APPLIED|true|constraint-not-valid");
            assertThat(rows(infra, "SELECT count(*) FROM accounts WHERE nickname IS NULL OR status IS NULL")).containsExactly("0");
            assertThat(run("migrate", "status", folder.toString(), "--pg", infra.jdbcUrl()).code()).isZero();

            // a file changed after it was applied is drift, and nothing runs on top of it
            Files.writeString(folder.resolve("V3__index_email.sql"), "CREATE INDEX accounts_email ON accounts (lower(email));\n");
            Run status = run("migrate", "status", folder.toString(), "--pg", infra.jdbcUrl());
            assertThat(status.code()).isEqualTo(1);
            assertThat(status.out()).containsPattern("(?m)^3 +drift +V3__index_email\\.sql .*SHA-256 .* when applied, .* now$");
            Run drifted = run(args);
            assertThat(drifted.code()).isEqualTo(1);
            assertThat(drifted.out()).contains("3 (V3__index_email.sql) changed since it was applied");
            Files.writeString(folder.resolve("V3__index_email.sql"), VERSIONS[5]);

            // a version that fails stops the run; the next run refuses with the reason; rolled back and fixed, it runs
            Files.writeString(folder.resolve("V11__balance_small.sql"), "ALTER TABLE accounts ADD CONSTRAINT balance_small CHECK (balance < 0);\n");
            Files.writeString(folder.resolve("V12__orders_total_index.sql"), "CREATE INDEX CONCURRENTLY orders_total ON orders (total);\n");
            Files.writeString(folder.resolve("U12__orders_total_index.sql"), "DROP INDEX CONCURRENTLY IF EXISTS orders_total;\n");
            String[] dryRun = java.util.Arrays.copyOf(args, args.length + 1);
            dryRun[args.length] = "--dry-run";
            Run dry = run(dryRun);
            assertThat(dry.code()).as("a CHECK on a table in use needs zero-downtime handling").isEqualTo(1);
            assertThat(dry.out()).contains("2 pending").contains("V11__balance_small.sql: NEEDS ZERO-DOWNTIME HANDLING")
                    .contains("V12__orders_total_index.sql: SAFE AS WRITTEN");
            assertThat(rows(infra, "SELECT count(*) FROM zdm.schema_history WHERE version IN ('11', '12')")).as("a dry run changes nothing")
                    .containsExactly("0");
            Run failing = run(args);
            assertThat(failing.code()).isEqualTo(1);
            assertThat(failing.out()).contains("version 11 (V11__balance_small.sql) ended FAILED").contains("nothing after it runs");
            assertThat(rows(infra, "SELECT version || '|' || state FROM zdm.schema_history WHERE version IN ('11', '12')")).containsExactly("11|FAILED");
            String failedId = rows(infra, "SELECT migration_id FROM zdm.schema_history WHERE version = '11'").get(0);
            Run refusedAgain = run(args);
            assertThat(refusedAgain.code()).isEqualTo(1);
            assertThat(refusedAgain.out()).contains("11 (V11__balance_small.sql) failed as migration " + failedId)
                    .contains("zdm control rollback " + failedId);

            pipeline.control(failedId, "ROLLBACK");
            pipeline.await(failedId, e -> "planner".equals(e.getSource()) && "ROLLED_BACK".equals(e.getState()));
            Files.writeString(folder.resolve("V11__balance_small.sql"), "ALTER TABLE accounts ADD CONSTRAINT balance_small CHECK (balance < 1000000);\n");
            Run resumed = run(args);
            assertThat(resumed.code()).as(resumed.out()).isZero();
            assertThat(resumed.out()).contains("2 version(s) applied");
            assertThat(rows(infra, "SELECT version || '|' || state FROM zdm.schema_history WHERE version IN ('11', '12') ORDER BY version"))
                    .containsExactly("11|APPLIED", "12|APPLIED");
            assertThat(rows(infra, "SELECT count(*) FROM flyway_schema_history WHERE success")).containsExactly("12");

            // migrate down: every version after --to needs its down migration; V12's undo file runs through the pipeline
            String[] down = {"migrate", "down", folder.toString(), "--to", "10", "--target", "main", "--pg", infra.jdbcUrl(), "--kafka",
                    infra.kafkaBootstrap(), "--topic-prefix", infra.topicPrefix(), "--token-file", tokenFile.toString(), "--verbose"};
            Run noUndo = run(down);
            assertThat(noUndo.code()).isEqualTo(1);
            assertThat(noUndo.out()).contains("11 (V11__balance_small.sql) has no down migration in the folder; nothing migrated down");
            assertThat(rows(infra, "SELECT to_regclass('orders_total') IS NOT NULL")).containsExactly("t");
            down[4] = "11";
            Run undone = run(down);
            assertThat(undone.code()).as(undone.out()).isZero();
            assertThat(undone.out()).contains("1 version(s) migrated down");
            assertThat(rows(infra, "SELECT to_regclass('orders_total') IS NOT NULL")).containsExactly("f");
            assertThat(rows(infra, "SELECT state FROM zdm.schema_history WHERE version = '12'")).containsExactly("REVERTED");
            assertThat(rows(infra, "SELECT count(*) FROM flyway_schema_history WHERE version = '12'")).as("Flyway sees it pending").containsExactly("0");
            Run afterDown = run("migrate", "status", folder.toString(), "--pg", infra.jdbcUrl());
            assertThat(afterDown.out()).containsPattern("(?m)^12 +pending +V12__orders_total_index\\.sql");
            Files.delete(folder.resolve("V7__comment.sql"));
            Run missing = run("migrate", "status", folder.toString(), "--pg", infra.jdbcUrl());
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.out()).containsPattern("(?m)^7 +missing +V7__comment\\.sql");
            pipeline.assertNothingLeftBehind();
        }
    }

    /** Flyway's checksum: CRC-32 of the lines' UTF-8 bytes, without their line endings, as a signed int. */
    private static int crc(String sql) {
        CRC32 crc = new CRC32();
        for (String line : sql.split("\r?\n")) crc.update(line.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static void awaitLockHeld(TestInfra infra) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!rows(infra, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = " + (0x7A646D5F6D696772L & 0xFFFFFFFFL)).isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first run never took the lock");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Zdm()).execute(args);
        } finally {
            System.setOut(previous);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        return new Run(code, printed);
    }

    private static List<String> rows(TestInfra infra, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(infra.jdbcUrl()); var rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
