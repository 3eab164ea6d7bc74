package dev.zdm.planner.truth;

import dev.zdm.domain.sql.Identifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DDL that copies live public tables, schema only, into a shadow schema, from what the live
 * catalog says about them. Names are kept (indexes and constraints included) so that statements
 * naming an index or constraint find it on the shadow. Run with {@code search_path} set to the
 * shadow and then {@code public}, so that names inside copied definitions resolve to the shadow's
 * tables first and to the live functions and types second. Pure.
 */
final class ShadowDdl {
    private ShadowDdl() {
    }

    /** A live table to copy. */
    record Table(String name, boolean unlogged) {
    }

    /**
     * A constraint to copy with {@code ALTER TABLE ... ADD CONSTRAINT name def}: primary key, unique
     * and exclusion constraints (which bring their index, under the constraint's name) and foreign keys
     * between copied tables.
     */
    record Constraint(String table, String name, String def) {
    }

    /**
     * A live index not behind a constraint.
     *
     * @param quotedName     its name as {@code pg_get_indexdef} prints it ({@code quote_ident})
     * @param qualifiedTable its table as {@code pg_get_indexdef} prints it ({@code format('%I.%I')})
     * @param def            {@code pg_get_indexdef} of it
     */
    record Index(String table, String quotedName, String qualifiedTable, boolean unique, String def) {
    }

    /** Statements building the shadow, in order; a statement per constraint and index after the tables. */
    static List<String> build(String shadow, List<Table> tables, List<Constraint> constraints, List<Index> indexes) {
        List<String> out = new ArrayList<>();
        out.add("CREATE SCHEMA " + Identifiers.quote(shadow));
        for (Table t : tables) {
            out.add("CREATE " + (t.unlogged() ? "UNLOGGED " : "") + "TABLE " + Identifiers.qualified(shadow, t.name()) + " (LIKE "
                    + Identifiers.qualified("public", t.name()) + " INCLUDING ALL EXCLUDING INDEXES)");
        }
        for (Constraint c : constraints) {
            out.add("ALTER TABLE " + Identifiers.qualified(shadow, c.table()) + " ADD CONSTRAINT " + Identifiers.quote(c.name()) + " " + c.def());
        }
        indexes.forEach(i -> index(shadow, i).ifPresent(out::add));
        return out;
    }

    /**
     * {@code CREATE INDEX} of the live index on the shadow's table, or empty when its definition does
     * not start the way PostgreSQL prints it (the index is then not copied, and a statement naming it
     * fails on the shadow and is reported as not checked).
     */
    static Optional<String> index(String shadow, Index i) {
        String head = "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + i.quotedName() + " ON ";
        String prefix = head + i.qualifiedTable() + " ";
        if (!i.def().startsWith(prefix)) return Optional.empty();
        return Optional.of(head + Identifiers.qualified(shadow, i.table()) + " " + i.def().substring(prefix.length()));
    }

    /** Marks the index a table was clustered on, for {@code CLUSTER t} without USING. */
    static String clusterOn(String shadow, String table, String index) {
        return "ALTER TABLE " + Identifiers.qualified(shadow, table) + " CLUSTER ON " + Identifiers.quote(index);
    }

    /**
     * Points a column whose default calls {@code nextval} of a live sequence at a sequence of the
     * shadow instead, so that statements on the shadow never advance a live sequence.
     */
    static List<String> ownSequence(String shadow, String table, String column, int n) {
        String sequence = Identifiers.qualified(shadow, "zdm_seq_" + n);
        return List.of("CREATE SEQUENCE " + sequence,
                "ALTER TABLE " + Identifiers.qualified(shadow, table) + " ALTER COLUMN " + Identifiers.quote(column)
                        + " SET DEFAULT nextval(" + Identifiers.literal(sequence) + "::regclass)");
    }
}
