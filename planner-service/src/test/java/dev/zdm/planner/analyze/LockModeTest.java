package dev.zdm.planner.analyze;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LockModeTest {

    @Test
    void conflictMatrixIsSymmetric() {
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                assertThat(a.conflictsWith(b)).as(a + " vs " + b).isEqualTo(b.conflictsWith(a));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "ACCESS SHARE, false, false, false",
            "ROW SHARE, false, false, false",
            "ROW EXCLUSIVE, false, false, false",
            "SHARE UPDATE EXCLUSIVE, false, false, true",
            "SHARE, false, true, true",
            "SHARE ROW EXCLUSIVE, false, true, true",
            "EXCLUSIVE, false, true, true",
            "ACCESS EXCLUSIVE, true, true, true"})
    void whatEachModeBlocks(String name, boolean reads, boolean writes, boolean ddl) {
        LockMode m = LockMode.fromName(name);
        assertThat(m.docName()).isEqualTo(name);
        assertThat(m.blocksReads()).isEqualTo(reads);
        assertThat(m.blocksWrites()).isEqualTo(writes);
        assertThat(m.blocksDdl()).isEqualTo(ddl);
    }

    @Test
    void readsPgLocksSpelling() {
        assertThat(LockMode.fromName("ShareRowExclusiveLock")).isEqualTo(LockMode.SHARE_ROW_EXCLUSIVE);
        assertThat(LockMode.SHARE.max(LockMode.ROW_EXCLUSIVE)).isEqualTo(LockMode.SHARE);
        assertThat(LockMode.SHARE.conflictsWith(LockMode.SHARE)).isFalse();
        assertThat(LockMode.ROW_EXCLUSIVE.conflictsWith(LockMode.ROW_EXCLUSIVE)).isFalse();
    }
}
