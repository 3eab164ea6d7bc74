package dev.zdm.planner.strategy;

import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.plan.Step;
import dev.zdm.domain.plan.SyncAction;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.Dependent;
import dev.zdm.domain.sql.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.zdm.planner.strategy.SqlText.lit;
import static dev.zdm.planner.strategy.SqlText.q;

/**
 * Restructuring a table: create the green table, start a CDC sync blue to green through the
 * column mapping and copy the existing rows in batches, verify, wait for the application version
 * that works with the new shape, switch atomically (green's sequences set past blue's, CDC drained,
 * both renamed in one short transaction, foreign keys / views / triggers that pointed at blue
 * re-pointed at the new table), keep a reverse sync for a rollback window, then drop the old table.
 * Claims the author's hand-written phases of the same restructure (sync trigger and its function,
 * initial copy, renames, drop of the old table), which it replaces.
 */
final class BlueGreenStrategy implements Strategy {

    @Override
    public String name() {
        return "blue-green";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        List<Claim> out = new ArrayList<>();
        for (StatementAnalysis create : board.eligible(this, s -> isGreen(s, board))) {
            TableName green = create.change(Change.CreateTable.class).orElseThrow().table();
            List<StatementAnalysis> group = new ArrayList<>(List.of(create));
            for (StatementAnalysis s : board.eligible(this, s -> s.index() > create.index())) {
                if (s.kind() == StatementKind.CREATE_FUNCTION && mentions(s, green.name())) {
                    group.add(s);
                } else if (partOfRestructure(s, green, group)) {
                    group.add(s);
                }
            }
            List<StatementAnalysis> renames = group.stream().filter(s -> s.kind() == StatementKind.RENAME_TABLE).toList();
            if (!renames.isEmpty()) group.addAll(board.transactionAround(renames.get(0), renames.get(renames.size() - 1)));
            out.add(board.claim(this, create, group));
        }
        return out;
    }

    private boolean isGreen(StatementAnalysis s, ClaimBoard board) {
        if (s.kind() != StatementKind.CREATE_TABLE) return false;
        String phase = s.statement().metadata().phase();
        String name = s.change(Change.CreateTable.class).orElseThrow().table().name();
        return board.requested(this, s) || (phase != null && phase.startsWith("blue-green")) || name.endsWith("_green");
    }

    /** Sync trigger, initial copy, renames and the final drop the author wrote for this restructure. */
    private static boolean partOfRestructure(StatementAnalysis s, TableName green, List<StatementAnalysis> group) {
        String phase = s.statement().metadata().phase();
        boolean tagged = phase != null && phase.startsWith("blue-green");
        if (s.change(Change.Dml.class).filter(d -> d.verb().equals("insert") && d.table().equals(green)).isPresent()) return true;
        if (s.kind() == StatementKind.CREATE_TRIGGER) {
            String fn = s.change(Change.CreateTrigger.class).map(Change.CreateTrigger::function).orElse("");
            return group.stream().anyMatch(g -> g.kind() == StatementKind.CREATE_FUNCTION && mentions(g, fn));
        }
        if (s.kind() == StatementKind.RENAME_TABLE) return tagged || s.change(Change.RenameTable.class).map(r -> r.table().equals(green)
                || group.stream().anyMatch(g -> g.tables().contains(r.table()))).orElse(false);
        if (s.kind() == StatementKind.DROP_TABLE) {
            return group.stream().map(g -> g.change(Change.RenameTable.class)).flatMap(java.util.Optional::stream)
                    .anyMatch(r -> s.tables().contains(r.table().withName(r.newName())));
        }
        return false;
    }

