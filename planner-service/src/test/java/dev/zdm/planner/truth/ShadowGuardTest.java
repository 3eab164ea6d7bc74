package dev.zdm.planner.truth;

import dev.zdm.domain.sql.TableName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowGuardTest {
    private final ShadowGuard guard = new ShadowGuard(Map.of(TableName.of("t"), 'r', TableName.of("p"), 'r', TableName.of("c"), 'r',
            TableName.of("v"), 'v', TableName.of("mv"), 'm', TableName.of("pt"), 'p', new TableName("other", "v"), 'v'));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "ALTER TABLE t ADD COLUMN c int                                   | -",
            "ALTER TABLE t ALTER COLUMN a TYPE bigint USING a::pg_catalog.int8 | -",
            "UPDATE t SET a = t.a + 1                                          | -",
            "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)                        | -",
            "VACUUM FULL t                                                     | -",
            "ALTER TABLE public.t ADD COLUMN c int                             | -",
            "ALTER TABLE \"public\".t ADD COLUMN c int                         | -",
            "INSERT INTO t (id) SELECT id FROM zdm._migration_progress         | -",
            "DO $$ BEGIN PERFORM set_config('search_path', 'public', true); END $$ | -",
            "SET search_path TO public                                         | -",
            "SET ROLE postgres                                                 | -",
            "GRANT SELECT ON t TO PUBLIC                                       | -",
            "DROP SCHEMA other CASCADE                                         | -",
            "SELECT * FROM v                                                   | v is a view",
            "SELECT * FROM other.v                                             | other.v is a view",
            "REFRESH MATERIALIZED VIEW mv                                      | mv is a materialized view",
            "BEGIN                                                             | TRANSACTION_CONTROL",
            "COMMIT                                                            | TRANSACTION_CONTROL",
            "VACUUM                                                            | every table",
            "REINDEX SCHEMA CONCURRENTLY s                                     | does not know",
            "ANALYZE                                                           | every table",
    })
    void refusesOnlyWhatTheScratchCopyCannotAnswerForWithTheReason(String sql, String reason) {
        var refusal = guard.refusal(Analyzed.last(sql));
        if (reason == null) assertThat(refusal).isEmpty();
        else assertThat(refusal).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)        | true",
            "VACUUM (VERBOSE) t                                | true",
            "CREATE DATABASE other_db                          | false",
    })
    void runsForRealOnlyConcurrentIndexFormsAndVacuumOfNamedTables(String sql, boolean forReal) {
        assertThat(guard.runsForReal(Analyzed.last(sql))).isEqualTo(forReal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE t ADD COLUMN c int                        | true",
            "CREATE INDEX t_a_idx ON t (a)                         | true",
            "CREATE TABLE t2 (id int)                              | true",
            "CREATE TYPE mood AS ENUM ('ok', 'sad')                | true",
            "CREATE TEMP TABLE scratch (id int)                    | false",
            "ALTER TABLE t SET SCHEMA other                        | true",
            "UPDATE t SET a = 1                                    | false",
            "TRUNCATE t                                            | false",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto               | false",
    })
    void replaysSchemaChangesButNotTemporaryObjectsOrData(String sql, boolean replayed) {
        assertThat(guard.replays(Analyzed.last(sql))).isEqualTo(replayed);
    }
}
