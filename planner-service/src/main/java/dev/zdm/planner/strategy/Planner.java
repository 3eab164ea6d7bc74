package dev.zdm.planner.strategy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.Plan;
import dev.zdm.planner.analyze.MigrationAnalysis;
import dev.zdm.planner.analyze.MigrationAnalyzer;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.ParsedStatement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The planner's facade: analyzes a migration, lets each strategy of {@link Strategies#ALL} claim
 * the statements it handles (in that order), and concatenates the claims' phases in file order.
 * Pure and thread-safe; the same statements and catalog always give the same plan.
 */
public final class Planner {
    private final PlannerSettings settings;
    private final List<Strategy> strategies;
    private final MigrationAnalyzer analyzer;

    public Planner(PlannerSettings settings, List<Strategy> strategies) {
        this.settings = settings;
        this.strategies = List.copyOf(strategies);
        this.analyzer = new MigrationAnalyzer(settings.analyzer());
    }

    public Planner() {
        this(PlannerSettings.DEFAULT, Strategies.ALL);
    }

    /**
     * The plan for {@code statements}.
     *
     * @throws ZdmException {@code BAD_METADATA} or {@code INVALID_REQUEST} with the statement's location when no safe plan exists
     */
    public Plan plan(List<ParsedStatement> statements, Catalog catalog) {
        PlannedMigration m = analyzeAndPlan(statements, catalog);
        if (m.rejected()) throw m.rejection();
        return m.plan();
    }

    /** The analysis and the plan (or why there is none); never throws for a migration that parsed. */
    public PlannedMigration analyzeAndPlan(List<ParsedStatement> statements, Catalog catalog) {
        MigrationAnalysis analysis = analyzer.analyze(statements, catalog);
        String[] byStatement = new String[statements.size()];
        try {
            checkStrategyNames(statements);
            List<Claim> claims = claimAll(new ClaimBoard(analysis.statements(), catalog, settings));
            claims.forEach(c -> c.statements().forEach(s -> byStatement[s.index()] = c.strategy().name()));
            PlanBuilder builder = new PlanBuilder();
            claims.forEach(c -> planClaim(c, builder));
            String recommended = claims.stream().map(c -> c.strategy().name()).filter(n -> !n.equals(DirectStrategy.NAME))
                    .findFirst().orElse(DirectStrategy.NAME);
            return new PlannedMigration(analysis, recommended, Arrays.asList(byStatement), builder.build(recommended), null);
        } catch (ZdmException e) {
            return new PlannedMigration(analysis, DirectStrategy.NAME, List.of(), null, e);
        }
    }

    /** Plans one claim; a strategy that fails on a statement it claimed rejects the migration naming that statement. */
    private static void planClaim(Claim c, PlanBuilder builder) {
        var first = c.statements().get(0);
        try {
            c.strategy().plan(c, builder);
        } catch (ZdmException e) {
            throw e.location() != null ? e : new ZdmException(e.code(), e.getMessage(), first.statement().position().toString());
        } catch (RuntimeException e) {
            throw new ZdmException(ErrorCode.INTERNAL, "strategy " + c.strategy().name() + " cannot plan statement " + (first.index() + 1) + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", first.statement().position().toString());
        }
    }

    private List<Claim> claimAll(ClaimBoard board) {
        List<Claim> claims = new ArrayList<>();
        for (Strategy s : strategies) {
            for (Claim c : s.claim(board)) {
                board.take(c);
                claims.add(c);
            }
        }
        List<StatementAnalysis> left = board.unclaimed();
        if (!left.isEmpty()) {
            StatementAnalysis s = left.get(0);
            throw new ZdmException(ErrorCode.BAD_METADATA, "strategy \"" + s.statement().metadata().strategy()
                    + "\" does not apply to statement " + (s.index() + 1) + " (" + s.kind() + ")", s.statement().position().toString());
        }
        claims.sort(Comparator.comparingInt(Claim::firstIndex));
        return claims;
    }

    private void checkStrategyNames(List<ParsedStatement> statements) {
        String known = strategies.stream().map(Strategy::name).collect(Collectors.joining(", "));
        for (ParsedStatement s : statements) {
            String asked = s.metadata().strategy();
            if (asked != null && strategies.stream().noneMatch(x -> x.name().equals(asked))) {
                throw new ZdmException(ErrorCode.BAD_METADATA, "unknown strategy \"" + asked + "\"; known: " + known,
                        s.metadata().position().toString());
            }
        }
    }
}
