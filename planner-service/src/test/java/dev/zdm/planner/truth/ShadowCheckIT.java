package dev.zdm.planner.truth;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.MigrationAnalysis;
import dev.zdm.planner.analyze.MigrationAnalyzer;
import dev.zdm.planner.catalog.CatalogReader;
import dev.zdm.planner.parse.SqlSplitter;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.zdm.planner.truth.ReactivePg.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShadowCheck} on a database with populated live tables: the verdicts are PostgreSQL's, taken in
 * a scratch database rebuilt from the live catalog; the analyzer agrees where it should, statements
 * the copy cannot hold are reported with why, and afterwards the live tables are exactly as before and
 * no scratch database is left.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowCheckIT {
    private ReactivePg pg;

    @BeforeAll
    void start(TestInfra infra) {
        pg = new ReactivePg(infra, 6);
        pg.sql("CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(255) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());"
                + "CREATE INDEX users_email_idx ON users (email);"
                + "INSERT INTO users (email) SELECT 'u' || g || '@example.com' FROM generate_series(1, 5000) g;"
                + "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL, total numeric(10,2));"
                + "INSERT INTO orders (user_id, total) SELECT g, 1 FROM generate_series(1, 5000) g;"
                + "CREATE MATERIALIZED VIEW user_counts AS SELECT count(*) AS n FROM users;"
                + "ANALYZE users; ANALYZE orders");
    }

    @AfterAll
    void stop() {
        pg.close();
    }

    @Test
    void typeChangeAndVolatileDefaultAreCheckedOnTheShadowAndTheLiveTableIsUntouched() {
        List<String> before = live("users");

        List<ShadowVerdict> verdicts = check("ALTER TABLE users ALTER COLUMN email TYPE text;\n"
                + "ALTER TABLE users ADD COLUMN x int DEFAULT random()");

        assertThat(verdicts).allSatisfy(v -> assertThat(v.agrees()).as(v.describe()).isTrue());
        Observation typeChange = observed(verdicts.get(0));
        assertThat(typeChange.locks()).isEqualTo(Map.of("users", LockMode.ACCESS_EXCLUSIVE));
        assertThat(typeChange.rewritten()).as("varchar to text is binary coercible").isEmpty();
        Observation volatileDefault = observed(verdicts.get(1));
        assertThat(volatileDefault.locks()).isEqualTo(Map.of("users", LockMode.ACCESS_EXCLUSIVE));
        assertThat(volatileDefault.rewritten()).containsExactly("users");
        assertThat(live("users")).isEqualTo(before);
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void checksWhatTheShadowCanHoldWhileTheLiveTablesAreLockedExclusiveAndSaysWhyNotForTheRest() {
        List<String> users = live("users");
        List<String> orders = live("orders");
        SqlConnection app = await(pg.pool().getConnection());
        List<ShadowVerdict> verdicts;
        try {
            // EXCLUSIVE conflicts with every mode but ACCESS SHARE: the check must need nothing more on live tables.
            await(app.query("BEGIN; LOCK TABLE users, orders IN EXCLUSIVE MODE").execute());
            verdicts = check("CREATE INDEX CONCURRENTLY users_created_idx ON users (created_at);\n"
                    + "ALTER TABLE users ADD COLUMN z int;\n"
                    + "CREATE INDEX users_z_idx ON users (z);\n"
                    + "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                    + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n"
                    + "DROP INDEX users_email_idx;\n"
                    + "TRUNCATE orders;\n"
                    + "ALTER TABLE public.users ADD COLUMN y int;\n"
                    + "REFRESH MATERIALIZED VIEW user_counts;\n"
                    + "VACUUM;\n"
                    + "GRANT SELECT ON users TO PUBLIC;\n"
                    + "UPDATE orders SET total = 0 WHERE user_id = 1");
        } finally {
            await(app.query("ROLLBACK").execute().eventually(app::close));
        }

        List<String> described = verdicts.stream().map(ShadowVerdict::describe).toList();
        assertThat(verdicts).as(String.join("\n", described)).hasSize(12);
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 11}) {
            assertThat(verdicts.get(i)).as(described.get(i)).isInstanceOf(ShadowVerdict.Checked.class);
            assertThat(verdicts.get(i).agrees()).as(described.get(i)).isTrue();
        }
        assertThat(observed(verdicts.get(0))).isEqualTo(new Observation(Map.of("users", LockMode.SHARE_UPDATE_EXCLUSIVE), java.util.Set.of(), java.util.Set.of(), false));
        assertThat(observed(verdicts.get(2)).locks()).as("the added column was kept for the index after it").containsEntry("users", LockMode.SHARE);
        assertThat(observed(verdicts.get(3)).locks())
                .isEqualTo(Map.of("orders", LockMode.SHARE_ROW_EXCLUSIVE, "users", LockMode.SHARE_ROW_EXCLUSIVE));
        assertThat(observed(verdicts.get(4)).locks()).isEqualTo(Map.of("orders", LockMode.SHARE_UPDATE_EXCLUSIVE, "users", LockMode.ROW_SHARE));
        assertThat(observed(verdicts.get(5)).locks()).as("the live index name is kept on the shadow").containsEntry("users", LockMode.ACCESS_EXCLUSIVE);
        assertThat(observed(verdicts.get(6)).rewritten()).as("TRUNCATE on a committed shadow gets a new relfilenode").containsExactly("orders");
        assertThat(verdicts.get(7).agrees()).as("a schema-qualified name resolves in the scratch copy: " + described.get(7)).isTrue();
        assertThat(reason(verdicts.get(8))).contains("user_counts is a materialized view");
        assertThat(reason(verdicts.get(9))).contains("every table");
        assertThat(verdicts.get(10)).as(described.get(10)).isInstanceOf(ShadowVerdict.Checked.class);
        assertThat(live("users")).isEqualTo(users);
        assertThat(live("orders")).isEqualTo(orders);
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void checksATwoHundredStatementMigrationInSeconds() {
        StringBuilder migration = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            migration.append("ALTER TABLE users ADD COLUMN c").append(i).append(" int;\n");
            migration.append("CREATE INDEX users_c").append(i).append("_idx ON users (c").append(i).append(");\n");
        }
        long started = System.nanoTime();

        List<ShadowVerdict> verdicts = check(migration.toString());

        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("ShadowCheckIT: 200 statements checked in a scratch database in %d ms%n", ms);
        assertThat(verdicts).hasSize(200).allSatisfy(v -> assertThat(v.agrees()).as(v.describe()).isTrue());
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void aStatementThatNeedsObjectsOutsideTheShadowIsNotCheckedWithPostgresReason() {
        pg.sql("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
        List<ShadowVerdict> verdicts = check("CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()");

        assertThat(reason(verdicts.get(0))).contains("failed in the scratch database").contains("touch()").contains("42883");
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void rebuildsTheTypesFunctionsSequencesTriggersAndConstraintsTheTablesDependOnUnderTheirLiveNames() {
        pg.sql("CREATE SCHEMA \"Live Data\"; CREATE TYPE \"Live Data\".mood AS ENUM ('ok', 'sad');"
                + "CREATE DOMAIN positive AS int CHECK (VALUE > 0); "
                + "CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || floor(random() * 1000) $$;"
                + "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;"
                + "CREATE TABLE \"Live Data\".\"Accounts\" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "mood \"Live Data\".mood NOT NULL DEFAULT 'ok', credit positive, code text DEFAULT next_code(), seq_no bigserial, updated_at timestamptz, "
                + "doubled bigint GENERATED ALWAYS AS (id * 2) STORED, CHECK (credit < 1000));"
                + "CREATE INDEX \"Accounts by mood\" ON \"Live Data\".\"Accounts\" (mood) WHERE credit > 1;"
                + "CREATE TRIGGER accounts_stamp BEFORE UPDATE ON \"Live Data\".\"Accounts\" FOR EACH ROW EXECUTE FUNCTION stamp();"
                + "INSERT INTO \"Live Data\".\"Accounts\" (credit) SELECT 5 FROM generate_series(1, 100)");
        try {
            ShadowReport report = report("ALTER TABLE \"Live Data\".\"Accounts\" ADD COLUMN note text;\n"
                    + "ALTER TABLE \"Live Data\".\"Accounts\" ALTER COLUMN credit TYPE bigint;\n"
                    + "INSERT INTO \"Live Data\".\"Accounts\" (credit) VALUES (7);\n"
                    + "DROP INDEX \"Live Data\".\"Accounts by mood\"");

            assertThat(report.notes()).as("every object the table needs was rebuilt").isEmpty();
            List<String> described = report.verdicts().stream().map(ShadowVerdict::describe).toList();
            assertThat(report.verdicts()).as(String.join("\n", described)).allSatisfy(v -> assertThat(v.agrees()).as(v.describe()).isTrue());
            assertThat(observed(report.verdicts().get(0)).locks()).isEqualTo(Map.of("Live Data.Accounts", LockMode.ACCESS_EXCLUSIVE));
            assertThat(observed(report.verdicts().get(1)).rewritten()).containsExactly("Live Data.Accounts");
            assertThat(scratchDatabases()).isEmpty();
        } finally {
            pg.sql("DROP SCHEMA \"Live Data\" CASCADE; DROP FUNCTION stamp(); DROP FUNCTION next_code(); DROP DOMAIN positive");
        }
    }

    @Test
    void aRoleWithoutCreatedbGetsEveryStatementNotCheckedWithTheReasonAndTheLiveDatabaseIsOnlyRead() {
        pg.sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'planner_no_createdb') THEN "
                + "CREATE ROLE planner_no_createdb LOGIN NOCREATEDB PASSWORD 'pw'; END IF; END $$;"
                + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO planner_no_createdb");
        List<String> users = live("users");
        MigrationAnalysis analysis = new MigrationAnalyzer().analyze(SqlSplitter.split("migration.sql", "DROP TABLE users;\nTRUNCATE orders"),
                await(CatalogReader.read(pg.pool())));
        ReactivePg limited = new ReactivePg(pg.options().getHost(), pg.options().getPort(), pg.options().getDatabase(), "planner_no_createdb",
                "pw", 2);
        try {
            ShadowReport report = await(new ShadowCheck().run(limited.vertx(), limited.pool(), limited.options(), analysis));

            assertThat(report.scratchDatabase()).isNull();
            assertThat(report.header()).startsWith("not checked against PostgreSQL").contains("the live database was only read");
            assertThat(report.verdicts()).hasSize(2).allSatisfy(v -> assertThat(reason(v)).contains("permission denied").contains("CREATEDB"));
            assertThat(live("users")).isEqualTo(users);
            assertThat(scratchDatabases()).isEmpty();
        } finally {
            limited.close();
        }
    }

    @Test
    void scratchDatabasesLeftByChecksThatDiedAreDroppedByTheNextCheckButOnesInUseAreLeft() {
        long now = java.time.Instant.now().getEpochSecond();
        String orphan = "zdm_scratch_" + (now - 120) + "_orphaned";
        String ancient = "zdm_scratch_1000000000_deadbeef";
        String starting = "zdm_scratch_" + now + "_starting";
        String busy = "zdm_scratch_" + (now - 120) + "_busy";
        for (String db : List.of(orphan, ancient, starting, busy)) pg.sql("CREATE DATABASE " + db + " TEMPLATE template0");
        ReactivePg inBusy = new ReactivePg(pg.options().getHost(), pg.options().getPort(), busy, pg.options().getUser(),
                pg.options().getPassword(), 1);
        try {
            inBusy.sql("SELECT 1");

            ShadowReport report = report("ALTER TABLE users ALTER COLUMN created_at SET DEFAULT clock_timestamp()");

            assertThat(scratchDatabases()).containsExactlyInAnyOrder(starting, busy);
            assertThat(report.notes()).contains("dropped the left-over scratch database " + orphan,
                    "dropped the left-over scratch database " + ancient);
        } finally {
            inBusy.close();
            pg.sql("DROP DATABASE " + starting);
            pg.sql("DROP DATABASE " + busy);
        }
    }

    private List<ShadowVerdict> check(String migration) {
        ShadowReport report = report(migration);
        assertThat(report.scratchDatabase()).as(String.join("\n", report.notes())).isNotNull();
        return report.verdicts();
    }

    private ShadowReport report(String migration) {
        MigrationAnalysis analysis = new MigrationAnalyzer().analyze(SqlSplitter.split("migration.sql", migration),
                await(CatalogReader.read(pg.pool())));
        return await(new ShadowCheck().run(pg.vertx(), pg.pool(), pg.options(), analysis));
    }

    private static Observation observed(ShadowVerdict v) {
        assertThat(v).as(v.describe()).isInstanceOf(ShadowVerdict.Checked.class);
        return ((ShadowVerdict.Checked) v).observed();
    }

    private static String reason(ShadowVerdict v) {
        assertThat(v).as(v.describe()).isInstanceOf(ShadowVerdict.NotChecked.class);
        return ((ShadowVerdict.NotChecked) v).reason();
    }

    /** The live table's storage, columns, indexes, constraints and row count. */
    private List<String> live(String table) {
        List<String> out = new ArrayList<>();
        String oid = "'public." + table + "'::regclass";
        pg.sql("SELECT 'relfilenode ' || relfilenode FROM pg_class WHERE oid = " + oid
                        + " UNION ALL SELECT * FROM (SELECT 'column ' || attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull "
                        + "FROM pg_attribute WHERE attrelid = " + oid + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum) c "
                        + "UNION ALL SELECT * FROM (SELECT 'index ' || pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = " + oid + " ORDER BY 1) i "
                        + "UNION ALL SELECT * FROM (SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                        + "WHERE conrelid = " + oid + " ORDER BY 1) k "
                        + "UNION ALL SELECT 'rows ' || count(*) FROM public." + table)
                .forEach(r -> out.add(r.getString(0)));
        return out;
    }

    private List<String> scratchDatabases() {
        List<String> out = new ArrayList<>();
        pg.sql("SELECT datname FROM pg_database WHERE datname LIKE 'zdm\\_scratch\\_%'").forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
