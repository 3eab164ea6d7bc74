package dev.zdm.monitor.breaker;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads and saves breakers in {@code zdm._migration_circuit_breakers}, so their state survives a
 * restart of the monitor and is visible in {@code zdm.v_zero_downtime_status}. Writes are
 * conditional on the row being the one read ({@code updated_at}), so a change made meanwhile by
 * someone else (an operator's reset, {@code zdm.update_circuit_breaker}) is never overwritten.
 *
 * <p>The table is created by the control-schema setup, not here. Never blocks; thread-safe (each
 * call is one statement).
 */
public final class BreakerStore {
    private static final String TABLE = "zdm._migration_circuit_breakers";
    private static final String COLUMNS =
            "breaker_name, target, state, failure_count, success_count, opened_at, updated_at, last_reason";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE breaker_name = $1";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY breaker_name";
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ")"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (breaker_name) DO NOTHING";
    private static final String UPDATE = "UPDATE " + TABLE + " SET target = $2, state = $3, failure_count = $4,"
            + " success_count = $5, opened_at = $6, updated_at = $7, last_reason = $8"
            + " WHERE breaker_name = $1 AND updated_at = $9";
    private static final String RESET = "WITH old AS (SELECT " + COLUMNS + " FROM " + TABLE
            + " WHERE breaker_name = $1 FOR UPDATE)"
            + " UPDATE " + TABLE + " b SET state = 'closed', failure_count = 0, success_count = 0, opened_at = NULL,"
            + " updated_at = $2, last_reason = $3 FROM old WHERE b.breaker_name = old.breaker_name"
            + " RETURNING old.breaker_name, old.target, old.state, old.failure_count, old.success_count,"
            + " old.opened_at, old.updated_at, old.last_reason";

    private final SqlClient client;

    /** @param client a pool to the database holding the {@code zdm} control schema */
    public BreakerStore(SqlClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The breaker's row, or empty when it was never saved. */
    public Future<Optional<BreakerSnapshot>> load(String name) {
        return client.preparedQuery(SELECT_ONE).execute(Tuple.of(name))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSnapshot(rows.iterator().next())));
    }

    /** Every saved breaker, by name. */
    public Future<List<BreakerSnapshot>> loadAll() {
        return client.query(SELECT_ALL).execute().map(rows -> {
            List<BreakerSnapshot> all = new ArrayList<>();
            rows.forEach(row -> all.add(toSnapshot(row)));
            return all;
        });
    }

    /** Saves a breaker seen for the first time; false when a row of that name exists already. */
    public Future<Boolean> insert(BreakerSnapshot snapshot) {
        return client.preparedQuery(INSERT).execute(values(snapshot)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Saves {@code next} over the row last read as {@code read}; false (and nothing written) when
     * the row has changed or gone since.
     */
    public Future<Boolean> update(BreakerSnapshot next, BreakerSnapshot read) {
        return client.preparedQuery(UPDATE).execute(values(next).addValue(timestamp(read.updatedAt())))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * An operator's reset: closes the breaker and clears its counts, whatever its state, in one
     * statement. Returns the transition to publish, or empty when no breaker has that name.
     */
    public Future<Optional<Transition>> reset(String name, String reason, Instant now) {
        return client.preparedQuery(RESET).execute(Tuple.of(name, timestamp(now), reason))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : BreakerMachine.reset(toSnapshot(rows.iterator().next()), reason, micros(now)).transition());
    }

    private static Tuple values(BreakerSnapshot s) {
        return Tuple.of(s.name(), s.target(), s.state().dbValue(), s.failureCount(), s.successCount(),
                        timestamp(s.openedAt()), timestamp(s.updatedAt()))
                .addString(s.lastReason());
    }

    private static BreakerSnapshot toSnapshot(Row row) {
        return new BreakerSnapshot(
                row.getString("breaker_name"),
                row.getString("target"),
                BreakerState.fromDb(row.getString("state")),
                row.getInteger("failure_count"),
                row.getInteger("success_count"),
                instant(row.getOffsetDateTime("opened_at")),
                instant(row.getOffsetDateTime("updated_at")),
                row.getString("last_reason"));
    }

    /** PostgreSQL keeps microseconds; truncating here keeps what is written equal to what is read back. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : micros(instant).atOffset(ZoneOffset.UTC);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
