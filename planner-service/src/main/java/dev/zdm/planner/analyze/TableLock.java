package dev.zdm.planner.analyze;

import dev.zdm.domain.sql.TableName;

import java.util.Objects;

/** A table-level lock a statement takes and holds until its transaction ends. */
public record TableLock(TableName table, LockMode mode) {
    public TableLock {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String toString() {
        return mode.docName() + " on " + table;
    }
}
