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
 * {@link ShadowCheck} on a database with populated live tables: the verdicts are PostgreSQL's, the
 * analyzer agrees where it should, statements the shadow cannot hold are reported with why, and
 * afterwards the live tables are exactly as before and no shadow schema is left.
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
        assertThat(shadows()).isEmpty();
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
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 11}) {
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
        assertThat(reason(verdicts.get(7))).contains("schema-qualified name public");
        assertThat(reason(verdicts.get(8))).contains("user_counts is a materialized view");
        assertThat(reason(verdicts.get(9))).contains("every table");
        assertThat(reason(verdicts.get(10))).contains("GRANT_REVOKE");
        assertThat(live("users")).isEqualTo(users);
        assertThat(live("orders")).isEqualTo(orders);
        assertThat(shadows()).isEmpty();
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
        System.out.printf("ShadowCheckIT: 200 statements checked on the shadow in %d ms%n", ms);
        assertThat(verdicts).hasSize(200).allSatisfy(v -> assertThat(v.agrees()).as(v.describe()).isTrue());
        assertThat(ms).as("checking 200 statements on empty shadow tables").isLessThan(60_000);
        assertThat(shadows()).isEmpty();
    }

    @Test
    void aStatementThatNeedsObjectsOutsideTheShadowIsNotCheckedWithPostgresReason() {
        pg.sql("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
        List<ShadowVerdict> verdicts = check("CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()");

        assertThat(reason(verdicts.get(0))).contains("failed on the shadow").contains("touch()").contains("42883");
        assertThat(shadows()).isEmpty();
    }

    @Test
    void aStaleShadowLeftByACheckThatDiedIsDroppedByTheNextCheckButARecentOneIsLeftToItsCheck() {
        String stale = "zdm_shadow_1000000000_deadbeef";
        String recent = "zdm_shadow_" + java.time.Instant.now().getEpochSecond() + "_running";
        pg.sql("CREATE SCHEMA " + stale + "; CREATE TABLE " + stale + ".users (LIKE public.users); CREATE SCHEMA " + recent);

        check("ALTER TABLE users ALTER COLUMN created_at SET DEFAULT clock_timestamp()");

        assertThat(shadows()).containsExactly(recent);
        pg.sql("DROP SCHEMA " + recent);
    }

    private List<ShadowVerdict> check(String migration) {
        MigrationAnalysis analysis = new MigrationAnalyzer().analyze(SqlSplitter.split("migration.sql", migration),
                await(CatalogReader.read(pg.pool())));
        return await(new ShadowCheck().run(pg.pool(), analysis));
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

    private List<String> shadows() {
        List<String> out = new ArrayList<>();
        pg.sql("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'zdm_shadow%'").forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
