package dev.zdm.planner.strategy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Plan;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.planner.catalog.Dependent;
import dev.zdm.domain.plan.Removes;
import dev.zdm.planner.catalog.IndexInfo;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.parse.SqlSplitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {
    private static final TableStats USERS = new TableStats("public", "users", 5_000_000, 1L << 31,
            List.of(new ColumnInfo("id", "bigint", true, null, null), ColumnInfo.of("email", "text"), ColumnInfo.of("legacy", "text")),
            List.of(), List.of(new ConstraintInfo("users_pkey", ConstraintInfo.Type.PRIMARY_KEY, "PRIMARY KEY (id)", true, null)), List.of());
    private static final Catalog CATALOG = Catalog.of(List.of(USERS));

    private static PlannedMigration plan(String sql) {
        return new Planner().analyzeAndPlan(SqlSplitter.split("m.sql", sql), CATALOG);
    }

    @Test
    void everyPlanHasStableUniqueIdsTimeoutsAndGates() {
        String sql = """
                ALTER TABLE users ADD COLUMN note text;
                ALTER TABLE users DROP COLUMN legacy;
                ALTER TABLE users RENAME COLUMN email TO mail;
                CREATE INDEX users_note ON users (note);
                ALTER TABLE users ADD CONSTRAINT users_mail_key UNIQUE (mail);
                """;
        Plan plan = plan(sql).plan();
        assertThat(plan(sql).plan()).isEqualTo(plan);
        List<String> ids = new ArrayList<>();
        for (Phase p : plan.phases()) {
            assertThat(p.id()).isEqualTo("p" + (p.index() + 1));
            p.steps().forEach(s -> assertThat(s.id()).startsWith(p.id() + ".s"));
            p.rollback().forEach(s -> assertThat(s.id()).startsWith(p.id() + ".u"));
            p.steps().forEach(s -> ids.add(s.id()));
            p.rollback().forEach(s -> ids.add(s.id()));
            if (p.kind() == PhaseKind.APP) assertThat(p.steps()).isEmpty();
            p.steps().stream().filter(s -> s instanceof Step.Sql).map(s -> (Step.Sql) s)
                    .forEach(s -> assertThat(s.lockTimeoutMs()).isEqualTo(Step.DEFAULT_LOCK_TIMEOUT_MS));
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(plan.strategy()).isEqualTo("expand-contract");
        assertThat(plan.phases()).extracting(Phase::strategy).containsSubsequence("direct", "expand-contract", "dual-write", "progressive", "unique-constraint");
    }

    @Test
    void metadataSetsTimeoutsServiceAndVersions() {
        Plan plan = plan("""
                -- @metadata {"lockTimeoutMs": 200, "statementTimeoutMs": 9000, "service": "billing", "deploymentVersion": "2.4.0"}
                ALTER TABLE users DROP COLUMN legacy;
                """).plan();
        assertThat(plan.phases().get(1).waitsFor()).hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("billing@2.4.0"));
        Step.Sql first = (Step.Sql) plan.phases().get(0).steps().get(0);
        assertThat(first.lockTimeoutMs()).isEqualTo(200);
        assertThat(first.statementTimeoutMs()).isEqualTo(9000);
        assertThat(plan.phases().get(2).pointOfNoReturn()).isTrue();
    }

    @Test
    void anIndexWhosePredicateCallsNowIsRefusedNamingItUnlessItIsOnlyAStepToTheFullIndex() {
        for (String sql : List.of("CREATE INDEX CONCURRENTLY users_recent ON users (email) WHERE id > 0 AND now() > '2026-01-01';",
                "CREATE INDEX users_recent ON users (email) WHERE current_date > '2026-01-01';")) {
            PlannedMigration refused = plan(sql);
            assertThat(refused.rejected()).as(sql).isTrue();
            assertThat(refused.rejection().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(refused.rejection().getMessage()).containsIgnoringCase("IMMUTABLE").contains("2026-01-01");
            assertThat(refused.rejection().location()).isEqualTo("m.sql:1:1");
        }

        Plan plan = plan("""
                -- @metadata {"progressive": true, "partialIndexWhere": "id > 0 AND now() > '2026-01-01'"}
                CREATE INDEX CONCURRENTLY users_email ON users (email);
                """).plan();
        assertThat(plan.phases()).extracting(Phase::name).containsExactly("create-index");
        Step.CreateIndexConcurrently build = (Step.CreateIndexConcurrently) plan.phases().get(0).steps().get(0);
        assertThat(build.indexName()).isEqualTo("users_email");
        assertThat(build.sql()).doesNotContainIgnoringCase("now()");
    }

    @Test
    void unknownFormsAreRefusedUnlessTheAuthorAsksForDirect() {
        PlannedMigration refused = plan("ALTER TABLE users FROBNICATE;");
        assertThat(refused.rejected()).isTrue();
        assertThat(refused.rejection().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused.rejection().location()).isEqualTo("m.sql:1:1");
        assertThat(refused.analysis().statements()).hasSize(1);

        PlannedMigration accepted = plan("-- @metadata {\"strategy\": \"direct\"}\nALTER TABLE users FROBNICATE;");
        assertThat(accepted.rejected()).isFalse();
        assertThat(accepted.plan().phases()).singleElement().satisfies(p -> assertThat(p.pointOfNoReturn()).isTrue());
    }

    @Test
    void strategyNamesInMetadataAreChecked() {
        assertThatThrownBy(() -> new Planner().plan(SqlSplitter.split("m.sql", "SELECT 1;\n-- @metadata {\"strategy\": \"yolo\"}\nSELECT 2;"), CATALOG))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_METADATA);
                    assertThat(e.location()).isEqualTo("m.sql:2:14");
                    assertThat(e.getMessage()).contains("yolo", "expand-contract");
                });
        PlannedMigration wrong = plan("-- @metadata {\"strategy\": \"blue-green\"}\nALTER TABLE users ADD COLUMN x int;");
        assertThat(wrong.rejection().code()).isEqualTo(ErrorCode.BAD_METADATA);
        assertThat(wrong.rejection().getMessage()).contains("blue-green", "does not apply");
    }

    @Test
    void progressiveOnRequestTurnsAnUpdateIntoABackfill() {
        Plan plan = plan("-- @metadata {\"strategy\": \"progressive\", \"batchSize\": 500}\nUPDATE users SET email = lower(email) WHERE id < 100;").plan();
        Step.Backfill b = (Step.Backfill) plan.phases().get(0).steps().get(0);
        assertThat(b.pendingPredicate()).isEqualTo("id < 100");
        assertThat(b.options().batchSize()).isEqualTo(500);
        Plan all = plan("UPDATE users SET email = lower(email), legacy = NULL;").plan();
        assertThat(((Step.Backfill) all.phases().get(0).steps().get(0)).pendingPredicate())
                .isEqualTo("email IS DISTINCT FROM (lower(email)) OR legacy IS DISTINCT FROM (NULL)");
    }

    @Test
    void dualWriteRefusesThePrimaryKeyNamingTheBlueGreenRoute() {
        PlannedMigration pk = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql",
                "-- @metadata {\"zeroDowntime\": true}\nALTER TABLE users ALTER COLUMN id TYPE numeric(20);"), CATALOG);
        assertThat(pk.rejected()).isTrue();
        assertThat(pk.rejection().getMessage()).contains("dual-write refused", "column id is part of the primary key of public.users",
                "CREATE TABLE users_green");
    }

    @Test
    void dualWriteMovesTheForeignKeysThatReferenceTheColumnWhileTheApplicationWritesBoth() {
        TableStats referenced = new TableStats("public", "users", 10, 8192, USERS.columns(),
                List.of(new IndexInfo("users_email_key", 0, true, true, "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)",
                        List.of("email"))), USERS.constraints(),
                List.of(new Dependent(Dependent.Kind.FOREIGN_KEY, "orders_email_fkey", new TableName("shop", "Orders"),
                        "FOREIGN KEY (email) REFERENCES users(email) ON DELETE SET NULL (email)")));
        Plan plan = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql",
                "-- @metadata {\"zeroDowntime\": true}\nALTER TABLE users ALTER COLUMN email TYPE varchar(320);"), Catalog.of(List.of(referenced))).plan();
        List<String> names = plan.phases().stream().map(Phase::name).toList();
        assertThat(names.indexOf("carry-indexes")).as("the new column's unique index exists before a foreign key references it")
                .isLessThan(names.indexOf("reverse-sync"));
        Phase turn = plan.phases().get(names.indexOf("reverse-sync"));
        assertThat(names.indexOf("reverse-sync")).as("between the deployment that writes both and the one that writes the new column only")
                .isGreaterThan(names.indexOf("read-new-write-both")).isLessThan(names.indexOf("use-new-only"));
        List<String> moves = sqls(turn.steps());
        assertThat(moves.get(0)).contains("ALTER TABLE shop.\"Orders\" ADD CONSTRAINT orders_email_fkey_zdm_new "
                + "FOREIGN KEY (email) REFERENCES users(email_new) ON DELETE SET NULL (email) NOT VALID");
        assertThat(moves.get(1)).as("the old one goes only while the new one exists")
                .contains("conname = 'orders_email_fkey_zdm_new'", "DROP CONSTRAINT IF EXISTS orders_email_fkey;");
        List<String> undo = sqls(turn.rollback());
        assertThat(undo.get(0)).contains("ADD CONSTRAINT orders_email_fkey FOREIGN KEY (email) REFERENCES users(email) ON DELETE SET NULL (email) NOT VALID");
        assertThat(undo.get(1)).isEqualTo("ALTER TABLE shop.\"Orders\" VALIDATE CONSTRAINT orders_email_fkey");
        assertThat(((Step.Sql) turn.rollback().get(3)).removes()).isEqualTo(Removes.constraint(new TableName("shop", "Orders"), "orders_email_fkey_zdm_new"));
        assertThat(sqls(plan.phases().get(names.indexOf("validate-carried")).steps()))
                .contains("ALTER TABLE shop.\"Orders\" VALIDATE CONSTRAINT orders_email_fkey_zdm_new");
        List<String> contract = sqls(plan.phases().get(names.indexOf("contract")).steps());
        assertThat(indexOf(contract, "RENAME CONSTRAINT orders_email_fkey_zdm_new TO orders_email_fkey"))
                .isGreaterThan(indexOf(contract, "DROP COLUMN IF EXISTS email;"));
        assertThat(ColumnCarry.referencedColumns("FOREIGN KEY (a, \"B\") REFERENCES s.\"T\"(x, \"Y\") ON DELETE CASCADE"))
                .containsExactly("x", "Y");
    }

    private static List<String> sqls(List<Step> steps) {
        return steps.stream().filter(Step.Sql.class::isInstance).map(st -> ((Step.Sql) st).sql()).toList();
    }

    private static int indexOf(List<String> statements, String part) {
        for (int i = 0; i < statements.size(); i++) if (statements.get(i).contains(part)) return i;
        throw new AssertionError("no statement contains " + part + " in " + statements);
    }

    @Test
    void blueGreenRefusesDependantsItCannotRecreate() {
        TableStats withPolicy = new TableStats("public", "users", 10, 8192, USERS.columns(), List.of(), USERS.constraints(),
                List.of(new Dependent(Dependent.Kind.POLICY, "users_tenant", TableName.of("users"), "CREATE POLICY ...")));
        PlannedMigration m = new Planner().analyzeAndPlan(SqlSplitter.split("m.sql",
                "CREATE TABLE users_green (id bigint PRIMARY KEY, email text);"), Catalog.of(List.of(withPolicy)));
        assertThat(m.rejected()).isTrue();
        assertThat(m.rejection().getMessage()).contains("blue-green refused", "policy users_tenant");
    }

    @Test
    void blueGreenSetsGreenSequencesPastBlueAndUsesSharedColumnsWithoutAMapping() {
        Plan plan = plan("CREATE TABLE users_green (id bigserial PRIMARY KEY, email text, extra int);").plan();
        Phase sw = plan.phases().stream().filter(p -> p.name().equals("switch")).findFirst().orElseThrow();
        assertThat(((Step.Sql) sw.steps().get(0)).sql()).contains("setval(pg_get_serial_sequence('public.users_green', 'id')");
        assertThat(((Step.Sql) sw.steps().get(0)).sql()).as("compared as regclass, which quoting cannot break")
                .contains("format('%I.%I', schemaname, sequencename)::regclass = pg_get_serial_sequence('public.users', 'id')::regclass");
        assertThat(sw.steps()).anySatisfy(s -> assertThat(s).isInstanceOf(Step.Switch.class));
        Step.Copy copy = (Step.Copy) plan.phases().get(1).steps().get(1);
        assertThat(copy.mapping()).containsOnlyKeys("id", "email");
        Step.Sync start = (Step.Sync) plan.phases().get(1).steps().get(0);
        assertThat(start.reverseMapping()).as("the switch turns the sync around with it").containsOnlyKeys("id", "email");
        assertThat(plan.phases()).extracting(Phase::name).doesNotContain("reverse-sync");
        assertThat(sw.pointOfNoReturn()).isFalse();
    }

    @Test
    void blueGreenDerivesTheReverseOfAJsonbBuildObjectMapping() {
        var reverse = BlueGreenShape.reverse(java.util.Map.of("id", "id", "profile", "jsonb_build_object('firstName', first_name, 'age', age)"),
                java.util.Optional.of(new TableStats("public", "users", 10, 8192, List.of(dev.zdm.planner.catalog.ColumnInfo.of("id", "bigint"),
                        dev.zdm.planner.catalog.ColumnInfo.of("first_name", "text"), dev.zdm.planner.catalog.ColumnInfo.of("age", "integer")),
                        List.of(), List.of(), List.of())));
        assertThat(reverse).containsEntry("id", "id").containsEntry("first_name", "(profile ->> 'firstName')")
                .containsEntry("age", "(profile ->> 'age')::integer");
        assertThat(BlueGreenShape.reverse(java.util.Map.of("total", "price * quantity"), java.util.Optional.empty())).isNull();
    }

    @Test
    void createIndexBecomesConcurrentWithoutIfNotExists() {
        assertThat(SqlText.concurrently("CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a)")).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)");
        assertThat(SqlText.concurrently("create index concurrently i on t (a)")).isEqualTo("create index CONCURRENTLY i on t (a)");
    }

    @Test
    void statementsOnTablesCreatedInTheSameMigrationRunDirectly() {
        PlannedMigration m = plan("""
                CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz);
                CREATE INDEX audit_at ON audit (at);
                ALTER TABLE audit ADD COLUMN who text NOT NULL;
                """);
        assertThat(m.recommendedStrategy()).isEqualTo("direct");
        assertThat(m.analysis().requiresZeroDowntime()).isFalse();
        assertThat(m.statementStrategies()).containsOnly("direct");
    }
}
