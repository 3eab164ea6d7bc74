package dev.zdm.planner.strategy;

import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;

import java.util.Optional;

/** Whether a statement is safe to run as written on a live database, and if not, why. */
final class Safety {
    private Safety() {
    }

    static Optional<String> whyUnsafe(StatementAnalysis s, long thresholdMs) {
        if (s.kind() == StatementKind.UNKNOWN) return Optional.of("its form is unknown to zdm");
        Optional<String> refused = s.findings().stream().filter(f -> f.code().refusedByPostgres()).map(Finding::message).findFirst();
        if (refused.isPresent()) return refused;
        if (s.breaksRunningApp()) return Optional.of("it breaks the application version running now");
        if (s.blocks() && s.estimate().unknown()) return Optional.of("it blocks a table in use for a time zdm cannot estimate");
        if (s.blocks() && s.estimate().millis() > thresholdMs) {
            return Optional.of("it blocks a table in use for ~" + s.estimate().millis() + " ms");
        }
        return Optional.empty();
    }
}
