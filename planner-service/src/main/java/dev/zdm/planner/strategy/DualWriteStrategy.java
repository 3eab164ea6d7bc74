package dev.zdm.planner.strategy;

import dev.zdm.planner.catalog.TableStats;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.plan.Removes;
import dev.zdm.domain.plan.Step;
import dev.zdm.domain.plan.SyncAction;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.domain.sql.TableName;

import java.util.List;
import java.util.Map;

import static dev.zdm.planner.strategy.SqlText.lit;
import static dev.zdm.planner.strategy.SqlText.q;

/**
 * Renaming a column or changing its type without breaking the running application: add the new
 * column, start a CDC sync old to new, backfill, wait for the version that reads the new column
 * and writes both, reverse the sync (new to old, so older versions still see every write), wait
 * for the version that uses the new column only, verify, then stop the sync and drop the old
 * column (a type change then takes the old name back, in the same transaction).
 */
final class DualWriteStrategy implements Strategy {

    @Override
    public String name() {
        return "dual-write";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        return board.eligible(this, s -> isRename(s) || isTypeChange(s) || (board.requested(this, s) && s.kind() == StatementKind.ALTER_COLUMN_TYPE))
                .stream().map(s -> board.claim(this, s, List.of(s))).toList();
    }

    private static boolean isRename(StatementAnalysis s) {
        return s.kind() == StatementKind.RENAME_COLUMN && s.breaksRunningApp();
    }

    private static boolean isTypeChange(StatementAnalysis s) {
        return s.kind() == StatementKind.ALTER_COLUMN_TYPE && (s.rewritesTable() || s.breaksRunningApp()) && (s.blocks() || s.breaksRunningApp());
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        StatementAnalysis s = claim.anchor();
        if (s.kind() == StatementKind.RENAME_COLUMN) {
            Change.RenameColumn r = s.change(Change.RenameColumn.class).orElseThrow();
            String type = claim.context().catalog().table(r.table()).flatMap(t -> t.column(r.column())).map(ColumnInfo::type).orElse(null);
            phases(claim, plan, new Shape(r.table(), r.column(), r.newName(), type, q(r.column()), q(r.newName()), false));
        } else {
            Change.AlterColumnType a = s.change(Change.AlterColumnType.class).orElseThrow();
            String forward = a.using() != null ? "(" + a.using() + ")" : q(a.column()) + "::" + a.newType();
            String back = a.oldType() != null ? q(a.column() + "_new") + "::" + a.oldType() : q(a.column() + "_new");
            phases(claim, plan, new Shape(a.table(), a.column(), a.column() + "_new", a.newType(), forward, back, true));
        }
    }

    /** What is synced: {@code target = forward(old)} and {@code old = back(target)}. */
    private record Shape(TableName table, String old, String target, String targetType, String forward, String back, boolean typeChange) {
    }