    private static boolean mentions(StatementAnalysis s, String word) {
        return !word.isEmpty() && s.sql().toLowerCase(Locale.ROOT).matches("(?s).*\\b" + java.util.regex.Pattern.quote(word.toLowerCase(Locale.ROOT)) + "\\b.*");
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        BlueGreenShape x = BlueGreenShape.of(claim);
        List<String> repoint = BlueGreenDependents.repoint(claim, x);
        List<String> validate = BlueGreenDependents.validate(claim, x);
        PlanContext ctx = claim.context();
        TableName blue = x.blue();
        TableName green = x.green();
        Map<String, String> reverse = x.reverse() == null ? Map.of() : x.reverse();

        plan.db("create-green", claim).sql(createIfNotExists(claim.anchor().sql()))
                .undoSql("DROP TABLE IF EXISTS " + x.green().sql(), Removes.table(x.green())).add();
        plan.db("sync-and-copy", claim)
                .step(id -> new Step.Sync(id, SyncAction.START, SyncMode.BLUE_GREEN, blue, green, x.keys(), x.mapping(), reverse))
                .step(id -> new Step.Copy(id, blue, green, x.keys(), x.mapping(), ctx.batch()))
                .undo(id -> new Step.Sync(id, SyncAction.STOP, SyncMode.BLUE_GREEN, blue, green, x.keys(), x.mapping(), reverse)).add();
        plan.db("verify", claim).step(id -> new Step.Verify(id, blue, green, x.keys(), x.mapping())).add();
        plan.app("ready-for-new-shape", claim, ctx.gate(0));
        PhaseBuilder sw = plan.db("switch", claim);
        sequences(x).forEach(sw::sql);
        sw.step(id -> new Step.Sync(id, SyncAction.DRAIN, SyncMode.BLUE_GREEN, blue, green, x.keys(), x.mapping(), reverse))
                // a retired name is a bare name: ALTER TABLE ... RENAME TO keeps the schema
                .step(id -> new Step.Switch(id, blue, green, x.retired().name()));
        repoint.forEach(sw::sql);
        sw.undo(id -> new Step.Switch(id, blue, x.retired(), x.green().name()));
        repoint.forEach(sw::undoSql);
        if (x.reverse() == null) sw.pointOfNoReturn();
        sw.add();
        // the switch itself turns the sync around (new table to retired one) for the rollback window
        if (!validate.isEmpty()) {
            PhaseBuilder v = plan.db("validate-foreign-keys", claim);
            validate.forEach(v::sql);
            v.add();
        }
        plan.app("rollback-window", claim, ctx.gate(1));
        plan.db("drop-old", claim).pointOfNoReturn()
                .step(id -> new Step.Sync(id, SyncAction.STOP, SyncMode.BLUE_GREEN, x.retired(), blue, x.keys(), x.mapping(), reverse))
                .sql("DROP TABLE IF EXISTS " + x.retired().sql()).add();
    }

    /**
     * Green's sequences set past blue's (sequences are not replicated), evaluated when the step runs.
     * Sequences are compared as regclass: pg_get_serial_sequence quotes a mixed-case name, so a text
     * comparison with pg_sequences' bare names would never match.
     */
    private static List<String> sequences(BlueGreenShape x) {
        List<String> out = new ArrayList<>();
        for (ColumnInfo c : x.create().columns()) {
            if (c.sequence() == null) continue;
            out.add("SELECT setval(pg_get_serial_sequence(" + lit(x.green().qualified()) + ", " + lit(c.name()) + "), GREATEST(\n"
                    + "  COALESCE((SELECT max(" + q(c.name()) + ") FROM " + x.blue().sql() + "), 0),\n"
                    + "  COALESCE((SELECT last_value FROM pg_sequences WHERE format('%I.%I', schemaname, sequencename)::regclass"
                    + " = pg_get_serial_sequence(" + lit(x.blue().qualified()) + ", " + lit(c.name()) + ")::regclass), 0)) + 1000)");
        }
        return out;
    }

    private static String createIfNotExists(String createTable) {
        if (createTable.toLowerCase(Locale.ROOT).matches("(?s).*\\btable\\s+if\\s+not\\s+exists\\b.*")) return createTable;
        return createTable.replaceFirst("(?i)\\btable\\b", "TABLE IF NOT EXISTS");
    }

    static boolean refusesKind(Dependent d) {
        return d.definition() == null || !(d.kind() == Dependent.Kind.FOREIGN_KEY || d.kind() == Dependent.Kind.VIEW || d.kind() == Dependent.Kind.TRIGGER);
    }
}
