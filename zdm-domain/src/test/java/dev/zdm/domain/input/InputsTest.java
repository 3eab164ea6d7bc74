package dev.zdm.domain.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputsTest {
    @Test
    void namesAreShortSingleWordsWithoutControlCharacters() {
        assertThat(Inputs.nameProblem("m-20261206-add_status.v2")).isNull();
        assertThat(Inputs.nameProblem("ünïcode-ok")).isNull();
        assertThat(Inputs.nameProblem("")).contains("empty");
        assertThat(Inputs.nameProblem(null)).contains("empty");
        assertThat(Inputs.nameProblem("two words")).contains("white space");
        assertThat(Inputs.nameProblem("evil\r\nFAKE LOG LINE")).contains("control");
        assertThat(Inputs.nameProblem("tab\there")).contains("white space");
        assertThat(Inputs.nameProblem("x".repeat(129))).contains("at most 128");
        assertThat(Inputs.nameProblem("x".repeat(128))).isNull();
    }

    @Test
    void textIsOneLineAndSqlFitsWhatKafkaCarries() {
        assertThat(Inputs.textProblem(null)).isNull();
        assertThat(Inputs.textProblem("migrations/0042_add_status.sql")).isNull();
        assertThat(Inputs.textProblem("a\nb")).contains("control");
        assertThat(Inputs.sqlProblem("ALTER TABLE t ADD COLUMN c int;\n")).isNull();
        assertThat(Inputs.sqlProblem("  ")).contains("empty");
        assertThat(Inputs.sqlProblem("-- " + "x".repeat(Inputs.MAX_SQL_BYTES))).contains("at most " + Inputs.MAX_SQL_BYTES);
    }
}