    private void phases(Claim claim, PlanBuilder plan, Shape x) {
        PlanContext ctx = claim.context();
        ctx.catalog().table(x.table()).ifPresent(t -> refuseKeyColumn(claim, t, x.old()));
        List<String> keys = ctx.keyColumns(x.table());
        TableName table = x.table();
        Map<String, String> mapping = Map.of(x.target(), x.forward());
        Map<String, String> reverse = Map.of(x.old(), x.back());

        ColumnCarry carry = ColumnCarry.of(table, x.old(), x.target(), x.typeChange(), ctx.catalog().table(table));
        PhaseBuilder expand = plan.db("expand", claim).sql(addColumn(x));
        if (carry.defaultExpression() != null) {
            expand.sql("ALTER TABLE " + table.sql() + " ALTER COLUMN " + q(x.target()) + " SET DEFAULT " + carry.defaultExpression());
        }
        carry.grantsOnTarget().forEach(expand::sql);
        expand.undoSql("ALTER TABLE " + x.table().sql() + " DROP COLUMN IF EXISTS " + q(x.target()), Removes.column(x.table(), x.target())).add();
        plan.db("sync-and-backfill", claim)
                .step(id -> new Step.Sync(id, SyncAction.START, SyncMode.DUAL_WRITE, table, table, keys, mapping, reverse))
                .step(id -> new Step.Backfill(id, table, keys.get(0), q(x.target()) + " = " + x.forward(),
                        q(x.target()) + " IS DISTINCT FROM " + x.forward(), ctx.batch()))
                .undo(id -> new Step.Sync(id, SyncAction.STOP, SyncMode.DUAL_WRITE, table, table, keys, mapping, reverse)).add();
        if (!carry.indexes().isEmpty()) {
            PhaseBuilder indexes = plan.db("carry-indexes", claim);
            for (ColumnCarry.Index i : carry.indexes()) {
                TableName name = new TableName(table.schema(), i.temporary());
                indexes.step(id -> new Step.CreateIndexConcurrently(id, table.schema(), i.temporary(), i.createConcurrently()))
                        .undoSqlOutsideTransaction("DROP INDEX CONCURRENTLY IF EXISTS " + name.sql(), Removes.index(name));
            }
            indexes.add();
        }
        plan.app("read-new-write-both", claim, ctx.gate(0));
        PhaseBuilder turn = plan.db("reverse-sync", claim)
                .step(id -> new Step.Sync(id, SyncAction.REVERSE, SyncMode.DUAL_WRITE, table, table, keys, mapping, reverse))
                .undo(id -> new Step.Sync(id, SyncAction.START, SyncMode.DUAL_WRITE, table, table, keys, mapping, reverse));
        moveReferences(turn, carry);
        turn.add();
        plan.app("use-new-only", claim, ctx.gate(1));
        carryConstraints(claim, plan, carry);
        plan.db("verify", claim).step(id -> new Step.Verify(id, table, table, keys, mapping)).add();
        PhaseBuilder contract = plan.db("contract", claim).pointOfNoReturn()
                .step(id -> new Step.Sync(id, SyncAction.STOP, SyncMode.DUAL_WRITE, table, table, keys, mapping, reverse));
        if (x.typeChange()) {
            contract.sql(swap(x, carry.sequence()));
        } else {
            if (carry.sequence() != null) contract.sql(ownSequence(x, carry.sequence()));
            contract.sql("ALTER TABLE " + x.table().sql() + " DROP COLUMN IF EXISTS " + q(x.old()));
        }
        carry.afterSwap().forEach(contract::sql);
        contract.add();
    }

    /**
     * Foreign keys that reference the old column move to the new one while the application writes both
     * (between the two deployments): before, a row that references a parent created a moment ago would
     * be checked against a column the sync has not filled yet; after, the application writes only the
     * new one. Each is added NOT VALID (its unique index was built in carry-indexes), then the old one
     * dropped; validated later in validate-carried. The undo puts the old one back and validates it.
     */
    private static void moveReferences(PhaseBuilder turn, ColumnCarry carry) {
        for (ColumnCarry.Reference r : carry.references()) {
            String owner = r.owner().sql();
            turn.sql(SqlText.ifNoConstraint(r.owner(), r.temporary(), "ADD CONSTRAINT " + q(r.temporary()) + " " + r.definition() + " NOT VALID"));
            turn.sql(SqlText.whileConstraintExists(r.owner(), r.temporary(), "ALTER TABLE " + owner + " DROP CONSTRAINT IF EXISTS " + q(r.name())));
            turn.undoSql(SqlText.ifNoConstraint(r.owner(), r.name(), "ADD CONSTRAINT " + q(r.name()) + " " + r.original() + " NOT VALID"))
                    .undoSql("ALTER TABLE " + owner + " VALIDATE CONSTRAINT " + q(r.name()))
                    .undoSql("ALTER TABLE " + owner + " DROP CONSTRAINT IF EXISTS " + q(r.temporary()), Removes.constraint(r.owner(), r.temporary()));
        }
    }

