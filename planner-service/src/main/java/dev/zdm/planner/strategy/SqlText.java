package dev.zdm.planner.strategy;

import dev.zdm.domain.sql.Identifiers;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.parse.Token;

import java.util.List;

/**
 * SQL the strategies write. Every statement here is idempotent: run twice, the second run changes
 * nothing and does not fail, because a step may be re-run after a crash between its commit and the
 * record of its completion.
 */
final class SqlText {
    private SqlText() {
    }

    static String q(String identifier) {
        return Identifiers.quote(identifier);
    }

    static String lit(String value) {
        return Identifiers.literal(value);
    }

    /** {@code ALTER TABLE t <action>} run only when constraint {@code name} does not exist yet. */
    static String ifNoConstraint(TableName table, String name, String alterAction) {
        return guarded("NOT " + constraintExists(table, name), "ALTER TABLE " + table.sql() + " " + alterAction);
    }

    /** {@code statements} (each without its ';') run only while constraint {@code name} of {@code table} exists. */
    static String whileConstraintExists(TableName table, String name, String... statements) {
        return guarded(constraintExists(table, name), statements);
    }

    /** {@code statements} (each without its ';') run only while column {@code column} of {@code table} exists: a re-run is harmless. */
    static String whileColumnExists(TableName table, String column, String... statements) {
        return guarded("EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + lit(table.qualified()) + "::regclass AND attname = "
                + lit(column) + " AND NOT attisdropped)", statements);
    }

    /** {@code ALTER TABLE t RENAME COLUMN a TO b} run only while column {@code a} exists. */
    static String renameColumn(TableName table, String from, String to) {
        return whileColumnExists(table, from, "ALTER TABLE " + table.sql() + " RENAME COLUMN " + q(from) + " TO " + q(to));
    }

    private static String constraintExists(TableName table, String name) {
        return "EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + lit(table.qualified()) + "::regclass AND conname = " + lit(name) + ")";
    }

    private static String guarded(String condition, String... statements) {
        StringBuilder out = new StringBuilder("DO $zdm$ BEGIN\n  IF ").append(condition).append(" THEN\n");
        for (String s : statements) out.append("    ").append(s).append(";\n");
        return out.append("  END IF;\nEND $zdm$").toString();
    }

    /**
     * The same CREATE INDEX with CONCURRENTLY and without IF NOT EXISTS (which would skip an INVALID
     * leftover; the executor drops such a leftover itself before retrying).
     */
    static String concurrently(String createIndex) {
        List<Token> tokens = SqlTokens.of(createIndex).remaining();
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("index")) {
                out.append(createIndex, copied, t.end()).append(" CONCURRENTLY");
                int next = i + 1;
                if (next < tokens.size() && tokens.get(next).isWord("concurrently")) next++;
                if (next + 2 < tokens.size() && tokens.get(next).isWord("if") && tokens.get(next + 1).isWord("not")
                        && tokens.get(next + 2).isWord("exists")) next += 3;
                copied = next < tokens.size() ? tokens.get(next).start() : createIndex.length();
                out.append(' ');
                break;
            }
        }
        return out.append(createIndex.substring(copied)).toString();
    }
}
