package dev.zdm.planner.orchestrate;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.sql.TableName;
import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.MigrationRequested;
import dev.zdm.runtime.serde.EventCodec;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration, phase and deployment state in one target's control schema. Every update that moves a
 * phase is conditional on the state it expects, so a duplicate or late event changes nothing.
 */
public final class MigrationStore {
    private final Pool pool;
    private final EventCodec codec;

    public MigrationStore(Pool pool, EventCodec codec) {
        this.pool = pool;
        this.codec = codec;
    }

    /** Records a planned migration and its phases; false when the id is already known (a re-delivered request). */
    /**
     * Inserts the migration and its phases, and claims {@code tables} for it, in one transaction; false
     * when the migration already exists. Fails with {@code NOT_ALLOWED} naming the holders when another
     * migration holds one of the tables (and then inserts nothing).
     */
    public Future<Boolean> insert(MigrationRequested request, MigrationPlanned planned, java.util.Collection<TableName> tables) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO zdm.migrations (migration_id, target, source, sql, status, "
                        + "strategy, requires_zero_downtime, estimated_downtime_ms, phase_count, plan_event, requested_at) "
                        + "VALUES ($1, $2, $3, $4, 'PLANNED', $5, $6, $7, $8, $9, $10) ON CONFLICT (migration_id) DO NOTHING")
                .execute(Tuple.from(List.of(request.getMigrationId(), request.getTarget(), request.getSource(), request.getSql(),
                        planned.getRecommendedStrategy() == null ? "direct" : planned.getRecommendedStrategy(),
                        planned.getRequiresZeroDowntime(), planned.getEstimatedDowntimeMs(), planned.getPhases().size(),
                        Buffer.buffer(codec.encode(planned)), java.time.OffsetDateTime.ofInstant(request.getRequestedAt(), java.time.ZoneOffset.UTC))))
                .compose(r -> r.rowCount() == 0 ? Future.succeededFuture(false)
                        : insertPhases(tx, planned).compose(v -> claim(tx, request.getMigrationId(), tables)).map(true)));
    }

    private static Future<Void> claim(SqlClient tx, String migrationId, java.util.Collection<TableName> tables) {
        if (tables.isEmpty()) return Future.succeededFuture();
        String[] schemas = tables.stream().map(TableName::schema).toArray(String[]::new);
        String[] names = tables.stream().map(TableName::name).toArray(String[]::new);
        return tx.preparedQuery("INSERT INTO zdm.claims (schema_name, table_name, migration_id) SELECT s, t, $3 FROM unnest($1::text[], $2::text[]) "
                        + "AS c(s, t) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(schemas, names, migrationId))
                .compose(inserted -> inserted.rowCount() == tables.size() ? Future.succeededFuture()
                        : tx.preparedQuery("SELECT c.schema_name, c.table_name, c.migration_id, m.status FROM zdm.claims c "
                                        + "JOIN zdm.migrations m USING (migration_id) JOIN unnest($1::text[], $2::text[]) AS w(s, t) "
                                        + "ON w.s = c.schema_name AND w.t = c.table_name WHERE c.migration_id <> $3 ORDER BY 1, 2")
                                .execute(Tuple.of(schemas, names, migrationId))
                                .compose(rows -> {
                                    List<String> held = new ArrayList<>();
                                    rows.forEach(r -> held.add("table " + new TableName(r.getString(0), r.getString(1)).qualified() + " is held by migration "
                                            + r.getString(2) + " (" + r.getString(3) + ")"));
                                    return Future.failedFuture(new ZdmException(ErrorCode.NOT_ALLOWED, String.join("; ", held)
                                            + "; one migration at a time per table: wait for it to end, or roll it back or cancel it first"));
                                }));
    }

    private Future<Void> insertPhases(SqlClient tx, MigrationPlanned planned) {
        List<Tuple> rows = new ArrayList<>();
        for (var p : planned.getPhases()) {
            rows.add(Tuple.from(List.of(planned.getMigrationId(), p.getIndex(), p.getPhaseId(), p.getName(), p.getStrategy(), p.getKind(),
                    p.getWaitsFor() == null ? "" : p.getWaitsFor().getService(), p.getWaitsFor() == null ? "" : p.getWaitsFor().getVersion(),
                    p.getPointOfNoReturn())));
        }
        if (rows.isEmpty()) return Future.succeededFuture();
        return tx.preparedQuery("INSERT INTO zdm.migration_phases (migration_id, phase_index, phase_id, name, strategy, kind, "
                        + "waits_for_service, waits_for_version, point_of_no_return) VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), nullif($8, ''), $9)")
                .executeBatch(rows).mapEmpty();
    }

    /** Records a rejected request so status views show it. */
    public Future<Void> insertRejected(MigrationRequested request, String code, String message) {
        return pool.preparedQuery("INSERT INTO zdm.migrations (migration_id, target, source, sql, status, error_code, error_message) "
                        + "VALUES ($1, $2, $3, $4, 'REJECTED', $5, $6) ON CONFLICT (migration_id) DO NOTHING")
                .execute(Tuple.of(request.getMigrationId(), request.getTarget(), request.getSource(), request.getSql(), code, message))
                .mapEmpty();
    }

    /** The SQL the migration was requested with, or null when this target does not know it. */
    public Future<String> requestedSql(String migrationId) {
        return pool.preparedQuery("SELECT sql FROM zdm.migrations WHERE migration_id = $1").execute(Tuple.of(migrationId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Why a migration ended as it did: its stored error ({@code CODE: message}), or null when it has none. */
    public Future<String> endReason(String migrationId) {
        return pool.preparedQuery("SELECT error_code, error_message FROM zdm.migrations WHERE migration_id = $1")
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    if (rows.size() == 0) return null;
                    var r = rows.iterator().next();
                    if (r.getString(1) == null) return null;
                    return r.getString(0) == null ? r.getString(1) : r.getString(0) + ": " + r.getString(1);
                });
    }

    /** The migration, or null when this target does not know it. */
    public Future<MigrationState> load(String migrationId) {
        return pool.preparedQuery("SELECT target, status, current_phase, paused, plan_event FROM zdm.migrations WHERE migration_id = $1")
                .execute(Tuple.of(migrationId))
                .compose(rows -> {
                    if (rows.size() == 0) return Future.succeededFuture(null);
                    Row m = rows.iterator().next();
                    if (m.getBuffer("plan_event") == null) {
                        return Future.succeededFuture(new MigrationState(migrationId, m.getString("target"), m.getString("status"),
                                m.getInteger("current_phase"), m.getBoolean("paused"), null, List.of()));
                    }
                    MigrationPlanned plan = codec.decode(m.getBuffer("plan_event").getBytes(), MigrationPlanned.class);
                    return phases(migrationId).map(phases -> new MigrationState(migrationId, m.getString("target"),
                            m.getString("status"), m.getInteger("current_phase"), m.getBoolean("paused"), plan, phases));
                });
    }

    private Future<List<MigrationState.PhaseState>> phases(String migrationId) {
        return pool.preparedQuery("SELECT phase_index, phase_id, status, attempt FROM zdm.migration_phases WHERE migration_id = $1 ORDER BY phase_index")
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    List<MigrationState.PhaseState> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new MigrationState.PhaseState(r.getInteger("phase_index"), r.getString("phase_id"),
                            r.getString("status"), r.getInteger("attempt"))));
                    return out;
                });
    }

    /** Ids of migrations not yet finished, oldest first (the restart sweep). */
    public Future<List<String>> unfinished() {
        return pool.query("SELECT migration_id FROM zdm.migrations WHERE status IN ('PLANNED', 'RUNNING', 'WAITING_DEPLOYMENT', 'ROLLING_BACK') "
                        + "ORDER BY requested_at").execute()
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }

    /** Moves a phase to {@code to} only if it is in {@code from} (and at {@code attempt} when >= 0); true when it moved. */
    public Future<Boolean> movePhase(String migrationId, int index, String from, String to, int attempt, long rows, String error) {
        return pool.preparedQuery("UPDATE zdm.migration_phases SET status = $4, rows_affected = rows_affected + $6, error_message = $7, "
                        + "started_at = CASE WHEN $4 IN ('DISPATCHED', 'ROLLING_BACK') THEN now() ELSE started_at END, "
                        + "finished_at = CASE WHEN $4 IN ('DISPATCHED', 'ROLLING_BACK', 'WAITING_DEPLOYMENT') THEN NULL ELSE now() END, "
                        + "attempt = CASE WHEN $4 IN ('DISPATCHED', 'ROLLING_BACK') THEN attempt + 1 ELSE attempt END "
                        + "WHERE migration_id = $1 AND phase_index = $2 AND status = $3 AND ($5 < 0 OR attempt = $5)")
                .execute(Tuple.from(new Object[] {migrationId, index, from, to, attempt, rows, error}))
                .map(r -> r.rowCount() == 1);
    }

    /**
     * Takes the re-dispatch of a phase in flight ({@code status} DISPATCHED or ROLLING_BACK at
     * {@code attempt}) whose command nobody runs: no executor holds a lease on it that was live within
     * the last {@code afterMs}, and it was not (re-)dispatched within {@code afterMs} either (its command
     * may still wait in its partition). True for one caller only: it publishes the command again.
     */
    public Future<Boolean> takeRedispatch(String migrationId, int index, String status, int attempt, long afterMs) {
        return pool.preparedQuery("UPDATE zdm.migration_phases p SET dispatched_at = now() "
                        + "WHERE p.migration_id = $1 AND p.phase_index = $2 AND p.status = $3 AND p.attempt = $4 "
                        + "AND greatest(p.dispatched_at, p.started_at, '-infinity') < now() - $5 * interval '1 millisecond' "
                        + "AND NOT EXISTS (SELECT 1 FROM zdm.phase_leases l WHERE l.migration_id = $1 AND l.phase_index = $2 AND l.attempt = $4 "
                        + "AND l.expires_at > now() - $5 * interval '1 millisecond') RETURNING 1")
                .execute(Tuple.of(migrationId, index, status, attempt, afterMs)).map(r -> r.rowCount() == 1);
    }

    /** Migrations with a phase in flight (dispatched, or being undone), for the re-dispatch check. */
    public Future<List<String>> inFlight() {
        return pool.query("SELECT DISTINCT migration_id FROM zdm.migration_phases WHERE status IN ('DISPATCHED', 'ROLLING_BACK') ORDER BY 1")
                .execute().map(rows -> {
                    List<String> ids = new java.util.ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }

    /**
     * Sets the migration's status and current phase (and the error when failing). Ending (COMPLETED,
     * CANCELLED, ROLLED_BACK) releases its claims; ending or failing drops its phase lease, so a run
     * still going somewhere fails its next fenced write and nothing writes after the end.
     */
    public Future<Void> setMigration(String migrationId, String status, int currentPhase, String errorCode, String errorMessage) {
        return pool.preparedQuery("WITH released AS (DELETE FROM zdm.claims WHERE migration_id = $1 "
                        + "AND $2 IN ('COMPLETED', 'CANCELLED', 'ROLLED_BACK')), "
                        + "unleased AS (DELETE FROM zdm.phase_leases WHERE migration_id = $1 AND $2 IN ('COMPLETED', 'CANCELLED', 'ROLLED_BACK', 'FAILED')) "
                        + "UPDATE zdm.migrations SET status = $2, current_phase = $3, "
                        // a migration that completes after a failed attempt no longer carries that attempt's error
                        + "error_code = CASE WHEN $2 = 'COMPLETED' THEN NULL ELSE coalesce($4, error_code) END, "
                        + "error_message = CASE WHEN $2 = 'COMPLETED' THEN NULL ELSE coalesce($5, error_message) END, updated_at = now(), "
                        + "completed_at = CASE WHEN $2 IN ('COMPLETED', 'CANCELLED', 'ROLLED_BACK') THEN now() ELSE completed_at END "
                        + "WHERE migration_id = $1")
                .execute(Tuple.of(migrationId, status, currentPhase, errorCode, errorMessage)).mapEmpty();
    }

    public Future<Void> setPaused(String migrationId, boolean paused) {
        return pool.preparedQuery("UPDATE zdm.migrations SET paused = $2, updated_at = now() WHERE migration_id = $1")
                .execute(Tuple.of(migrationId, paused)).mapEmpty();
    }

    /** Appends to the plan and phase history. */
    public Future<Void> history(String migrationId, Integer phaseIndex, String event, String detail) {
        return pool.preparedQuery("INSERT INTO zdm.migration_events (migration_id, phase_index, event, detail) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(migrationId, phaseIndex, event, detail == null ? "" : detail)).mapEmpty();
    }

    /** Remembers that {@code service@version} went live at {@code at} (the latest time wins). */
    public Future<Void> recordDeployment(String service, String version, java.time.Instant at) {
        return pool.preparedQuery("INSERT INTO zdm.deployments (service, version, deployed_at) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (service, version) DO UPDATE SET deployed_at = greatest(zdm.deployments.deployed_at, EXCLUDED.deployed_at)")
                .execute(Tuple.of(service, version, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC))).mapEmpty();
    }

    /**
     * True when {@code service@version} went live after the migration was requested: a deployment from
     * before (say, of another migration that used the same version name) never releases a gate.
     */
    public Future<Boolean> deployed(String migrationId, String service, String version) {
        return pool.preparedQuery("SELECT 1 FROM zdm.deployments d JOIN zdm.migrations m ON m.migration_id = $1 "
                        + "WHERE d.service = $2 AND d.version = $3 AND d.deployed_at >= m.requested_at")
                .execute(Tuple.of(migrationId, service, version)).map(rows -> rows.size() > 0);
    }

    /** Migrations with a phase waiting for {@code service@version}. */
    public Future<List<String>> waitingFor(String service, String version) {
        return pool.preparedQuery("SELECT migration_id FROM zdm.migration_phases WHERE status = 'WAITING_DEPLOYMENT' "
                        + "AND waits_for_service = $1 AND waits_for_version = $2")
                .execute(Tuple.of(service, version))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }
}
