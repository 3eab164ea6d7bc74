package dev.zdm.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets for zdm's backfill, checked against the rows of one run. Pure.
 *
 * <p>With the application at its fixed rate: no failed application transaction; application p99
 * within {@value #P99_FACTOR}x its p99 with no migration; no stall longer than {@value #MAX_STALL_MS} ms;
 * backfill rows/s at least {@value #SPEED_FACTOR}x the single {@code UPDATE}'s in the same run.
 */
final class Targets {
    static final double P99_FACTOR = 3.0;
    static final double MAX_STALL_MS = 100.0;
    static final double SPEED_FACTOR = 0.3;

    /** One target: met or not, with the numbers that decided it. */
    record Verdict(String target, boolean met, String detail) {
        @Override
        public String toString() {
            return (met ? "  met   " : "  MISSED ") + target + ": " + detail;
        }
    }

    private Targets() {
    }

    /**
     * @param baseline     the {@code none} row, when it ran
     * @param singleUpdate the {@code single-update} row, when it ran
     * @param zdm          the zdm row to check
     */
    static List<Verdict> check(Optional<ResultRow> baseline, Optional<ResultRow> singleUpdate, ResultRow zdm) {
        List<Verdict> verdicts = new ArrayList<>();
        AppStats app = zdm.app();
        verdicts.add(new Verdict("zero failed application transactions", app.failed() == 0, app.failed() + " failed"));
        baseline.ifPresent(b -> {
            double limit = P99_FACTOR * b.app().p99Ms();
            verdicts.add(new Verdict("p99 within " + fmt(P99_FACTOR) + "x baseline", app.p99Ms() <= limit,
                    fmt(app.p99Ms()) + " ms vs limit " + fmt(limit) + " ms (baseline p99 " + fmt(b.app().p99Ms()) + " ms)"));
        });
        verdicts.add(new Verdict("no stall over " + fmt(MAX_STALL_MS) + " ms", app.maxStallMs() <= MAX_STALL_MS,
                "longest stall " + fmt(app.maxStallMs()) + " ms"));
        singleUpdate.filter(s -> s.rowsPerSecond() > 0).ifPresent(s -> {
            double floor = SPEED_FACTOR * s.rowsPerSecond();
            verdicts.add(new Verdict("rows/s at least " + fmt(SPEED_FACTOR) + "x single UPDATE", zdm.rowsPerSecond() >= floor,
                    fmt(zdm.rowsPerSecond()) + " rows/s = " + String.format(Locale.ROOT, "%.2f", zdm.rowsPerSecond() / s.rowsPerSecond())
                            + "x of " + fmt(s.rowsPerSecond())));
        });
        return verdicts;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%.1f", v);
    }
}
