package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.plan.Step;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Change.DefaultKind;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.domain.sql.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.zdm.planner.strategy.SqlText.q;

/**
 * A NOT NULL column (or a column with a volatile default) without a long lock: add it nullable,
 * set its default so the running application's new rows get a value, backfill existing rows in
 * batches, add {@code CHECK (c IS NOT NULL) NOT VALID}, {@code VALIDATE} it (no read or write
 * waits), then {@code SET NOT NULL} (PostgreSQL 12+ skips the scan thanks to the validated check)
 * and drop the check. Claims a {@code SET NOT NULL} with the ADD COLUMN, backfill UPDATE and SET
 * DEFAULT of the same column written around it (the strategy guide's recipe), or an
 * {@code ADD COLUMN} whose default would rewrite the table.
 */
final class NotNullColumnStrategy implements Strategy {

    @Override
    public String name() {
        return "not-null-column";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        List<Claim> out = new ArrayList<>();
        List<StatementAnalysis> taken = new ArrayList<>();
        for (StatementAnalysis anchor : board.eligible(this, s -> isSetNotNull(s) || isRewritingAdd(s))) {
            if (taken.contains(anchor)) continue;
            Column col = column(anchor);
            List<StatementAnalysis> group = new ArrayList<>(board.eligible(this, s -> !taken.contains(s) && belongs(s, col)));
            if (!group.contains(anchor)) group.add(anchor);
            taken.addAll(group);
            out.add(board.claim(this, anchor, group));
        }
        return out;
    }

    private record Column(TableName table, String name) {
    }

    private static Column column(StatementAnalysis s) {
        return s.change(Change.SetNotNull.class).map(c -> new Column(c.table(), c.column()))
                .orElseGet(() -> s.change(Change.AddColumn.class).map(a -> new Column(a.table(), a.column().name())).orElseThrow());
    }

    private static boolean isSetNotNull(StatementAnalysis s) {
        return s.kind() == StatementKind.SET_NOT_NULL && (s.scansTable() || s.breaksRunningApp()) && s.blocks();
    }

    private static boolean isRewritingAdd(StatementAnalysis s) {
        return s.kind() == StatementKind.ADD_COLUMN && s.blocks() && s.change(Change.AddColumn.class)
                .filter(a -> a.defaultKind() == DefaultKind.VOLATILE).isPresent();
    }

    /** ADD COLUMN, SET NOT NULL, SET DEFAULT of the column, or an UPDATE that only sets it. */
    private static boolean belongs(StatementAnalysis s, Column col) {
        for (Change c : s.changes()) {
            if (!col.table().equals(c.table())) return false;
        }
        if (s.change(Change.AddColumn.class).filter(a -> a.column().name().equals(col.name())).isPresent()) {
            return s.change(Change.AddColumn.class).get().defaultKind() != DefaultKind.IDENTITY
                    && s.change(Change.AddColumn.class).get().defaultKind() != DefaultKind.GENERATED && s.changes().size() == 1;
        }
        if (s.kind() == StatementKind.SET_NOT_NULL || s.kind() == StatementKind.SET_DEFAULT) {
            return s.changes().size() == 1 && (s.change(Change.SetNotNull.class).filter(n -> n.column().equals(col.name())).isPresent()
                    || s.change(Change.SetDefault.class).filter(d -> d.column().equals(col.name())).isPresent());
        }
        return s.change(Change.Dml.class).filter(d -> d.verb().equals("update") && assignsOnly(d.setClause(), col.name())).isPresent();
    }

    private static boolean assignsOnly(String setClause, String column) {
        if (setClause == null) return false;
        List<SqlTokens> parts = SqlTokens.of(setClause).splitTopLevel();
        return parts.size() == 1 && column.equals(parts.get(0).name());
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        Column col = column(claim.anchor());
        String t = col.table().sql();
        String c = q(col.name());
        Optional<Change.AddColumn> add = find(claim, Change.AddColumn.class);
        Optional<String> setDefault = find(claim, Change.SetDefault.class).map(Change.SetDefault::expression);
        String defaultExpr = setDefault.orElse(add.map(a -> a.column().defaultExpression()).orElse(null));
        Optional<Change.Dml> update = find(claim, Change.Dml.class);
        boolean notNull = claim.statements().stream().anyMatch(s -> s.kind() == StatementKind.SET_NOT_NULL)
                || add.map(a -> a.column().notNull()).orElse(false);
        PlanContext ctx = claim.context();

        if (add.isPresent() || defaultExpr != null) {
            PhaseBuilder p = plan.db(add.isPresent() ? "add-column" : "set-default", claim);
            if (add.isPresent()) {
                p.sql("ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + c + " " + add.get().column().type())
                        .undoSql("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + c, Removes.column(col.table(), col.name()));
            }
            if (defaultExpr != null) p.sql("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + defaultExpr);
            if (add.isEmpty()) p.undoSql(previousDefault(ctx, col));
            p.add();
        }
        String value = update.map(u -> u.setClause()).orElse(defaultExpr == null ? null : c + " = " + defaultExpr);
        if (value != null) {
            String pending = update.map(Change.Dml::where).filter(w -> w != null).orElse(c + " IS NULL");
            TableName table = col.table();
            PhaseBuilder p = plan.db("backfill", claim)
                    .step(id -> new Step.Backfill(id, table, ctx.keyColumns(col.table()).get(0), value, pending, ctx.batch()));
            if (add.isEmpty()) p.pointOfNoReturn();
            p.add();
        }
        if (notNull) notNullPhases(claim, plan, col);
    }

    private static void notNullPhases(Claim claim, PlanBuilder plan, Column col) {
        String t = col.table().sql();
        String c = q(col.name());
        String check = (col.table().name() + "_" + col.name()).substring(0, Math.min(50, (col.table().name() + "_" + col.name()).length())) + "_not_null";
        plan.db("check-not-valid", claim)
                .sql(SqlText.ifNoConstraint(col.table(), check, "ADD CONSTRAINT " + q(check) + " CHECK (" + c + " IS NOT NULL) NOT VALID"))
                .undoSql("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(check), Removes.constraint(col.table(), check)).add();
        plan.db("validate", claim).sql("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + q(check)).add();
        plan.db("set-not-null", claim)
                .sql("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL")
                .sql("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(check))
                .undoSql("ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL").add();
    }

    private static String previousDefault(PlanContext ctx, Column col) {
        String previous = ctx.catalog().table(col.table()).flatMap(s -> s.column(col.name())).map(ColumnInfo::defaultExpression).orElse(null);
        return "ALTER TABLE " + col.table().sql() + " ALTER COLUMN " + q(col.name()) + (previous == null ? " DROP DEFAULT" : " SET DEFAULT " + previous);
    }

    private static <T extends Change> Optional<T> find(Claim claim, Class<T> type) {
        return claim.statements().stream().map(s -> s.change(type)).flatMap(Optional::stream).findFirst();
    }
}
