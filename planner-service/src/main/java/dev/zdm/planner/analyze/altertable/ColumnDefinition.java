package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Change.DefaultKind;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.domain.sql.TableName;

/**
 * A column definition as written in ADD COLUMN or CREATE TABLE: {@code name type [constraints]}.
 *
 * @param name              column name
 * @param type              type as written
 * @param notNull           NOT NULL or PRIMARY KEY given
 * @param defaultExpression DEFAULT expression as written, or null
 * @param defaultKind       how existing rows would get their value
 * @param uniqueOrPrimary   an inline UNIQUE or PRIMARY KEY
 * @param primaryKey        an inline PRIMARY KEY
 * @param check             an inline CHECK
 * @param references        the table of an inline REFERENCES, or null
 */
public record ColumnDefinition(String name, String type, boolean notNull, String defaultExpression, DefaultKind defaultKind,
                               boolean uniqueOrPrimary, boolean primaryKey, boolean check, TableName references) {
    private static final String[] CLAUSES = {"constraint", "not", "null", "default", "generated", "primary", "unique",
            "check", "references", "collate", "compression", "deferrable", "initially"};

    /** Reads a definition at the cursor (after ADD [COLUMN] [IF NOT EXISTS]); null when no name comes next. */
    public static ColumnDefinition read(SqlTokens sub) {
        String name = sub.name();
        if (name == null) return null;
        String type = sub.textUntil(CLAUSES);
        boolean notNull = false;
        boolean unique = false;
        boolean primary = false;
        boolean check = false;
        String defaultExpression = null;
        DefaultKind generated = null;
        TableName references = null;
        while (!sub.atEnd()) {
            if (sub.accept("constraint")) {
                sub.name();
            } else if (sub.accept("not", "null")) {
                notNull = true;
            } else if (sub.accept("default")) {
                defaultExpression = sub.textUntil(CLAUSES);
            } else if (sub.accept("generated")) {
                String spec = sub.textUntil("constraint", "not", "null", "primary", "unique", "check", "references").toLowerCase();
                generated = spec.contains("identity") ? DefaultKind.IDENTITY : DefaultKind.GENERATED;
            } else if (sub.accept("primary", "key")) {
                primary = true;
                unique = true;
                notNull = true;
            } else if (sub.accept("unique")) {
                unique = true;
            } else if (sub.accept("check")) {
                sub.parenthesized();
                check = true;
            } else if (sub.accept("references")) {
                references = sub.tableName();
                sub.parenthesized();
            } else {
                sub.next();
            }
        }
        DefaultKind kind = generated != null ? generated : DefaultExpressions.classify(defaultExpression);
        if (type.toLowerCase().contains("serial")) kind = DefaultKind.IDENTITY;
        return new ColumnDefinition(name, type, notNull, defaultExpression, kind, unique, primary, check, references);
    }

    /** The column as the catalog will show it; identity and serial columns get a sequence-backed default. */
    public ColumnInfo toColumnInfo() {
        String storedDefault = defaultKind == DefaultKind.IDENTITY ? "nextval" : defaultExpression;
        String storedType = type.toLowerCase().replace("bigserial", "bigint").replace("smallserial", "smallint").replace("serial", "integer");
        return new ColumnInfo(name, storedType, notNull, storedDefault, defaultKind == DefaultKind.IDENTITY ? "sequence" : null);
    }
}
