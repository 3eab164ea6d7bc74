package dev.zdm.planner.analyze;

import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.parse.ParsedStatement;

import java.util.List;

/**
 * The analysis of one statement, as the {@code MigrationPlanned} event and {@code zdm plan --json}
 * report it.
 *
 * @param statement        the statement as read from the file
 * @param kind             what it is
 * @param tables           the existing tables it locks, in order
 * @param locks            the table locks it takes
 * @param lockMode         the strongest of them; null when it locks no existing table
 * @param rewritesTable    its main table gets a new relfilenode (a rewrite, or TRUNCATE)
 * @param scansTable       it reads every row of its main table while holding its lock
 * @param blocksReads      plain SELECTs of a table in use wait for it
 * @param blocksWrites     INSERT/UPDATE/DELETE of a table in use wait for it (table lock or row locks on every row)
 * @param breaksRunningApp the application version running now fails after it
 * @param transactional    false when it cannot run inside a transaction block
 * @param estimate         how long it would block
 * @param findings         what the operator should know, with safe alternatives
 * @param changes          what it means, for the strategies
 */
public record StatementAnalysis(ParsedStatement statement, StatementKind kind, List<TableName> tables, List<TableLock> locks,
                                LockMode lockMode, boolean rewritesTable, boolean scansTable, boolean blocksReads,
                                boolean blocksWrites, boolean breaksRunningApp, boolean transactional,
                                BlockingEstimate estimate, List<Finding> findings, List<Change> changes) {
    public StatementAnalysis {
        tables = List.copyOf(tables);
        locks = List.copyOf(locks);
        findings = List.copyOf(findings);
        changes = List.copyOf(changes);
    }

    /** True when it blocks the application's reads or writes. */
    public boolean blocks() {
        return blocksReads || blocksWrites;
    }

    /** The statement's index in the file. */
    public int index() {
        return statement.index();
    }

    /** The statement's SQL. */
    public String sql() {
        return statement.sql();
    }

    /**
     * True when the author accepted at least one WARNING or DANGER finding of it and every other one
     * too ({@code -- @metadata {"allow": [...]}}): it runs as written, and nothing it does counts
     * against the migration being safe as written.
     */
    public boolean acceptedAsWritten() {
        List<Finding> attention = findings.stream().filter(Finding::needsAttention).toList();
        return !attention.isEmpty() && attention.stream().allMatch(Finding::accepted);
    }

    /** This analysis with other findings (the same statement, locks and estimate). */
    public StatementAnalysis withFindings(List<Finding> replaced) {
        return new StatementAnalysis(statement, kind, tables, locks, lockMode, rewritesTable, scansTable, blocksReads, blocksWrites,
                breaksRunningApp, transactional, estimate, replaced, changes);
    }

    /** The first change of the given type, if any. */
    public <T extends Change> java.util.Optional<T> change(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
