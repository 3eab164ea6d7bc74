package dev.zdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final ResultRow BASELINE = new ResultRow("none", 0, 0, new AppStats(1000, 0, 0.8, 4.0, 20, 15));
    private static final ResultRow SINGLE = new ResultRow("single-update", 1_000_000, 300_000, new AppStats(100, 0, 1, 8_000, 8_100, 8_000));

    @Test
    void allMetWhenEveryNumberIsInsideItsLimit() {
        ResultRow zdm = new ResultRow("zdm", 1_000_000, 90_000, new AppStats(1000, 0, 1.0, 12.0, 90, 100));
        List<Targets.Verdict> verdicts = Targets.check(Optional.of(BASELINE), Optional.of(SINGLE), zdm);
        assertThat(verdicts).hasSize(4).allMatch(Targets.Verdict::met);
    }

    @Test
    void eachTargetIsMissedOnItsOwnNumber() {
        ResultRow zdm = new ResultRow("zdm", 1_000_000, 89_999, new AppStats(1000, 1, 1.0, 12.1, 300, 100.5));
        List<Targets.Verdict> verdicts = Targets.check(Optional.of(BASELINE), Optional.of(SINGLE), zdm);
        assertThat(verdicts).hasSize(4).noneMatch(Targets.Verdict::met);
        assertThat(verdicts.get(1).detail()).contains("12.1 ms vs limit 12.0 ms");
        assertThat(verdicts.get(3).detail()).contains("0.30x");
    }

    @Test
    void targetsThatNeedAMissingScenarioAreLeftOut() {
        ResultRow zdm = new ResultRow("zdm", 1_000_000, 90_000, new AppStats(1000, 0, 1.0, 12.0, 90, 50));
        ResultRow cancelledSingle = new ResultRow("single-update (statement_timeout 1 s; rolled back)", 0, 0, SINGLE.app());
        assertThat(Targets.check(Optional.empty(), Optional.of(cancelledSingle), zdm)).extracting(Targets.Verdict::target)
                .containsExactly("zero failed application transactions", "no stall over 100 ms");
    }
}
