package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    @Test
    void a_safe_migration_exits_0() throws Exception {
        Run run = plan("ALTER TABLE users ADD COLUMN nickname text;\nCREATE INDEX CONCURRENTLY idx_users_nick ON users (nickname);\n");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("SAFE AS WRITTEN").contains("ADD_COLUMN").contains("CREATE_INDEX");
    }

    @Test
    void a_migration_that_needs_handling_exits_1_with_its_phases() throws Exception {
        Run run = plan("ALTER TABLE users DROP COLUMN legacy_field;\n");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("NEEDS ZERO-DOWNTIME HANDLING").contains("expand-contract").contains("waits for app@v1.1");
    }

    @Test
    void bad_input_exits_2_naming_file_line_and_column() throws Exception {
        Run run = plan("ALTER TABLE users ADD COLUMN a text;\nSELECT 'never closed;\n");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("migration.sql:2:8").contains("ZDM-SQL-PARSE");
    }

    @Test
    void json_carries_the_fields_a_ci_job_reads() throws Exception {
        Run run = plan("ALTER TABLE users RENAME COLUMN user_email TO customer_email;\n", "--json");
        assertThat(run.code()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("requiresZeroDowntime").asBoolean()).isTrue();
        assertThat(doc.get("recommendedStrategy").asText()).isEqualTo("dual-write");
        JsonNode s = doc.get("statements").get(0);
        for (String field : new String[] {"index", "sql", "kind", "tables", "lockMode", "rewritesTable", "scansTable", "blocksReads",
                "blocksWrites", "breaksRunningApp", "estimatedBlockingMs", "strategy", "findings"}) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.get("lockMode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(s.get("breaksRunningApp").asBoolean()).isTrue();
        assertThat(doc.get("phases").size()).isGreaterThan(2);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "ALTER TABLE users ADD COLUMN a int;\nALTER TABLE {{ .Schema }}.users ADD COLUMN b int;\n",
            "ALTER TABLE users ADD COLUMN a int;\nALTER TABLE \"\".x ADD COLUMN b int;\n",
            "ALTER TABLE users ADD COLUMN a int;\nDROP TABLE \"\";\n",
            "ALTER TABLE users ADD COLUMN a int;\nCREATE INDEX ON ;\n",
            "ALTER TABLE users ADD COLUMN a int;\nALTER TABLE ;\n",
    })
    void input_zdm_cannot_read_gets_an_answer_never_a_crash_and_a_refusal_says_where(String sql) throws Exception {
        Run run = plan(sql);
        assertThat(run.code()).as(run.out() + run.err()).isIn(1, 2);
        if (run.code() == 2) assertThat(run.err()).containsPattern("migration\\.sql:2:\\d+: ZDM-");
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void a_template_placeholder_is_bad_input_at_its_position() throws Exception {
        Run run = plan("ALTER TABLE users ADD COLUMN a int;\nALTER TABLE {{ .Schema }}.users ADD COLUMN b int;\n");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("migration.sql:2:13: ZDM-SQL-PARSE").contains("template placeholder");
    }

    @Test
    void a_binary_file_exits_2_naming_where_the_text_stops_being_utf8() throws Exception {
        Path file = dir.resolve("migration.sql");
        Files.write(file, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', 'x', (byte) 0xC3, (byte) 0x28, 0, 1, 2});
        Run run = planFile(file);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("migration.sql:2:2").contains("not UTF-8 text").doesNotContain("Input length");
    }

    @Test
    void an_unknown_form_is_never_safe_and_its_json_names_the_lock_it_assumes() throws Exception {
        Run run = plan("SECURITY LABEL FOR selinux ON TABLE users IS 'system_u:object_r:sepgsql_table_t:s0';\n", "--json");
        assertThat(run.code()).isEqualTo(1);
        JsonNode s = new ObjectMapper().readTree(run.out()).get("statements").get(0);
        assertThat(s.get("kind").asText()).isEqualTo("UNKNOWN");
        assertThat(s.get("lockMode").asText()).isEqualTo("ACCESS EXCLUSIVE");
    }

    @Test
    void a_plain_drop_index_of_an_unknown_table_takes_access_exclusive_and_is_planned_concurrently() throws Exception {
        Run run = plan("DROP INDEX public.pv4_v_idx;\n", "--json");
        assertThat(run.code()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("statements").get(0).get("lockMode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(doc.get("statements").get(0).get("blocksReads").asBoolean()).isTrue();
        assertThat(run.out()).contains("DROP INDEX CONCURRENTLY IF EXISTS pv4_v_idx");
    }

    @Test
    void a_lock_held_in_a_transaction_blocks_until_its_commit() throws Exception {
        Run held = plan("BEGIN;\nLOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(5);\nCOMMIT;\n", "--json");
        assertThat(held.code()).isEqualTo(1);
        JsonNode lock = new ObjectMapper().readTree(held.out()).get("statements").get(1);
        assertThat(lock.get("lockMode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(lock.get("estimatedBlockingMs").asLong()).isGreaterThanOrEqualTo(5000);
        assertThat(lock.get("findings").toString()).contains("HELD_UNTIL_COMMIT");

        Run shared = plan("BEGIN;\nLOCK TABLE accounts IN ACCESS SHARE MODE;\nSELECT pg_sleep(5);\nCOMMIT;\n");
        assertThat(shared.code()).as(shared.out()).isZero();
    }

    @Test
    void an_empty_file_says_there_is_nothing_to_do() throws Exception {
        Run run = plan("-- nothing yet\n\n/* still nothing */\n");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("NOTHING TO DO").doesNotContain("SAFE AS WRITTEN");
    }

    @Test
    void a_folder_is_planned_in_version_order_on_the_schema_its_earlier_migrations_build() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(folder.resolve("V10__status.sql"), "ALTER TABLE orders ADD COLUMN status text NOT NULL;\n");
        Files.writeString(folder.resolve("V2__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
        Files.writeString(folder.resolve("V1__users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Files.writeString(folder.resolve("V11__goose_style.sql"), "-- +goose Up\nALTER TABLE users ADD COLUMN nick text;\n-- +goose Down\nALTER TABLE users DROP COLUMN nick;\n");

        Run run = planFile(folder);
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsSubsequence("== V1__users.sql: SAFE", "== V2__orders.sql: SAFE", "== V10__status.sql: SAFE",
                "== V11__goose_style.sql: SAFE").contains("4 migration(s) reported: 4 safe as written, 0 need zero-downtime handling");

        // the same migration on its own: orders may be a live table, where a NOT NULL column without a default breaks inserts
        Run alone = planFile(folder.resolve("V10__status.sql"));
        assertThat(alone.code()).isEqualTo(1);

        Files.writeString(folder.resolve("V12__drop.sql"), "ALTER TABLE accounts DROP COLUMN legacy;\n");
        Files.writeString(folder.resolve("V13__broken.sql"), "SELECT 'never closed;\n");
        Run worst = planFile(folder, "--json");
        assertThat(worst.code()).as("the worst of all").isEqualTo(2);
        JsonNode doc = new ObjectMapper().readTree(worst.out());
        assertThat(doc.get("files").size()).isEqualTo(6);
        assertThat(doc.get("files").get(4).get("exitStatus").asInt()).isEqualTo(1);
        assertThat(doc.get("files").get(5).get("error").get("location").asText()).contains("V13__broken.sql:1:8");
        assertThat(doc.get("summary").get("exitStatus").asInt()).isEqualTo(2);
    }

    @Test
    void since_a_git_revision_reports_only_the_changed_migrations_planned_on_the_schema_of_all_earlier_ones() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path folder = Files.createDirectories(repo.resolve("db/migrations"));
        Files.writeString(folder.resolve("V1__users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "v1");
        Files.writeString(folder.resolve("V2__nick.sql"), "ALTER TABLE users ADD COLUMN nick text NOT NULL;\n");

        Run run = planFile(folder, "--since", "HEAD");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("== V2__nick.sql: SAFE").doesNotContain("V1__users.sql")
                .contains("1 migration(s) reported of 2 planned");
    }

    @Test
    void github_annotations_follow_the_workflow_command_syntax_and_gitlab_gets_a_code_quality_report() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ci"));
        Files.writeString(folder.resolve("V1__drop.sql"), "-- a comment line\nALTER TABLE accounts DROP COLUMN legacy;\n");
        Files.writeString(folder.resolve("V2__broken.sql"), "SELECT 'never closed;\n");

        Run github = planFile(folder, "--format", "github");
        assertThat(github.code()).isEqualTo(2);
        java.util.List<String> commands = github.out().lines().filter(l -> l.startsWith("::")).toList();
        assertThat(commands).isNotEmpty().allSatisfy(l -> assertThat(l)
                .matches("::(error|warning|notice) file=[^,:]+,line=[0-9]+,col=[0-9]+,title=zdm [^,:]+::[^\\r\\n]+"));
        assertThat(commands).anySatisfy(l -> assertThat(l).startsWith("::error file=" + folder.resolve("V1__drop.sql")
                        + ",line=2,col=1,title=zdm BREAKS_RUNNING_APP::DROP COLUMN legacy breaks").contains("(safe alternative: expand-contract"))
                .anySatisfy(l -> assertThat(l).startsWith("::error file=" + folder.resolve("V2__broken.sql") + ",line=1,col=8,title=zdm ZDM-SQL-PARSE::"));
        assertThat(CiFormats.property("a:b,c%d\ne")).isEqualTo("a%3Ab%2Cc%25d%0Ae");

        Run gitlab = planFile(folder, "--format", "gitlab");
        JsonNode issues = new ObjectMapper().readTree(gitlab.out());
        assertThat(issues.isArray()).isTrue();
        for (JsonNode issue : issues) {
            for (String field : new String[] {"description", "check_name", "fingerprint", "severity", "location"}) assertThat(issue.has(field)).as(field).isTrue();
            assertThat(issue.get("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
            assertThat(issue.get("location").get("lines").get("begin").asInt()).isPositive();
        }
        assertThat(issues.findValuesAsText("check_name")).contains("ZDM-SQL-PARSE");
        assertThat(new java.util.HashSet<>(issues.findValuesAsText("fingerprint"))).as("distinct fingerprints").hasSize(issues.size());
    }

    @Test
    void the_table_tells_identical_findings_once_and_wraps_long_lines() throws Exception {
        Run run = plan("ALTER TABLE a DROP COLUMN x;\nALTER TABLE b ADD COLUMN y int;\nALTER TABLE a DROP COLUMN x;\n");
        long told = run.out().lines().filter(l -> l.contains("BREAKS_RUNNING_APP: DROP COLUMN x")).count();
        assertThat(told).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("  1, 3. DANGER BREAKS_RUNNING_APP");
        assertThat(run.out().lines().filter(l -> !l.startsWith("  ") || l.length() > 0).filter(l -> l.startsWith("  ") && !l.contains("  -"))
                .mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(140);
        assertThat(PlanTable.wrap("one two three four", "  ")).isEqualTo("one two three four");
        assertThat(PlanTable.wrap("word ".repeat(40).strip(), "    ").lines().toList()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(110))
                .element(1).asString().startsWith("    word");
    }

    @Test
    void a_folder_its_tool_would_refuse_is_bad_input_naming_the_file_and_the_reason() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(folder.resolve("V1__init.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(folder.resolve("V1_0__again.sql"), "CREATE TABLE b (id int);\n");
        Files.writeString(folder.resolve("V1.0__third.sql"), "CREATE TABLE c (id int);\n");
        Run run = planFile(folder);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).contains("BAD INPUT").contains("V1_0__again.sql").contains("Flyway version 1.0");
        Run github = planFile(folder, "--format", "github");
        assertThat(github.out()).contains("::error file=" + folder.resolve("V1_0__again.sql")).contains("title=zdm ZDM-INVALID-REQUEST");
    }

    @Test
    void long_sql_in_the_phase_listing_wraps_at_spaces_outside_quotes() throws Exception {
        String literal = "'" + "a few words ".repeat(12).strip() + "'";
        String line = "          INSERT INTO audit (id, note, body) SELECT id, " + literal + ", $b$ " + "x y ".repeat(20) + "$b$ FROM "
                + "orders WHERE status IN ('one', 'two', 'three') AND created_at > now() - interval '30 days' AND price > 100";
        String wrapped = PlanTable.wrapSql(line);
        assertThat(wrapped.lines().count()).as(wrapped).isGreaterThan(3);
        assertThat(wrapped.lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("            "));
        assertThat(wrapped).contains(literal).contains("$b$ " + "x y ".repeat(20) + "$b$");
        assertThat(wrapped.replace("\n            ", " ")).isEqualTo(line);
        assertThat(wrapped.lines().filter(l -> !l.contains(literal) && !l.contains("$b$"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(110));
        assertThat(PlanTable.wrapSql("  short line")).isEqualTo("  short line");

        StringBuilder wide = new StringBuilder("UPDATE orders SET note = 'n'");
        for (int i = 0; i < 30; i++) wide.append(" OR id = ").append(i);
        Run run = plan(wide.append(";\n").toString());
        String phases = run.out().substring(run.out().indexOf("\nphases"));
        assertThat(phases.lines().count()).isGreaterThan(5);
        assertThat(phases.lines()).as(phases).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(110));
    }

    @Test
    void sarif_validates_against_the_sarif_2_1_0_schema() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("sarif dir"));
        Files.writeString(folder.resolve("V1__drop.sql"), "ALTER TABLE accounts DROP COLUMN legacy;\nALTER TABLE accounts ADD COLUMN x int;\n");
        Files.writeString(folder.resolve("V2__broken.sql"), "SELECT 'never closed;\n");
        Files.writeString(folder.resolve("V3__accepted.sql"), "-- @metadata {\"allow\": [\"BREAKS_RUNNING_APP\"]}\nALTER TABLE accounts DROP COLUMN x;\n");
        Run run = planFile(folder, "--format", "sarif");
        assertThat(run.code()).isEqualTo(2);
        JsonNode log = new ObjectMapper().readTree(run.out());
        String schema;
        try (var in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var validator = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7).getSchema(schema);
        assertThat(validator.validate(log)).as("SARIF 2.1.0 schema violations").isEmpty();
        JsonNode results = log.get("runs").get(0).get("results");
        assertThat(results.findValuesAsText("ruleId")).contains("BREAKS_RUNNING_APP", "ZDM-SQL-PARSE");
        assertThat(results.findValuesAsText("uri")).allSatisfy(u -> assertThat(u).contains("sarif%20dir/").doesNotContain(" "));
        assertThat(results.findValues("startLine")).allSatisfy(n -> assertThat(n.asInt()).isPositive());
        assertThat(results).filteredOn(r -> r.toString().contains("V3__accepted.sql")).singleElement()
                .satisfies(r -> assertThat(r.get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource"));
        assertThat(results).filteredOn(r -> r.toString().contains("V1__drop.sql")).allSatisfy(r -> assertThat(r.has("suppressions")).isFalse());
        assertThat(log.get("runs").get(0).get("tool").get("driver").get("rules").findValuesAsText("text"))
                .contains("the application version running now fails after the statement");

        JsonNode broken = new ObjectMapper().readTree(run.out().replace("\"2.1.0\"", "\"2.2.0\""));
        assertThat(validator.validate(broken)).as("the validation can fail").isNotEmpty();
    }

    @Test
    void an_allowed_finding_is_reported_as_accepted_and_changes_the_exit_status() throws Exception {
        String drop = "ALTER TABLE accounts DROP COLUMN legacy;\n";
        assertThat(plan(drop).code()).isEqualTo(1);

        Run accepted = plan("-- @metadata {\"allow\": [\"BREAKS_RUNNING_APP\"]}\n" + drop);
        assertThat(accepted.code()).as(accepted.out() + accepted.err()).isZero();
        assertThat(accepted.out()).startsWith("SAFE AS WRITTEN - strategy direct").contains("1. DANGER BREAKS_RUNNING_APP (accepted): DROP COLUMN legacy");
        JsonNode finding = new ObjectMapper().readTree(plan("-- @metadata {\"allow\": [\"BREAKS_RUNNING_APP\"]}\n" + drop, "--json").out())
                .get("statements").get(0).get("findings").get(0);
        assertThat(finding.get("code").asText()).isEqualTo("BREAKS_RUNNING_APP");
        assertThat(finding.get("accepted").asBoolean()).isTrue();

        Run unknown = plan("-- @metadata {\"allow\": [\"BREAKS_APP\"]}\n" + drop);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("migration.sql:1:").contains("ZDM-BAD-METADATA").contains("\"BREAKS_APP\", which is not a finding code");

        Path folder = Files.createDirectories(dir.resolve("accepted"));
        Files.writeString(folder.resolve("V1__drop.sql"), "-- @metadata {\"allow\": [\"BREAKS_RUNNING_APP\"]}\n" + drop);
        Files.writeString(folder.resolve("V2__bad.sql"), "-- @metadata {\"allow\": [\"NOPE\"]}\n" + drop);
        Run text = planFile(folder);
        assertThat(text.code()).as("the unknown code in V2 is bad input").isEqualTo(2);
        assertThat(text.out()).contains("== V1__drop.sql: SAFE AS WRITTEN (accepted: BREAKS_RUNNING_APP at 2:1)")
                .contains("== V2__bad.sql: BAD INPUT").contains("1 finding(s) accepted");
        Files.delete(folder.resolve("V2__bad.sql"));
        Run github = planFile(folder, "--format", "github");
        assertThat(github.code()).isZero();
        assertThat(github.out()).contains("::notice file=" + folder.resolve("V1__drop.sql") + ",line=2,col=1,title=zdm BREAKS_RUNNING_APP (accepted)::")
                .doesNotContain("::error");
        JsonNode gitlab = new ObjectMapper().readTree(planFile(folder, "--format", "gitlab").out());
        assertThat(gitlab.get(0).get("severity").asText()).isEqualTo("info");
        assertThat(gitlab.get(0).get("description").asText()).startsWith("BREAKS_RUNNING_APP (accepted): ");
    }

    private static void git(Path repo, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", repo.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private Run plan(String sql, String... options) throws Exception {
        Path file = dir.resolve("migration.sql");
        Files.writeString(file, sql);
        return planFile(file, options);
    }

    private Run planFile(Path file, String... options) throws Exception {
        String[] args = new String[options.length + 2];
        args[0] = "plan";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = file.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Zdm()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
