package dev.zdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AppWindowTest {
    private static final long MS = 1_000_000;

    @Test
    void longestGapCountsTheWindowEdgesAndIgnoresCompletionsOutsideIt() {
        TxLog log = new TxLog();
        log.add(0, 50 * MS, true);      // before the window: ignored
        log.add(0, 110 * MS, true);
        log.add(0, 130 * MS, true);
        log.add(0, 400 * MS, true);     // 270 ms after the previous one: the longest gap
        log.add(0, 450 * MS, false);    // a failure completes too
        log.add(0, 900 * MS, true);     // after the end: ignored
        assertThat(AppWindow.longestGap(log, 100 * MS, 500 * MS)).isEqualTo(270 * MS);
    }

    @Test
    void theLongestStallSaysWhereItWas() {
        TxLog log = new TxLog();
        log.add(100 * MS, 110 * MS, true);
        log.add(120 * MS, 400 * MS, true);  // scheduled inside, completes after the window: the stall runs to it
        log.add(130 * MS, 140 * MS, true);
        AppWindow.Gap gap = AppWindow.longestStall(log, 100 * MS, 300 * MS);
        assertThat(gap).isEqualTo(new AppWindow.Gap(140 * MS, 400 * MS));
    }

    @Test
    void aGapRunningToTheEndOfTheWindowCounts() {
        TxLog log = new TxLog();
        log.add(0, 110 * MS, true);
        assertThat(AppWindow.longestGap(log, 100 * MS, 500 * MS)).isEqualTo(390 * MS);
    }

    @Test
    void nothingCompletingMeansTheWholeWindowIsAStall() {
        assertThat(AppWindow.longestGap(new TxLog(), 100 * MS, 500 * MS)).isEqualTo(400 * MS);
    }

    @Test
    void completionsAreSortedBeforeGapsAreTaken() {
        TxLog log = new TxLog();
        log.add(0, 300 * MS, true);
        log.add(0, 200 * MS, true);
        log.add(0, 400 * MS, true);
        assertThat(AppWindow.longestGap(log, 100 * MS, 450 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void aStallThatStartsInTheWindowAndEndsAfterItCountsInFull() {
        // window 0..1000 ms; a steady 10 ms cadence until 600 ms, then nothing until a transaction
        // scheduled at 610 ms completes at 1800 ms, after the window closed
        TxLog log = new TxLog();
        for (long t = 10; t <= 600; t += 10) log.add((t - 1) * MS, t * MS, true);
        log.add(610 * MS, 1800 * MS, true);
        log.add(1795 * MS, 1799 * MS, true); // scheduled after the window: breaks the stall, not measured for latency
        AppStats stats = AppWindow.measure(log, 0, 1000 * MS);
        assertThat(stats.maxStallMs()).isCloseTo(1199.0, within(0.01));
        assertThat(stats.maxMs()).isCloseTo(1190.0, within(2.0));
    }

    @Test
    void latencyIsFromTheScheduledStartAndCountsOnlyTransactionsDueInTheWindow() {
        TxLog log = new TxLog();
        log.add(100 * MS, 102 * MS, true);   // 2 ms
        log.add(200 * MS, 204 * MS, true);   // 4 ms
        log.add(300 * MS, 340 * MS, false);  // 40 ms, failed
        log.add(1500 * MS, 1501 * MS, false); // outside the window: neither latency nor failure
        AppStats stats = AppWindow.measure(log, 0, 1000 * MS);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.p50Ms()).isCloseTo(4.0, within(0.01));
        assertThat(stats.maxMs()).isCloseTo(40.0, within(0.05));
        // two successes completed inside the one-second window
        assertThat(stats.tps()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void mergeKeepsEveryTransactionAndItsOutcome() {
        TxLog a = new TxLog();
        for (int i = 0; i < 3000; i++) a.add(i, i + 1, i % 2 == 0);
        TxLog b = new TxLog();
        b.add(7, 9, false);
        TxLog all = TxLog.merge(java.util.List.of(a, b));
        assertThat(all.size()).isEqualTo(3001);
        long failures = 0;
        for (int i = 0; i < all.size(); i++) if (all.failed(i)) failures++;
        assertThat(failures).isEqualTo(1501);
    }

    @Test
    void latencyByKindSeparatesReadsFromWritesThatWaitedForRowLocks() {
        TxLog log = new TxLog();
        for (int i = 0; i < 100; i++) log.add(i * MS, i * MS + MS / 2, true, TxKind.READ);
        log.add(10 * MS, 95 * MS, true, TxKind.UPDATE);
        log.add(20 * MS, 21 * MS, true, TxKind.UPDATE);
        log.add(2000 * MS, 2090 * MS, true, TxKind.INSERT); // outside the window
        var kinds = AppWindow.byKind(log, 0, 1000 * MS);
        assertThat(kinds).containsOnlyKeys(TxKind.READ, TxKind.UPDATE);
        assertThat(kinds.get(TxKind.READ).count()).isEqualTo(100);
        assertThat(kinds.get(TxKind.READ).maxMs()).isCloseTo(0.5, within(0.01));
        assertThat(kinds.get(TxKind.UPDATE).maxMs()).isCloseTo(85.0, within(0.1));
    }
}