    /**
     * The old column's CHECKs, foreign keys from it and NOT NULL rebuilt on the new one while the
     * application writes only the new one: NOT VALID (no scan under a lock), then VALIDATE (a scan that
     * blocks no writes). The foreign keys that reference the column, moved at reverse-sync, are
     * validated here too.
     */
    private static void carryConstraints(Claim claim, PlanBuilder plan, ColumnCarry carry) {
        if (carry.checks().isEmpty() && !carry.notNull() && carry.references().isEmpty()) return;
        TableName t = carry.table();
        List<String> names = new java.util.ArrayList<>();
        List<ColumnCarry.Reference> references = carry.references();
        PhaseBuilder add = plan.db("carry-constraints", claim);
        for (ColumnCarry.Check c : carry.checks()) {
            add.sql(SqlText.ifNoConstraint(t, c.temporary(), "ADD CONSTRAINT " + q(c.temporary()) + " " + c.definition() + " NOT VALID"))
                    .undoSql("ALTER TABLE " + t.sql() + " DROP CONSTRAINT IF EXISTS " + q(c.temporary()), Removes.constraint(t, c.temporary()));
            names.add(c.temporary());
        }
        if (carry.notNull()) {
            String check = carry.notNullCheck();
            add.sql(SqlText.ifNoConstraint(t, check, "ADD CONSTRAINT " + q(check) + " CHECK (" + q(carry.target()) + " IS NOT NULL) NOT VALID"))
                    .undoSql("ALTER TABLE " + t.sql() + " DROP CONSTRAINT IF EXISTS " + q(check), Removes.constraint(t, check));
            names.add(check);
        }
        if (!names.isEmpty()) add.add();
        PhaseBuilder validate = plan.db("validate-carried", claim);
        names.forEach(n -> validate.sql("ALTER TABLE " + t.sql() + " VALIDATE CONSTRAINT " + q(n)));
        references.forEach(r -> validate.sql("ALTER TABLE " + r.owner().sql() + " VALIDATE CONSTRAINT " + q(r.temporary())));
        validate.add();
    }

    /** ADD COLUMN of the target; when the catalog does not know the old type, it is looked up when the step runs. */
    private static String addColumn(Shape x) {
        if (x.targetType() != null) {
            return "ALTER TABLE " + x.table().sql() + " ADD COLUMN IF NOT EXISTS " + q(x.target()) + " " + x.targetType();
        }
        return "DO $zdm$ BEGIN\n  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS %I %s', " + lit(x.table().sql()) + ", " + lit(x.target())
                + ",\n    (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = " + lit(x.table().sql())
                + "::regclass AND attname = " + lit(x.old()) + "));\nEND $zdm$";
    }

    /**
     * The primary key cannot go through a column swap: the new column would have to be the key (and every
     * foreign key's target) while the application still inserts through the old one. Refused before
     * anything runs, with the route that works: a blue-green restructure into a table with the new type.
     */
    private static void refuseKeyColumn(Claim claim, TableStats t, String column) {
        TableName table = new TableName(t.schema(), t.name());
        if (t.primaryKey().contains(column)) {
            throw refuse(claim, "column " + q(column) + " is part of the primary key of " + table.qualified() + "; a column swap cannot move "
                    + "the key and the foreign keys that reference it. Restructure the table blue-green instead: CREATE TABLE "
                    + table.withName(t.name() + "_green").sql() + " with the new type (same columns, key and constraints), and zdm copies, "
                    + "syncs, switches and re-points the foreign keys");
        }
    }

    private static ZdmException refuse(Claim claim, String why) {
        return new ZdmException(ErrorCode.INVALID_REQUEST, "dual-write refused: " + why, claim.anchor().statement().position().toString());
    }

    /** Hands the sequence the old column owns to the new one, while the new one exists, so dropping the old one keeps it. */
    private static String ownSequence(Shape x, String sequence) {
        return SqlText.whileColumnExists(x.table(), x.target(), "ALTER SEQUENCE " + sequence + " OWNED BY " + x.table().sql() + "." + q(x.target()));
    }

    /**
     * Drops the old column and gives its name to the new one, in one transaction, only while the new one
     * exists; a sequence the old column owns is handed to the new one first, or the drop would drop it.
     */
    private static String swap(Shape x, String sequence) {
        List<String> statements = new java.util.ArrayList<>();
        if (sequence != null) statements.add("ALTER SEQUENCE " + sequence + " OWNED BY " + x.table().sql() + "." + q(x.target()));
        statements.add("ALTER TABLE " + x.table().sql() + " DROP COLUMN IF EXISTS " + q(x.old()));
        statements.add("ALTER TABLE " + x.table().sql() + " RENAME COLUMN " + q(x.target()) + " TO " + q(x.old()));
        return SqlText.whileColumnExists(x.table(), x.target(), statements.toArray(String[]::new));
    }
}
