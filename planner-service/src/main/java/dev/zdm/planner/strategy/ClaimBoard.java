package dev.zdm.planner.strategy;

import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.Catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The statements of one migration and which of them a strategy has claimed so far. Strategies
 * read it and propose claims; {@link Planner} records them with {@link #take}. Not thread-safe.
 */
public final class ClaimBoard {
    private final List<StatementAnalysis> statements;
    private final boolean[] claimed;
    private final Catalog catalog;
    private final PlannerSettings settings;

    ClaimBoard(List<StatementAnalysis> statements, Catalog catalog, PlannerSettings settings) {
        this.statements = List.copyOf(statements);
        this.claimed = new boolean[statements.size()];
        this.catalog = catalog;
        this.settings = settings;
    }

    /** Statements no strategy has claimed yet, in file order. */
    public List<StatementAnalysis> unclaimed() {
        List<StatementAnalysis> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) if (!claimed[i]) out.add(statements.get(i));
        return out;
    }

    /** Unclaimed statements {@code strategy} may take and {@code test} accepts. */
    public List<StatementAnalysis> eligible(Strategy strategy, Predicate<StatementAnalysis> test) {
        return unclaimed().stream().filter(s -> eligible(strategy, s)).filter(test).toList();
    }

    /** True when {@code s} is unclaimed and its author asked for no other strategy. */
    public boolean eligible(Strategy strategy, StatementAnalysis s) {
        String asked = asked(s);
        return !claimed[s.index()] && (asked == null || asked.equals(strategy.name()));
    }

    /** True when the author asked for exactly this strategy. */
    public boolean requested(Strategy strategy, StatementAnalysis s) {
        return strategy.name().equals(asked(s));
    }

    /**
     * The strategy the author asked for: the one metadata names, else {@code direct} for a statement
     * whose every WARNING and DANGER finding the author accepted (it runs as written), else null.
     */
    static String asked(StatementAnalysis s) {
        String named = s.statement().metadata().strategy();
        if (named != null) return named;
        return s.acceptedAsWritten() ? DirectStrategy.NAME : null;
    }

    /** A statement blocking a table in use longer than this needs a zero-downtime strategy. */
    public long thresholdMs() {
        return settings.analyzer().blockingThresholdMs();
    }

    /** Every statement of the migration, claimed or not. */
    public List<StatementAnalysis> all() {
        return statements;
    }

    /** Transaction-control statements directly around {@code s} (BEGIN before, COMMIT after), unclaimed. */
    public List<StatementAnalysis> transactionAround(StatementAnalysis first, StatementAnalysis last) {
        List<StatementAnalysis> out = new ArrayList<>();
        int before = first.index() - 1;
        int after = last.index() + 1;
        if (before >= 0 && !claimed[before] && statements.get(before).kind() == StatementKind.TRANSACTION_CONTROL) out.add(statements.get(before));
        if (after < statements.size() && !claimed[after] && statements.get(after).kind() == StatementKind.TRANSACTION_CONTROL) out.add(statements.get(after));
        return out;
    }

    /** A claim over {@code statements} anchored at {@code anchor}, with the context its anchor sees. */
    public Claim claim(Strategy strategy, StatementAnalysis anchor, List<StatementAnalysis> group) {
        return new Claim(strategy, anchor, group, new PlanContext(catalog, anchor.statement().metadata(), settings));
    }

    /** Records a claim; every statement of it must be unclaimed. */
    void take(Claim claim) {
        for (StatementAnalysis s : claim.statements()) {
            if (claimed[s.index()]) throw new IllegalStateException("statement " + s.index() + " claimed twice");
            claimed[s.index()] = true;
        }
    }
}
