package dev.zdm.planner.strategy;

import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.parse.Metadata;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A group of statements one strategy plans together.
 *
 * @param strategy   the strategy that claimed them
 * @param anchor     the statement the claim is about (e.g. the DROP COLUMN); its metadata rules the claim
 * @param statements every statement in the group, anchor included, in file order
 * @param context    defaults and the schema as the anchor sees it
 */
public record Claim(Strategy strategy, StatementAnalysis anchor, List<StatementAnalysis> statements, PlanContext context) {
    public Claim {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(anchor, "anchor");
        statements = statements.stream().sorted(Comparator.comparingInt(StatementAnalysis::index)).distinct().toList();
        if (!statements.contains(anchor)) throw new IllegalArgumentException("a claim's statements must include its anchor");
    }

    /** The position of the claim's first statement: claims are planned in this order. */
    public int firstIndex() {
        return statements.get(0).index();
    }

    public Metadata metadata() {
        return anchor.statement().metadata();
    }
}
