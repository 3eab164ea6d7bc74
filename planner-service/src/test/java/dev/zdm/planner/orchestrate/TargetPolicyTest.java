package dev.zdm.planner.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.StatementAnalysis;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetPolicyTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "COPY (SELECT 1) TO PROGRAM 'id > f'                                  | copy-program",
            "copy t FROM program 'curl http://x'                                   | copy-program",
            "COPY t /* a comment */ TO PROGRAM 'gzip > /tmp/t.gz'                  | copy-program",
            "DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''id'''; END $$      | copy-program",
            "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN COPY t TO PROGRAM 'x'; END $f$ | copy-program",
            "ALTER SYSTEM SET work_mem = '1GB'                                    | alter-system",
            "CREATE ROLE intruder LOGIN SUPERUSER                                 | roles",
            "ALTER USER app PASSWORD 'x'                                          | roles",
            "DROP ROLE app                                                        | roles",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto                              | extensions",
            "DO $$ BEGIN IF true THEN CREATE EXTENSION dblink; END IF; END $$     | extensions",
            "COPY t TO STDOUT                                                     | -",
            "ALTER TABLE users ADD COLUMN program text                            | -",
            "COMMENT ON TABLE t IS 'we copy data with a program; create role later' | -",
            "ALTER TABLE users ALTER COLUMN role TYPE text                        | -",
            "CREATE TABLE user_roles (id int, role text)                          | -",
    })
    void readsWhatAStatementNeedsFromItsTokens(String sql, String needs) {
        assertThat(TargetPolicy.needs(statement(0, sql, null, List.of())).orElse(null)).isEqualTo(needs);
    }

    @Test
    void aCommentedOutStatementNeedsNothing() {
        assertThat(TargetPolicy.needs(statement(0, "-- COPY t TO PROGRAM 'x'\n/* CREATE ROLE r */ ALTER TABLE t ADD COLUMN c int", null, List.of())))
                .isEmpty();
    }

    @Test
    void aDangerStatementRunAsWrittenNeedsDirectDangerOnlyUnderTheDirectStrategy() {
        List<String> danger = List.of("DANGER BREAKS_RUNNING_APP: DROP TABLE pv1 breaks any running application version that uses it");
        assertThat(TargetPolicy.needs(statement(0, "DROP TABLE pv1", "direct", danger))).contains("direct-danger");
        assertThat(TargetPolicy.needs(statement(0, "DROP TABLE pv1", "expand-contract", danger))).isEmpty();
        assertThat(TargetPolicy.needs(statement(0, "ALTER TABLE t ADD COLUMN c int", "direct", List.of("INFO X: fine")))).isEmpty();
        List<String> accepted = List.of("DANGER REWRITE (accepted): TYPE change of c from int to text: rewrites t");
        assertThat(TargetPolicy.needs(statement(0, "ALTER TABLE t ALTER COLUMN c TYPE text", "direct", accepted)))
                .as("the file's author accepting it does not lift the target's policy").contains("direct-danger");
    }

    @Test
    void refusesWithTheStatementTheAllowanceAndTheKeyToSetUnlessTheTargetAllowsIt() {
        List<StatementAnalysis> plan = List.of(statement(0, "ALTER TABLE t ADD COLUMN c int", null, List.of()),
                statement(1, "COPY (SELECT 1) TO PROGRAM 'id > f'", null, List.of()));
        assertThatThrownBy(() -> TargetPolicy.check("orders", plan, Set.of("extensions")))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("statement 2 needs 'copy-program'").contains("targets.orders.allow")
                            .contains("COPY (SELECT 1) TO PROGRAM");
                });
        assertThatCode(() -> TargetPolicy.check("orders", plan, Set.of("copy-program"))).doesNotThrowAnyException();
    }

    private static StatementAnalysis statement(int index, String sql, String strategy, List<String> findings) {
        return StatementAnalysis.newBuilder().setIndex(index).setSql(sql).setKind("UNKNOWN").setStrategy(strategy).setFindings(findings).build();
    }
}
