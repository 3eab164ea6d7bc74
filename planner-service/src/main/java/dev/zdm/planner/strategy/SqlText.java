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
        return "DO $zdm$ BEGIN\n"
                + "  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + lit(table.sql()) + "::regclass AND conname = " + lit(name) + ") THEN\n"
                + "    ALTER TABLE " + table.sql() + " " + alterAction + ";\n"
                + "  END IF;\nEND $zdm$";
    }

    /** {@code ALTER TABLE t RENAME COLUMN a TO b} run only while column {@code a} exists. */
    static String renameColumn(TableName table, String from, String to) {
        return "DO $zdm$ BEGIN\n"
                + "  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + lit(table.sql()) + "::regclass AND attname = " + lit(from) + " AND NOT attisdropped) THEN\n"
                + "    ALTER TABLE " + table.sql() + " RENAME COLUMN " + q(from) + " TO " + q(to) + ";\n"
                + "  END IF;\nEND $zdm$";
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
