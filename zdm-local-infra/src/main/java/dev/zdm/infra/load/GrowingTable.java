package dev.zdm.infra.load;

import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source table for copy tests that never stops growing: {@code items (id bigserial PRIMARY KEY, name
 * text NOT NULL)} seeded with {@code rows} rows, and connections inserting into it as fast as they can.
 * Tells what a copy owes: the seeded rows, and at most the rows inserted by the moment it read its end
 * key (each inserter may have one more in flight).
 */
public final class GrowingTable implements AutoCloseable {
    public static final String NAME = "items";

    private final Db db;
    private final int rows;
    private final int inserters;
    private final Workload app;
    private final AtomicLong writesAtFirstBatch = new AtomicLong(-1);

    /** Creates and seeds the table; nothing inserts until {@link #start()}. */
    public GrowingTable(Db db, int rows, int inserters) {
        this.db = db;
        this.rows = rows;
        this.inserters = inserters;
        db.exec("CREATE TABLE " + NAME + " (id bigserial PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO " + NAME + " (name) SELECT 'item ' || g FROM generate_series(1, " + rows + ") g");
        this.app = new Workload(db.url(), inserters, 0, (c, r) -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + NAME + " (name) VALUES ('new')");
            }
        });
    }

    /** Starts the inserters and returns once {@code committed} inserts are in, so they precede any copy started after. */
    public GrowingTable start(long committed) throws InterruptedException {
        app.start();
        while (app.writes() < committed) Thread.sleep(5);
        return this;
    }

    public Workload app() {
        return app;
    }

    /** Call from a copy's per-batch listener: remembers the inserts committed when its first batch ended. */
    public void batchDone() {
        writesAtFirstBatch.compareAndSet(-1, app.writes());
    }

    /**
     * The most rows a copy that read its end key before its first batch may hold: no key past the rows
     * inserted by the end of that batch (each inserter may have one more in flight) is the copy's.
     */
    public long mostRowsOwed() {
        return rows + writesAtFirstBatch.get() + inserters;
    }

    /** Seeded rows with no row in {@code target} that has their id and satisfies {@code matches} (g: target, s: source). */
    public long seededRowsMissingFrom(String target, String matches) {
        return db.count("SELECT count(*) FROM " + NAME + " s WHERE s.id <= " + rows
                + " AND NOT EXISTS (SELECT 1 FROM " + target + " g WHERE g.id = s.id AND " + matches + ")");
    }

    @Override
    public void close() {
        app.close();
    }
}
