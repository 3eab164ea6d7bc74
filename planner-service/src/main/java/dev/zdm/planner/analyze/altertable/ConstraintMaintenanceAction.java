package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.analyze.Work;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * {@code VALIDATE CONSTRAINT}: SHARE UPDATE EXCLUSIVE and a scan that blocks neither reads nor
 * writes (a foreign key also takes ROW SHARE on the referenced table). {@code DROP CONSTRAINT} and
 * {@code ALTER CONSTRAINT}: ACCESS EXCLUSIVE, catalog only (dropping a foreign key also takes
 * ACCESS EXCLUSIVE on the referenced table, whose triggers go too).
 */
final class ConstraintMaintenanceAction implements AlterAction {

    @Override
    public Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema) {
        if (sub.accept("validate", "constraint")) {
            String name = sub.name();
            Effect.Builder e = Effect.builder(StatementKind.VALIDATE_CONSTRAINT).subject(table, LockMode.SHARE_UPDATE_EXCLUSIVE)
                    .work(Work.SCAN).change(new Change.ValidateConstraint(table, name));
            referenced(schema, table, name).ifPresent(r -> e.lock(r, LockMode.ROW_SHARE));
            return Optional.of(e.build());
        }
        if (sub.accept("drop", "constraint")) {
            sub.accept("if", "exists");
            String name = sub.name();
            Effect.Builder e = Effect.builder(StatementKind.DROP_CONSTRAINT).subject(table, LockMode.ACCESS_EXCLUSIVE)
                    .change(new Change.DropConstraint(table, name));
            referenced(schema, table, name).ifPresent(r -> e.lock(r, LockMode.ACCESS_EXCLUSIVE));
            return Optional.of(e.build());
        }
        if (sub.accept("alter", "constraint")) {
            return Optional.of(Effect.builder(StatementKind.ALTER_TABLE_OPTION).subject(table, LockMode.ACCESS_EXCLUSIVE).build());
        }
        return Optional.empty();
    }

    private static Optional<TableName> referenced(SchemaView schema, TableName table, String constraint) {
        return schema.table(table).flatMap(s -> s.constraints().stream()
                .filter(c -> c.name().equals(constraint) && c.type() == ConstraintInfo.Type.FOREIGN_KEY)
                .map(ConstraintInfo::referencedTable).findFirst());
    }
}
