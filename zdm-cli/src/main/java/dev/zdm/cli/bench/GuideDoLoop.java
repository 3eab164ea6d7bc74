package dev.zdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code guide-do-loop}: the strategy guide's "Batch Processing" template, as written there (only the
 * table, column and value filled in). A {@code DO} block is one transaction, so every batch's row locks
 * are held until the whole loop ends, and each batch's {@code LIMIT} without an order scans from the
 * start of the table past the rows already done. Bounded by {@code statement_timeout} at the cap; its
 * progress is read from its own {@code RAISE NOTICE}s, so a cancelled run still shows how far it got.
 */
final class GuideDoLoop implements Migration {
    private static final Pattern PROGRESS = Pattern.compile("Updated (\\d+) rows");

    /** The guide's template with {@code target_table}, {@code new_column} and {@code calculated_value} filled in. */
    static String sql() {
        return """
                DO $$
                DECLARE
                  batch_size CONSTANT INTEGER := 10000;
                  total_updated INTEGER := 0;
                  batch_updated INTEGER;
                BEGIN
                  LOOP
                    UPDATE %1$s
                    SET %2$s = amount * 100
                    WHERE id IN (
                      SELECT id FROM %1$s
                      WHERE %2$s IS NULL
                      LIMIT batch_size
                      FOR UPDATE SKIP LOCKED
                    );

                    GET DIAGNOSTICS batch_updated = ROW_COUNT;
                    total_updated := total_updated + batch_updated;

                    EXIT WHEN batch_updated = 0;

                    -- Progress tracking
                    RAISE NOTICE 'Updated %% rows', total_updated;

                    -- Brief pause to reduce load
                    PERFORM pg_sleep(0.1);
                  END LOOP;
                END $$;
                """.formatted(BenchTable.TABLE, BenchTable.NEW_COLUMN);
    }

    @Override
    public String name() {
        return "guide-do-loop";
    }

    @Override
    public MigrationRun run(BenchContext ctx) throws SQLException {
        try (Connection c = DriverManager.getConnection(ctx.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = " + ctx.cap().toMillis());
            s.execute("SET client_min_messages = notice");
            long started = System.nanoTime();
            try {
                s.execute(sql());
                long elapsed = System.nanoTime() - started;
                return new MigrationRun(lastProgress(s.getWarnings()), elapsed, null, "one transaction");
            } catch (SQLException e) {
                long elapsed = System.nanoTime() - started;
                if (!Cap.isStatementTimeout(e)) throw e;
                long reached = lastProgress(s.getWarnings());
                return new MigrationRun(reached, elapsed, Cap.statementTimeout(ctx) + "; rolled back",
                        String.format(Locale.ROOT, "cancelled after %,d rows, all rolled back", reached));
            }
        }
    }

    /** The total of the last {@code Updated N rows} notice; 0 when there was none. */
    static long lastProgress(SQLWarning warnings) {
        long last = 0;
        for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
            Matcher m = PROGRESS.matcher(String.valueOf(w.getMessage()));
            if (m.find()) last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
