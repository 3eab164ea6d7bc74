package dev.zdm.planner.catalog;

import dev.zdm.domain.sql.TableName;
import java.util.Objects;

/**
 * A constraint of a live table.
 *
 * @param name            constraint name
 * @param type            what kind
 * @param definition      {@code pg_get_constraintdef()}, e.g. {@code CHECK ((status IS NOT NULL))}
 * @param validated       false for a constraint added NOT VALID and not validated since
 * @param referencedTable for a foreign key, the table it references; else null
 */
public record ConstraintInfo(String name, Type type, String definition, boolean validated, TableName referencedTable) {
    /** PostgreSQL's constraint kinds that matter to planning. */
    public enum Type { CHECK, FOREIGN_KEY, UNIQUE, PRIMARY_KEY, EXCLUSION }

    public ConstraintInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(definition, "definition");
    }
}
