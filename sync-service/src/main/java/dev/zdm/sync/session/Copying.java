package dev.zdm.sync.session;

import dev.zdm.sync.apply.BatchSizer;
import dev.zdm.sync.apply.InitialCopy;
import dev.zdm.sync.apply.Link;
import dev.zdm.sync.db.DbTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/** Runs a session's blue-green initial copy, resuming from the stored cursor, reporting each batch. */
final class Copying {
    /** First batch before the sizer has measured anything: small enough to be harmless on any table. */
    private static final int FIRST_BATCH = 1_000;
    /** Smallest batch: below this the per-batch overhead dominates. */
    private static final int MIN_BATCH = 100;

    private Copying() {
    }

    /** @param batchDone sees the last key copied and the rows inserted so far */
    static long run(DbTarget db, Link link, SessionRecord record, SessionSettings settings, BooleanSupplier cancelled,
                    BiConsumer<List<String>, Long> batchDone) throws SQLException {
        BatchSizer sizer = new BatchSizer(settings.copyTargetBatchMs(), FIRST_BATCH, MIN_BATCH, settings.copyMaxBatch());
        long[] done = {0};
        try (Connection c = db.connect("copy")) {
            return new InitialCopy(link, sizer).run(c, record.copyCursor(), cancelled, (cursor, rows, size) -> {
                done[0] += rows;
                batchDone.accept(cursor, done[0]);
            });
        }
    }
}
