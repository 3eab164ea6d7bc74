package dev.zdm.planner.analyze.altertable;

import java.util.List;

/** Every ALTER TABLE subcommand family, in the order they are tried (column-level before table-level). */
public final class AlterTableActions {
    public static final List<AlterAction> ALL = List.of(
            new AddColumnAction(),
            new AddConstraintAction(),
            new DropColumnAction(),
            new ConstraintMaintenanceAction(),
            new AlterColumnTypeAction(),
            new ColumnNullabilityAction(),
            new ColumnDefaultAction(),
            new ColumnOptionAction(),
            new RenameAction(),
            new TableOptionAction());

    private AlterTableActions() {
    }
}
