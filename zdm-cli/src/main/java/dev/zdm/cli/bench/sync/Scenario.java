package dev.zdm.cli.bench.sync;

import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.Workload;
import dev.zdm.sync.session.SyncSpec;

/** One shape change to benchmark: its tables, its trigger-based equivalent, its zdm sync, the application's write, and a correctness check. */
interface Scenario {
    String name();

    /** Creates {@code table} (and its other shape) filled with {@code rows} rows, both shapes in step. */
    void create(Db db, String table, int rows);

    /** Installs the trigger that keeps the other shape in step synchronously. */
    void installTrigger(Db db, String table);

    /** The sync that does the same through change capture. */
    SyncSpec spec(String migrationId, String target, String table);

    /** The application's write. */
    Workload.Op write(String table, int rows);

    /** Rows where the two shapes disagree. */
    long wrongRows(Db db, String table);

    void drop(Db db, String table);
}
