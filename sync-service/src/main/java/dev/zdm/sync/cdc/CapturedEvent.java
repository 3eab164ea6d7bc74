package dev.zdm.sync.cdc;

import dev.zdm.domain.sql.TableName;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** What the capture hands on: a row change of a captured table, or one of zdm's own markers. */
public sealed interface CapturedEvent {

    /** Where the event sits in the WAL. */
    long lsn();

    /** When its transaction committed, in epoch milliseconds. */
    long commitMillis();

    /** The kind of a row change. */
    enum Op { INSERT, UPDATE, DELETE }

    /**
     * One row change.
     *
     * @param table  the table as the WAL names it at that position (exact parts)
     * @param before the old row (every column under {@code REPLICA IDENTITY FULL}, else only the
     *               identity columns, and only when they changed or the row was deleted); null for inserts
     * @param after  the new row; null for deletes. A value may be {@link Unavailable#PLACEHOLDER}: an
     *               unchanged TOASTed value the WAL did not carry
     * @param txId   the writing transaction's id
     */
    record Change(TableName table, Op op, Map<String, Object> before, Map<String, Object> after, long lsn, long commitMillis, long txId)
            implements CapturedEvent {
        public Change {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(op, "op");
            before = before == null ? null : Collections.unmodifiableMap(new HashMap<>(before));
            after = after == null ? null : Collections.unmodifiableMap(new HashMap<>(after));
        }
    }

    /**
     * A logical decoding message zdm emitted into the WAL with {@code pg_logical_emit_message} under the
     * slot's name as prefix. It arrives after every change committed before it, which is what makes it
     * a drain point and a lag probe.
     */
    record Marker(String content, long lsn, long commitMillis) implements CapturedEvent {
        public Marker {
            Objects.requireNonNull(content, "content");
        }
    }
}
