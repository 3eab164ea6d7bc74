package dev.zdm.cli.bench;

import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What every scenario is given.
 *
 * @param jdbcUrl   the benchmark database, user and password included
 * @param pg        the same for the Vert.x client
 * @param tableRows rows in the table when the scenario starts (keys 1..tableRows)
 * @param cap       the longest a migration may run; it is cancelled (and says so) beyond it
 * @param baseline  how long the window with no migration lasts
 */
record BenchContext(String jdbcUrl, PgConnectOptions pg, long tableRows, Duration cap, Duration baseline) {
    BenchContext {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(pg, "pg");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(baseline, "baseline");
    }
}
