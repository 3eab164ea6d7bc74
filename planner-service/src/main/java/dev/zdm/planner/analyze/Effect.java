package dev.zdm.planner.analyze;

import dev.zdm.domain.sql.TableName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a recognizer found a statement does, before blocking times are estimated.
 *
 * @param kind          the statement's kind
 * @param subject       the table whose rows {@code work} reads or writes (null when none)
 * @param locks         table locks taken, one per table, the strongest when several
 * @param work          what happens to the subject's rows under the lock
 * @param newStorage    true when the subject gets a new relfilenode (a rewrite, TRUNCATE)
 * @param breaksApp     whether the application version running now would fail after it
 * @param unnamedLock   a lock it takes on an existing table zdm cannot name (the table of an index the catalog does not
 *                      know), or null
 * @param transactional false when it cannot run inside a transaction block
 * @param findings      what the operator should know
 * @param changes       what it means, for strategies and for the analyzer's view of later statements
 */
public record Effect(StatementKind kind, TableName subject, List<TableLock> locks, LockMode unnamedLock, Work work, boolean newStorage,
                     boolean breaksApp, boolean transactional, List<Finding> findings, List<Change> changes) {
    public Effect {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(work, "work");
        locks = List.copyOf(locks);
        findings = List.copyOf(findings);
        changes = List.copyOf(changes);
    }

    /** The strongest lock taken, or null when it locks no existing table. */
    /** The strongest table lock; ACCESS EXCLUSIVE, assumed, for an unknown form that names no table. */
    public LockMode strongestLock() {
        if (locks.isEmpty() && kind == StatementKind.UNKNOWN) return LockMode.ACCESS_EXCLUSIVE;
        LockMode named = locks.stream().map(TableLock::mode).reduce(null, (a, b) -> b.max(a), (a, b) -> a == null ? b : a.max(b));
        return unnamedLock == null ? named : unnamedLock.max(named);
    }

    public static Builder builder(StatementKind kind) {
        return new Builder(kind);
    }

    /** Collects an effect piece by piece; {@link #merge} combines the effects of ALTER TABLE subcommands. */
    public static final class Builder {
        private StatementKind kind;
        private TableName subject;
        private LockMode unnamedLock;
        private final Map<TableName, LockMode> locks = new LinkedHashMap<>();
        private Work work = Work.CATALOG_ONLY;
        private boolean newStorage;
        private boolean breaksApp;
        private boolean transactional = true;
        private final List<Finding> findings = new ArrayList<>();
        private final List<Change> changes = new ArrayList<>();

        private Builder(StatementKind kind) {
            this.kind = kind;
        }

        public Builder kind(StatementKind k) {
            kind = k;
            return this;
        }

        /** Takes {@code mode} on {@code table}, keeping the stronger mode if it already holds one. */
        public Builder lock(TableName table, LockMode mode) {
            if (table != null) locks.merge(table, mode, LockMode::max);
            return this;
        }

        /** Takes {@code mode} on an existing table zdm cannot name. */
        public Builder unnamedLock(LockMode mode) {
            unnamedLock = unnamedLock == null ? mode : mode.max(unnamedLock);
            return this;
        }

        /** Takes {@code mode} on {@code table} and makes it the subject of the work. */
        public Builder subject(TableName table, LockMode mode) {
            subject = table;
            return lock(table, mode);
        }

        public Builder work(Work w) {
            work = work.max(w);
            return this;
        }

        /** The table gets a new relfilenode without its rows being rewritten one by one (TRUNCATE). */
        public Builder newStorage() {
            newStorage = true;
            return this;
        }

        public Builder breaksApp() {
            breaksApp = true;
            return this;
        }

        public Builder nonTransactional() {
            transactional = false;
            return this;
        }

        public Builder finding(Finding f) {
            findings.add(f);
            return this;
        }

        public Builder change(Change c) {
            changes.add(c);
            return this;
        }

        /**
         * Adds everything {@code other} found; the kind becomes {@link StatementKind#ALTER_TABLE_MULTI} when they
         * differ, and stays {@link StatementKind#UNKNOWN} once any part is unknown.
         */
        public Builder merge(Effect other) {
            if (other.kind() == StatementKind.UNKNOWN || kind == StatementKind.UNKNOWN) {
                kind = StatementKind.UNKNOWN;
            } else if (other.kind() != kind) {
                kind = StatementKind.ALTER_TABLE_MULTI;
            }
            if (subject == null) subject = other.subject();
            other.locks().forEach(l -> lock(l.table(), l.mode()));
            if (other.unnamedLock() != null) unnamedLock(other.unnamedLock());
            work(other.work());
            newStorage |= other.newStorage();
            breaksApp |= other.breaksApp();
            transactional &= other.transactional();
            findings.addAll(other.findings());
            changes.addAll(other.changes());
            return this;
        }

        public Effect build() {
            List<TableLock> list = new ArrayList<>();
            locks.forEach((t, m) -> list.add(new TableLock(t, m)));
            return new Effect(kind, subject, list, unnamedLock, work, newStorage || work == Work.REWRITE, breaksApp, transactional, findings, changes);
        }
    }
}
