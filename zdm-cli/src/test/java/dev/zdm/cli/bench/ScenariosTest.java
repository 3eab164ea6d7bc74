package dev.zdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {
    @Test
    void zdmIsNamedAfterWhatDiffersFromTheExecutorsDefaults() {
        assertThat(Scenarios.zdm(25, 50_000, 0).name()).isEqualTo("zdm");
        assertThat(Scenarios.zdm(100, 5_000, 10).name()).isEqualTo("zdm[target 100 ms; max 5000 rows; delay 10 ms]");
    }

    @Test
    void scenariosRunInTheOrderAskedAndZdmOncePerTargetBatchTime() {
        List<Migration> m = Scenarios.create(List.of("zdm", "none", "guide-do-loop"), List.of(25L, 50L), 50_000, 0);
        assertThat(m).extracting(Migration::name).containsExactly("zdm", "zdm[target 50 ms]", "none", "guide-do-loop");
    }

    @Test
    void anUnknownScenarioIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Scenarios.create(List.of("naive"), List.of(100L), 50_000, 0))
                .hasMessageContaining("unknown scenario 'naive'").hasMessageContaining("naive-keyset");
    }
}
