package dev.zdm.planner.analyze;

import dev.zdm.domain.sql.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A view or table the migration drops and creates again under the same name is redefined, not taken
 * away from the running application: {@code DROP VIEW v ... CREATE VIEW v}, {@code DROP TABLE IF
 * EXISTS t ... CREATE TABLE t}. The drop then breaks nothing (a table's rows are still lost, said as a
 * warning), and the direct strategy runs the drop, the create and what stands between them in one
 * transaction, so nobody sees the name missing. Pure.
 */
public final class Redefinitions {
    private Redefinitions() {
    }

    /** Index of each statement that drops what a later statement creates again, mapped to that statement's index. */
    public static Map<Integer, Integer> pairs(List<StatementAnalysis> statements) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (StatementAnalysis drop : statements) {
            List<TableName> dropped = dropped(drop);
            if (dropped.isEmpty()) continue;
            int last = -1;
            for (TableName name : dropped) {
                Optional<StatementAnalysis> create = statements.stream().filter(s -> s.index() > drop.index() && creates(s, name)).findFirst();
                if (create.isEmpty()) {
                    last = -1;
                    break;
                }
                last = Math.max(last, create.get().index());
            }
            if (last >= 0) out.put(drop.index(), last);
        }
        return out;
    }

    /** The statements, each drop that is part of a redefinition no longer breaking the running application. */
    static List<StatementAnalysis> apply(List<StatementAnalysis> statements) {
        Map<Integer, Integer> pairs = pairs(statements);
        List<StatementAnalysis> out = new ArrayList<>(statements);
        pairs.forEach((drop, create) -> out.set(drop, redefined(statements.get(drop), create)));
        return out;
    }

    private static StatementAnalysis redefined(StatementAnalysis a, int create) {
        List<Finding> findings = new ArrayList<>(a.findings().stream().filter(f -> f.code() != FindingCode.BREAKS_RUNNING_APP).toList());
        findings.add(a.kind() == StatementKind.DROP_TABLE
                ? Finding.warning(FindingCode.RECREATED, "created again by statement " + (create + 1) + ": the running application finds it empty, "
                + "and the rows it holds now are lost", "keep the table and ALTER it, or copy its rows into the new one (blue-green)")
                : Finding.info(FindingCode.REDEFINED, "created again by statement " + (create + 1) + ": a redefinition, run with it in one transaction"));
        return new StatementAnalysis(a.statement(), a.kind(), a.tables(), a.locks(), a.lockMode(), a.rewritesTable(), a.scansTable(),
                a.blocksReads(), a.blocksWrites(), false, a.transactional(), a.estimate(), findings, a.changes());
    }

    private static List<TableName> dropped(StatementAnalysis s) {
        if (s.kind() == StatementKind.DROP_VIEW) {
            return s.changes().stream().filter(c -> c instanceof Change.DropView).map(Change::table).toList();
        }
        if (s.kind() == StatementKind.DROP_TABLE) {
            return s.changes().stream().filter(c -> c instanceof Change.DropTable).map(Change::table).toList();
        }
        return List.of();
    }

    private static boolean creates(StatementAnalysis s, TableName name) {
        return s.changes().stream().anyMatch(c -> (c instanceof Change.CreateView || c instanceof Change.CreateTable) && name.equals(c.table()));
    }
}
