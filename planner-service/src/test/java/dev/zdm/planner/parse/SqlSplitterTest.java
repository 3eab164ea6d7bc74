package dev.zdm.planner.parse;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlSplitterTest {

    private static List<String> sqls(String text) {
        return SqlSplitter.split("m.sql", text).stream().map(ParsedStatement::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsAndKeepsPositions() {
        List<ParsedStatement> s = SqlSplitter.split("m.sql", "SELECT 1;\n  -- note\n  ALTER TABLE t\n ADD c int;");
        assertThat(s).extracting(ParsedStatement::sql).containsExactly("SELECT 1", "ALTER TABLE t\n ADD c int");
        assertThat(s.get(1).position().toString()).isEqualTo("m.sql:3:3");
        assertThat(s.get(1).index()).isEqualTo(1);
    }

    @Test
    void semicolonsInsideQuotesCommentsAndDollarBodiesDoNotSplit() {
        String text = """
                INSERT INTO t VALUES ('a;b', 'it''s;', E'x\\';y');
                SELECT "we;ird" FROM t /* a ; /* nested ; */ still */ WHERE x = 1 -- c;
                ;
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $x$ $body$ LANGUAGE sql;
                CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;
                SELECT 3""";
        assertThat(sqls(text)).hasSize(6).element(1).asString().startsWith("SELECT \"we;ird\"").endsWith("x = 1");
        assertThat(sqls(text).get(3)).startsWith("CREATE FUNCTION f()").endsWith("LANGUAGE sql");
        assertThat(sqls(text).get(4)).endsWith("SELECT 2; END");
        assertThat(sqls(text).get(5)).isEqualTo("SELECT 3");
    }

    @Test
    void parenthesesProtectSemicolonsAndDollarSignsInIdentifiersAreNotQuotes() {
        assertThat(sqls("CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b); SELECT a$b$ FROM t; SELECT $1"))
                .hasSize(3);
    }

    @Test
    void metadataAttachesToFollowingStatementsUntilTheNext() {
        List<ParsedStatement> s = SqlSplitter.split("m.sql", """
                SELECT 0;
                -- @metadata {"zeroDowntime": true, "phase": "expand"}
                SELECT 1;
                SELECT 2;
                --@metadata {"phase": "contract", "maxDuration": 5000}
                SELECT 3;
                """);
        assertThat(s.get(0).metadata()).isEqualTo(Metadata.NONE);
        assertThat(s.get(1).metadata().phase()).isEqualTo("expand");
        assertThat(s.get(2).metadata()).isSameAs(s.get(1).metadata());
        assertThat(s.get(3).metadata().phase()).isEqualTo("contract");
        assertThat(s.get(3).metadata().maxDurationMs()).isEqualTo(5000L);
        assertThat(s.get(3).metadata().zeroDowntime()).isNull();
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                Arguments.of("SELECT 1;\nSELECT 'abc", "m.sql:2:8", "unterminated string literal"),
                Arguments.of("SELECT 1;\n  SELECT E'ab\\'c", "m.sql:2:10", "unterminated string literal"),
                Arguments.of("SELECT \"abc", "m.sql:1:8", "unterminated quoted identifier"),
                Arguments.of("SELECT 1 /* a /* b */", "m.sql:1:10", "unterminated block comment"),
                Arguments.of("DO $x$ BEGIN END $y$;", "m.sql:1:4", "unterminated dollar-quoted string"),
                Arguments.of("SELECT (1;", "m.sql:1:1", "unclosed"),
                Arguments.of("SELECT 1);", "m.sql:1:9", "without a matching"));
    }

    @ParameterizedTest
    @MethodSource("unterminated")
    void unterminatedFormsAreRejectedWithTheirStart(String text, String location, String message) {
        assertThatThrownBy(() -> SqlSplitter.split("m.sql", text))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_PARSE);
                    assertThat(e.location()).isEqualTo(location);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void metadataInsideAStatementIsRejected() {
        assertThatThrownBy(() -> SqlSplitter.split("m.sql", "ALTER TABLE t\n-- @metadata {}\nADD c int;"))
                .isInstanceOfSatisfying(ZdmException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_METADATA);
                    assertThat(e.location()).isEqualTo("m.sql:2:1");
                });
    }

    @Test
    void lineCommentAtEndOfFileWithoutNewlineAndEmptyStatements() {
        assertThat(sqls(";;SELECT 1;; -- done")).containsExactly("SELECT 1");
        assertThat(sqls("")).isEmpty();
    }
}
