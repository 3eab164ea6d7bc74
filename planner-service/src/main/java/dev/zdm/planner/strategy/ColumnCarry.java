package dev.zdm.planner.strategy;

import static dev.zdm.planner.strategy.SqlText.lit;
import static dev.zdm.planner.strategy.SqlText.q;

import dev.zdm.domain.sql.Identifiers;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.planner.catalog.Dependent;
import dev.zdm.planner.catalog.IndexInfo;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.parse.SqlLexer;
import dev.zdm.planner.parse.Token;
import dev.zdm.planner.parse.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a column's type change through a new column must carry over so the column ends as it was,
 * type aside: its default, NOT NULL, the CHECK constraints and the indexes on it (a plain ADD of
 * {@code b_new} would end as a nullable column without default, check or index). Read from the live
 * catalog; each is rebuilt on the new column without blocking (indexes concurrently, checks NOT
 * VALID then VALIDATE, NOT NULL through a validated check) and takes its old name when the columns
 * swap. Pure.
 *
 * @param finalName         the column's name when the migration is done: the old name after a type change
 *                          (the new column takes it), the new one after a rename
 * @param defaultExpression the old column's default, or null
 * @param notNull           whether the old column is NOT NULL
 * @param comment           the old column's comment, or null
 * @param grants            privileges granted on the old column, granted on the new one when it is added
 *                          (an application role with column privileges only must be able to write it)
 * @param sequence          the sequence the old column owns (serial), handed to the new column before
 *                          the old one is dropped (which would drop it), or null
 * @param checks            CHECK constraints over the old column, and foreign keys from it (rebuilt the
 *                          same way: NOT VALID, then VALIDATE)
 * @param indexes           indexes over the old column (not the primary key)
 * @param references        foreign keys of other tables (or of this one, from another column) that reference
 *                          the old column: rebuilt on the new one (NOT VALID, then VALIDATE) once its unique
 *                          index exists, and the old one dropped, while the application writes both columns
 */
