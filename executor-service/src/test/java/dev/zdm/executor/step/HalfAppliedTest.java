package dev.zdm.executor.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A phase that stops part way says which of its steps are applied, keeping the failure's code, place and SQLSTATE. */
class HalfAppliedTest {
    @Test
    void names_the_applied_steps_and_keeps_the_failure() {
        ZdmException cause = new ZdmException(ErrorCode.SQL_ERROR, "step p1.s3: column x does not exist", "p1", "42703", null);
        ZdmException e = PhaseRunner.halfApplied(cause, List.of("p1.s1", "p1.s2"), 4);
        assertThat(e.getMessage()).isEqualTo("step p1.s3: column x does not exist; 2 of its 4 steps applied (p1.s1, p1.s2); "
                + "a resume skips them, a rollback undoes them");
        assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR);
        assertThat(e.location()).isEqualTo("p1");
        assertThat(e.sqlState()).isEqualTo("42703");
        assertThat(PhaseRunner.halfApplied(cause, List.of(), 4).getMessage()).endsWith("; none of its 4 steps applied");
    }
}
