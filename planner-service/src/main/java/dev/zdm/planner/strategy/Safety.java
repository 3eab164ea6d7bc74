package dev.zdm.planner.strategy;

import dev.zdm.planner.analyze.IndexPredicates;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;

import java.util.Optional;
import java.util.Set;

/** Whether a statement is safe to run as written on a live database, and if not, why. */
final class Safety {
    private static final Set<String> INVALID = Set.of("INVALID_TRIGGER", "NOT_ALLOWED_IN_BLOCK", IndexPredicates.NOT_IMMUTABLE);

    private Safety() {
    }

    static Optional<String> whyUnsafe(StatementAnalysis s, long thresholdMs) {
        if (s.kind() == StatementKind.UNKNOWN) return Optional.of("its form is unknown to zdm");
        if (s.findings().stream().anyMatch(f -> INVALID.contains(f.code()))) {
            return Optional.of(s.findings().stream().filter(f -> INVALID.contains(f.code())).findFirst().orElseThrow().message());
        }
        if (s.breaksRunningApp()) return Optional.of("it breaks the application version running now");
        if (s.blocks() && s.estimate().unknown()) return Optional.of("it blocks a table in use for a time zdm cannot estimate");
        if (s.blocks() && s.estimate().millis() > thresholdMs) {
            return Optional.of("it blocks a table in use for ~" + s.estimate().millis() + " ms");
        }
        return Optional.empty();
    }
}