record ColumnCarry(TableName table, String old, String target, String finalName, String defaultExpression, boolean notNull, String comment,
                   List<ColumnInfo.Grant> grants, String sequence, List<Check> checks, List<Index> indexes, List<Reference> references) {
    /** A CHECK rebuilt on the new column as {@code temporary}, renamed back to {@code name} after the swap. */
    record Check(String name, String temporary, String definition) {
    }

    /**
     * An index rebuilt concurrently on the new column as {@code temporary}; after the swap renamed
     * back to {@code name}, or attached as the UNIQUE constraint {@code name} when one used it.
     */
    record Index(String name, String temporary, String createConcurrently, boolean constraint) {
    }

    /**
     * A foreign key of {@code owner} that references the old column ({@code original}), rebuilt as
     * {@code temporary} referencing the new one ({@code definition}); renamed back to {@code name} after
     * the swap.
     */
    record Reference(TableName owner, String name, String temporary, String original, String definition) {
    }

    /** @param swap true for a type change (the new column takes the old name), false for a rename */
    static ColumnCarry of(TableName table, String old, String target, boolean swap, Optional<TableStats> live) {
        String finalName = swap ? old : target;
        if (live.isEmpty()) return none(table, old, target, finalName);
        TableStats t = live.get();
        Optional<ColumnInfo> column = t.column(old);
        List<Check> checks = new ArrayList<>();
        for (ConstraintInfo c : t.constraints()) {
            if (c.definition() == null) continue;
            if (c.type() == ConstraintInfo.Type.CHECK && references(c.definition(), old)) {
                checks.add(new Check(c.name(), temporary(c.name()), rename(c.definition(), old, target, 0)));
            } else if (c.type() == ConstraintInfo.Type.FOREIGN_KEY && references(localColumns(c.definition()), old)) {
                // only the local column list: the referenced table may have a column of the same name
                String local = localColumns(c.definition());
                checks.add(new Check(c.name(), temporary(c.name()), rename(local, old, target, 0) + c.definition().substring(local.length())));
            }
        }
        Set<String> uniqueConstraints = new java.util.HashSet<>();
        t.constraints().stream().filter(c -> c.type() == ConstraintInfo.Type.UNIQUE).forEach(c -> uniqueConstraints.add(c.name()));
        List<Index> indexes = new ArrayList<>();
        List<String> primaryKey = t.primaryKey();
        for (IndexInfo i : t.indexes()) {
            if (!i.valid() || i.definition() == null || !i.columns().contains(old) || i.columns().equals(primaryKey)) continue;
            String name = temporary(i.name());
            String create = SqlText.concurrently(renameIndex(rename(i.definition(), old, target, columnsStart(i.definition())), i.name(), name));
            indexes.add(new Index(i.name(), name, create, uniqueConstraints.contains(i.name())));
        }
        List<Reference> references = new ArrayList<>();
        for (Dependent d : t.dependents()) {
            if (d.kind() != Dependent.Kind.FOREIGN_KEY || d.definition() == null || !referencedColumns(d.definition()).contains(old)) continue;
            references.add(new Reference(d.owner(), d.name(), temporary(d.name()), d.definition(), renameReferenced(d.definition(), old, target)));
        }
        return new ColumnCarry(table, old, target, finalName, column.map(ColumnInfo::defaultExpression).orElse(null),
                column.map(ColumnInfo::notNull).orElse(false), column.map(ColumnInfo::comment).orElse(null),
                column.map(ColumnInfo::grants).orElse(List.of()), column.map(ColumnInfo::sequence).orElse(null), checks, indexes, references);
    }

    /** Nothing to carry (a rename, or no catalog). */
    static ColumnCarry none(TableName table, String old, String target, String finalName) {
        return new ColumnCarry(table, old, target, finalName, null, false, null, List.of(), null, List.of(), List.of(), List.of());
    }

    /**
     * A foreign key's definition with column {@code from} of its referenced column list made {@code to};
     * the local columns, and those of {@code ON DELETE SET NULL (...)}, stay.
     */
    static String renameReferenced(String definition, String from, String to) {
        int[] list = referencedList(definition);
        if (list == null) return definition;
        return rename(definition.substring(0, list[1]), from, to, list[0]) + definition.substring(list[1]);
    }

    /** Where the column list after {@code REFERENCES table} starts and ends, or null when there is none. */
    private static int[] referencedList(String definition) {
        boolean afterReferences = false;
        int start = -1;
        for (Token t : SqlLexer.tokenize("<definition>", definition)) {
            if (t.isWord("references")) {
                afterReferences = true;
            } else if (afterReferences && start < 0 && t.isSymbol("(")) {
                start = t.start();
            } else if (start >= 0 && t.isSymbol(")")) {
                return new int[] {start, t.end()};
            }
        }
        return null;
    }

    /**
     * The columns a foreign key's definition references: {@code FOREIGN KEY (a) REFERENCES t(x, y)}
     * gives x and y; empty when it names none (the referenced table's primary key).
     */
    static List<String> referencedColumns(String definition) {
        List<String> out = new ArrayList<>();
        int[] list = referencedList(definition);
        if (list == null) return out;
        for (Token t : SqlLexer.tokenize("<definition>", definition.substring(list[0], list[1]))) {
            if (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER) out.add(t.value());
        }
        return out;
    }

    /** {@code FOREIGN KEY (a, b)} of a foreign key's definition, up to {@code REFERENCES}. */
    private static String localColumns(String definition) {
        for (Token t : SqlLexer.tokenize("<definition>", definition)) {
            if (t.isWord("references")) return definition.substring(0, t.start());
        }
        return definition;
    }

    /** The old column's privileges granted on the new column; a column rename keeps them. */
    List<String> grantsOnTarget() {
        return grants.stream().map(g -> "GRANT " + g.privilege() + " (" + q(target) + ") ON " + table.sql() + " TO "
                + (g.grantee() == null ? "PUBLIC" : Identifiers.quote(g.grantee()))).toList();
    }

    /** The CHECK that proves the new column NOT NULL before the swap sets it (no scan under the swap's lock). */
    String notNullCheck() {
        return temporary(table.name() + "_" + target + "_not_null");
    }

    /**
     * After the old column is gone (dropped, or swapped out): NOT NULL, then every check and index
     * under its old name, then the comment. Each statement may run again.
     */
    List<String> afterSwap() {
        List<String> out = new ArrayList<>();
        String t = table.sql();
        if (notNull) {
            out.add("ALTER TABLE " + t + " ALTER COLUMN " + q(finalName) + " SET NOT NULL");
            out.add("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(notNullCheck()));
        }
        for (Check c : checks) {
            out.add(SqlText.whileConstraintExists(table, c.temporary(), "ALTER TABLE " + t + " RENAME CONSTRAINT " + q(c.temporary()) + " TO " + q(c.name())));
        }
        for (Reference r : references) {
            out.add(SqlText.whileConstraintExists(r.owner(), r.temporary(), "ALTER TABLE " + r.owner().sql() + " RENAME CONSTRAINT " + q(r.temporary())
                    + " TO " + q(r.name())));
        }
        if (comment != null) out.add("COMMENT ON COLUMN " + t + "." + q(finalName) + " IS " + lit(comment));
        for (Index i : indexes) {
            out.add(i.constraint()
                    ? SqlText.ifNoConstraint(table, i.name(), "ADD CONSTRAINT " + q(i.name()) + " UNIQUE USING INDEX " + q(i.temporary()))
                    : "ALTER INDEX IF EXISTS " + new TableName(table.schema(), i.temporary()).sql() + " RENAME TO " + q(i.name()));
        }
        return out;
    }

    /** {@code name} with a {@code _zdm_new} suffix, within PostgreSQL's 63 bytes. */
    static String temporary(String name) {
        String suffix = "_zdm_new";
        String base = name.length() + suffix.length() > 63 ? name.substring(0, 63 - suffix.length()) : name;
        return base + suffix;
    }

    static boolean references(String sql, String column) {
        return SqlLexer.tokenize("<definition>", sql).stream().anyMatch(t -> isColumn(t, column));
    }

    /**
     * {@code sql} with every reference to column {@code from} (bare or quoted) at or after offset
     * {@code start} made a reference to {@code to}; a function of that name is left alone.
     */
    static String rename(String sql, String from, String to, int start) {
        List<Token> tokens = SqlLexer.tokenize("<definition>", sql);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.start() < start) continue;
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            if (!isColumn(t, from) || call) continue;
            out.append(sql, copied, t.start()).append(Identifiers.quote(to));
            copied = t.end();
        }
        return out.append(sql.substring(copied)).toString();
    }

    private static boolean isColumn(Token t, String column) {
        return (t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER) && t.value().equals(column);
    }

    /** Where an index definition's column list starts: the first {@code (} after {@code ON} (so a table named like the column stays). */
    private static int columnsStart(String definition) {
        boolean on = false;
        for (Token t : SqlLexer.tokenize("<definition>", definition)) {
            if (t.isWord("on")) on = true;
            else if (on && t.isSymbol("(")) return t.start();
        }
        return definition.length();
    }

    /** {@code CREATE [UNIQUE] INDEX name ON ...} with the index's name replaced. */
    private static String renameIndex(String definition, String from, String to) {
        List<Token> tokens = SqlLexer.tokenize("<definition>", definition);
        for (Token t : tokens) {
            if ((t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER) && t.value().equals(from)) {
                return definition.substring(0, t.start()) + Identifiers.quote(to) + definition.substring(t.end());
            }
        }
        throw new IllegalArgumentException("index definition does not name " + from + ": " + definition);
    }
}
