package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.parse.Token;
import dev.zdm.planner.parse.TokenType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.zdm.planner.strategy.SqlText.lit;

/**
 * A gradual feature rollout through {@code zdm._migration_feature_flags}: create the flag at 0%,
 * then one phase per rollout step (10, 50, 100 by default), each setting the percentage only while
 * the guarding circuit breaker is closed; rolling a step back returns to the previous percentage.
 * Claims the author's INSERT/UPDATE statements on {@code _migration_feature_flags} (the strategy
 * guide's recipe), whose percentages become the rollout steps, and {@code check_feature_flag} calls.
 */
final class FeatureFlagStrategy implements Strategy {

    @Override
    public String name() {
        return "feature-flag";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        Map<String, List<StatementAnalysis>> byFlag = new LinkedHashMap<>();
        for (StatementAnalysis s : board.eligible(this, FeatureFlagStrategy::touchesFlags)) {
            String flag = s.statement().metadata().flag() != null ? s.statement().metadata().flag() : flagName(s);
            byFlag.computeIfAbsent(flag == null ? "" : flag, k -> new ArrayList<>()).add(s);
        }
        List<Claim> out = new ArrayList<>();
        byFlag.forEach((flag, group) -> {
            if (!flag.isEmpty()) out.add(board.claim(this, group.get(0), group));
        });
        return out;
    }

    private static boolean touchesFlags(StatementAnalysis s) {
        boolean dml = s.change(Change.Dml.class).filter(d -> d.table().name().equals("_migration_feature_flags")).isPresent();
        boolean check = s.kind() == StatementKind.SELECT && s.sql().toLowerCase().contains("check_feature_flag");
        return dml || check || (s.statement().metadata().flag() != null && s.kind() == StatementKind.SELECT);
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        String flag = claim.metadata().flag() != null ? claim.metadata().flag() : flagName(claim.anchor());
        List<Integer> steps = claim.metadata().rolloutSteps() != null ? claim.metadata().rolloutSteps() : stepsOf(claim);
        String breaker = claim.context().breaker();
        plan.db("flag-setup", claim)
                .sql("INSERT INTO zdm._migration_feature_flags (flag_name, enabled, rollout_percentage, updated_at)\n"
                        + "VALUES (" + lit(flag) + ", true, 0, now()) ON CONFLICT (flag_name) DO NOTHING")
                .undoSql("DELETE FROM zdm._migration_feature_flags WHERE flag_name = " + lit(flag)).add();
        int previous = 0;
        for (int percent : steps) {
            int back = previous;
            plan.db("rollout " + percent + "%", claim)
                    .step(id -> new Step.FlagRollout(id, flag, percent, breaker))
                    .undo(id -> new Step.FlagRollout(id, flag, back, breaker)).add();
            previous = percent;
        }
    }

    /** The percentages the author's statements set, in increasing order; the defaults when none. */
    private static List<Integer> stepsOf(Claim claim) {
        TreeSet<Integer> found = new TreeSet<>();
        for (StatementAnalysis s : claim.statements()) {
            List<Token> tokens = SqlTokens.of(s.sql()).remaining();
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).type() == TokenType.NUMBER && mentionsPercentage(s, tokens, i)) {
                    int p = (int) Double.parseDouble(tokens.get(i).text());
                    if (p > 0 && p <= 100) found.add(p);
                }
            }
        }
        return found.isEmpty() ? claim.context().settings().rolloutSteps() : List.copyOf(found);
    }

    private static boolean mentionsPercentage(StatementAnalysis s, List<Token> tokens, int i) {
        if (s.kind() == StatementKind.UPDATE) return i >= 2 && tokens.get(i - 2).isWord("rollout_percentage");
        return s.kind() == StatementKind.INSERT;
    }

    /** The first string literal: the flag name in the guide's INSERT and in {@code WHERE flag_name = '...'}. */
    private static String flagName(StatementAnalysis s) {
        List<Token> tokens = SqlTokens.of(s.sql()).remaining();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).type() == TokenType.STRING && (s.kind() != StatementKind.UPDATE || (i >= 2 && tokens.get(i - 2).isWord("flag_name")))) {
                return tokens.get(i).value();
            }
        }
        return null;
    }
}
