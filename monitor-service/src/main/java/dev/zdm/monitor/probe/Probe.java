package dev.zdm.monitor.probe;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Collects one kind of reading from a PostgreSQL database, deciding nothing.
 *
 * <p>Contract: {@link #sample} sends one read-only query through {@code client} and never blocks
 * the calling thread; the future fails with the client's exception when the query fails (a lost
 * connection, a permission error) and otherwise completes with a non-null reading. A probe holds
 * no state, so one instance may serve any number of targets and threads.
 *
 * @param <R> the reading type, an immutable record
 */
public interface Probe<R> {

    /** Samples the database behind {@code client} (a pool or a connection), once. */
    Future<R> sample(SqlClient client);
}
