package dev.zdm.planner.truth;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.sql.Identifiers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The DDL that rebuilds, in an empty scratch database, the live objects a migration touches: the
 * same schemas, tables, columns, constraints, indexes, triggers and sequences under the same names,
 * and the user types, functions and extensions they depend on, from what the live catalog says about
 * them (read with an empty {@code search_path}, so every name in a printed definition is
 * schema-qualified). Names are kept, so a statement resolves in the scratch database exactly as it
 * would in the live one. Pure.
 */
final class ScratchDdl {
    private ScratchDdl() {
    }

    /** An extension a copied object depends on, and the schema it lives in. */
    record Extension(String name, String schema) {
    }

    /** A user enum type, labels in order. */
    record EnumType(String schema, String name, List<String> labels) {
        EnumType {
            labels = List.copyOf(labels);
        }
    }

    /**
     * A user domain.
     *
     * @param baseType    {@code format_type} of its base type
     * @param defaultExpr its default, or null
     * @param checks      {@code pg_get_constraintdef} of each of its constraints
     */
    record Domain(String schema, String name, String baseType, boolean notNull, String defaultExpr, List<String> checks) {
        Domain {
            checks = List.copyOf(checks);
        }
    }

    /** A sequence a column default calls {@code nextval} on. */
    record Sequence(String schema, String name) {
    }

    /**
     * A column.
     *
     * @param type        {@code format_type} of it
     * @param collation   its collation, quoted and qualified, when not its type's default; else null
     * @param identity    {@code attidentity}: "a" always, "d" by default, "" none
     * @param generated   the expression of a stored generated column, else null
     * @param defaultExpr its default, else null (set after the table, so a missing function loses only the default)
     */
    record Column(String name, String type, String collation, boolean notNull, String identity, String generated, String defaultExpr) {
    }

    /** A live ordinary table. */
    record Table(String schema, String name, boolean unlogged, List<Column> columns) {
        Table {
            columns = List.copyOf(columns);
        }
    }

    /** A primary key, unique, exclusion, check or foreign key constraint, as {@code pg_get_constraintdef} prints it. */
    record Constraint(TableName table, String name, String def) {
    }

    /**
     * An index not behind a constraint.
     *
     * @param def       {@code pg_get_indexdef} of it
     * @param clustered true when its table is clustered on it
     */
    record Index(TableName table, String name, String def, boolean clustered) {
    }

    /** Everything to rebuild; functions and triggers as {@code pg_get_functiondef} and {@code pg_get_triggerdef} print them. */
    record Objects(List<Extension> extensions, List<EnumType> enums, List<Domain> domains, List<String> functions, List<Sequence> sequences,
                   List<Table> tables, List<Constraint> constraints, List<Index> indexes, List<String> triggers) {
        Objects {
            extensions = List.copyOf(extensions);
            enums = List.copyOf(enums);
            domains = List.copyOf(domains);
            functions = List.copyOf(functions);
            sequences = List.copyOf(sequences);
            tables = List.copyOf(tables);
            constraints = List.copyOf(constraints);
            indexes = List.copyOf(indexes);
            triggers = List.copyOf(triggers);
        }

        /** The schemas the objects live in, in first-seen order. */
        List<String> schemas() {
            Set<String> out = new LinkedHashSet<>();
            tables.forEach(t -> out.add(t.schema()));
            extensions.forEach(e -> out.add(e.schema()));
            enums.forEach(e -> out.add(e.schema()));
            domains.forEach(d -> out.add(d.schema()));
            sequences.forEach(s -> out.add(s.schema()));
            return List.copyOf(out);
        }
    }

    /**
     * The statements, in dependency order: schemas, extensions, types, functions (to be run with
     * {@code check_function_bodies = off}), sequences, tables, defaults, constraints (foreign keys
     * last), indexes, CLUSTER ON marks, triggers. Each stands alone, so one that fails loses only its
     * object.
     */
    static List<String> build(Objects o) {
        List<String> out = new ArrayList<>();
        o.schemas().forEach(s -> out.add("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(s)));
        o.extensions().forEach(e -> out.add("CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(e.name()) + " WITH SCHEMA "
                + Identifiers.quote(e.schema())));
        o.enums().forEach(e -> out.add("CREATE TYPE " + Identifiers.qualified(e.schema(), e.name()) + " AS ENUM ("
                + String.join(", ", e.labels().stream().map(Identifiers::literal).toList()) + ")"));
        o.domains().forEach(d -> out.add(domain(d)));
        out.addAll(o.functions());
        o.sequences().forEach(s -> out.add("CREATE SEQUENCE IF NOT EXISTS " + Identifiers.qualified(s.schema(), s.name())));
        o.tables().forEach(t -> out.add(table(t)));
        for (Table t : o.tables()) {
            for (Column c : t.columns()) {
                if (c.defaultExpr() != null && c.generated() == null) {
                    out.add("ALTER TABLE " + Identifiers.qualified(t.schema(), t.name()) + " ALTER COLUMN " + Identifiers.quote(c.name())
                            + " SET DEFAULT " + c.defaultExpr());
                }
            }
        }
        o.constraints().forEach(c -> out.add("ALTER TABLE " + c.table().qualified() + " ADD CONSTRAINT "
                + Identifiers.quote(c.name()) + " " + c.def()));
        o.indexes().forEach(i -> out.add(i.def()));
        o.indexes().stream().filter(Index::clustered).forEach(i -> out.add("ALTER TABLE " + i.table().qualified()
                + " CLUSTER ON " + Identifiers.quote(i.name())));
        out.addAll(o.triggers());
        return out;
    }

    static String table(Table t) {
        List<String> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            StringBuilder s = new StringBuilder(Identifiers.quote(c.name())).append(' ').append(c.type());
            if (c.collation() != null) s.append(" COLLATE ").append(c.collation());
            if (c.generated() != null) s.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
            if (c.notNull()) s.append(" NOT NULL");
            if ("a".equals(c.identity())) s.append(" GENERATED ALWAYS AS IDENTITY");
            if ("d".equals(c.identity())) s.append(" GENERATED BY DEFAULT AS IDENTITY");
            columns.add(s.toString());
        }
        return "CREATE " + (t.unlogged() ? "UNLOGGED " : "") + "TABLE " + Identifiers.qualified(t.schema(), t.name()) + " ("
                + String.join(", ", columns) + ")";
    }

    private static String domain(Domain d) {
        StringBuilder s = new StringBuilder("CREATE DOMAIN ").append(Identifiers.qualified(d.schema(), d.name())).append(" AS ").append(d.baseType());
        if (d.defaultExpr() != null) s.append(" DEFAULT ").append(d.defaultExpr());
        if (d.notNull()) s.append(" NOT NULL");
        d.checks().forEach(c -> s.append(' ').append(c));
        return s.toString();
    }
}
