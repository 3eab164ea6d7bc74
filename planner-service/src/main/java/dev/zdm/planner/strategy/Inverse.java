package dev.zdm.planner.strategy;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.plan.Removes;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.zdm.planner.strategy.SqlText.q;

/**
 * The SQL that undoes a statement run as written, where one exists. A statement with no inverse
 * and a lasting effect (DML, DROP, a replaced function body) makes its phase a point of no return.
 */
final class Inverse {
    /** Kinds that leave nothing to undo. */
    private static final Set<StatementKind> HARMLESS = Set.of(StatementKind.SELECT, StatementKind.SESSION_SETTING,
            StatementKind.TRANSACTION_CONTROL, StatementKind.ANALYZE, StatementKind.VACUUM, StatementKind.LOCK_TABLE);

    /** One undo statement, whether it must run outside a transaction block, and the object it removes (or null). */
    record Undo(String sql, boolean transactional, Removes removes) {
    }

    private Inverse() {
    }

    /** The undo of {@code s}: empty list when nothing needs undoing, empty optional when it cannot be undone. */
    static Optional<List<Undo>> of(StatementAnalysis s) {
        if (HARMLESS.contains(s.kind())) return Optional.of(List.of());
        if (s.changes().isEmpty()) return Optional.empty();
        List<Undo> out = new ArrayList<>();
        for (Change c : s.changes()) {
            Optional<Undo> u = undo(c);
            if (u.isEmpty()) return Optional.empty();
            out.add(0, u.get());
        }
        return Optional.of(out);
    }

    private static Optional<Undo> undo(Change c) {
        if (c.table() == null) return Optional.empty(); // e.g. DROP INDEX of an index whose table the catalog does not know
        String t = c.table().sql();
        if (c instanceof Change.AddColumn a) {
            return tx("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + q(a.column().name()), Removes.column(c.table(), a.column().name()));
        }
        if (c instanceof Change.CreateTable) return tx("DROP TABLE IF EXISTS " + t, Removes.table(c.table()));
        if (c instanceof Change.CreateIndex i) {
            TableName index = new TableName(c.table().schema(), i.name());
            return Optional.of(new Undo("DROP INDEX CONCURRENTLY IF EXISTS " + index.sql(), false, Removes.index(index)));
        }
        if (c instanceof Change.AddConstraint a) {
            return tx("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(a.constraint().name()), Removes.constraint(c.table(), a.constraint().name()));
        }
        if (c instanceof Change.CreateTrigger g) return tx("DROP TRIGGER IF EXISTS " + q(g.name()) + " ON " + t, Removes.trigger(c.table(), g.name()));
        if (c instanceof Change.CreateView v) {
            return tx("DROP " + (v.materialized() ? "MATERIALIZED " : "") + "VIEW IF EXISTS " + t, Removes.table(c.table()));
        }
        if (c instanceof Change.Comment m) {
            return tx("COMMENT ON " + (m.column() == null ? "TABLE " + t : "COLUMN " + t + "." + q(m.column())) + " IS NULL", null);
        }
        return Optional.empty();
    }

    private static Optional<Undo> tx(String sql, Removes removes) {
        return Optional.of(new Undo(sql, true, removes));
    }
}
