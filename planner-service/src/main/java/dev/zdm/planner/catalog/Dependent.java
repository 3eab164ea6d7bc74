package dev.zdm.planner.catalog;

import dev.zdm.domain.sql.TableName;
import java.util.Objects;

/**
 * An object that refers to a table by OID and would keep pointing at the old table after a rename
 * swap (a blue-green switch).
 *
 * @param kind       what it is
 * @param name       its name (for a foreign key: the constraint name)
 * @param owner      the relation that holds it: for a foreign key the referencing table, for a view the
 *                   view itself, for a trigger or policy its table
 * @param definition SQL that recreates it, or null when the catalog could not produce it
 */
public record Dependent(Kind kind, String name, TableName owner, String definition) {
    /** The kinds of dependent a blue-green plan must recreate on the green table or refuse. */
    public enum Kind { FOREIGN_KEY, VIEW, TRIGGER, POLICY, PUBLICATION, RULE }

    public Dependent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
    }
}
