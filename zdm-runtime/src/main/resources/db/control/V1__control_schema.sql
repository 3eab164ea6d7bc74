-- zdm control schema, version 1. Applied once per target database by ControlSchema, inside one
-- transaction holding an advisory lock, so services starting together never race. Names follow the
-- strategy guide the project started from (_migration_*, v_zero_downtime_status, check_feature_flag,
-- update_circuit_breaker).

CREATE TABLE IF NOT EXISTS zdm.migrations (
    migration_id           text PRIMARY KEY,
    target                 text        NOT NULL,
    source                 text        NOT NULL DEFAULT '',
    sql                    text        NOT NULL,
    status                 text        NOT NULL,
    strategy               text,
    requires_zero_downtime boolean,
    estimated_downtime_ms  bigint,
    current_phase          integer     NOT NULL DEFAULT 0,
    phase_count            integer     NOT NULL DEFAULT 0,
    paused                 boolean     NOT NULL DEFAULT false,
    plan_event             bytea,
    error_code             text,
    error_message          text,
    requested_at           timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    completed_at           timestamptz
);

CREATE TABLE IF NOT EXISTS zdm.migration_phases (
    migration_id      text        NOT NULL REFERENCES zdm.migrations ON DELETE CASCADE,
    phase_index       integer     NOT NULL,
    phase_id          text        NOT NULL,
    name              text        NOT NULL,
    strategy          text        NOT NULL,
    kind              text        NOT NULL,
    status            text        NOT NULL DEFAULT 'PENDING',
    attempt           integer     NOT NULL DEFAULT 0,
    waits_for_service text,
    waits_for_version text,
    point_of_no_return boolean    NOT NULL DEFAULT false,
    rows_affected     bigint      NOT NULL DEFAULT 0,
    error_message     text,
    started_at        timestamptz,
    finished_at       timestamptz,
    PRIMARY KEY (migration_id, phase_index)
);

-- Plan and phase history: every state change of a migration, in order.
CREATE TABLE IF NOT EXISTS zdm.migration_events (
    id           bigserial PRIMARY KEY,
    migration_id text        NOT NULL,
    phase_index  integer,
    event        text        NOT NULL,
    detail       text        NOT NULL DEFAULT '',
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS migration_events_by_migration ON zdm.migration_events (migration_id, id);

-- Application deployments seen, so a phase reached after its deployment went live is released at once.
CREATE TABLE IF NOT EXISTS zdm.deployments (
    service     text        NOT NULL,
    version     text        NOT NULL,
    deployed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service, version)
);

-- Steps the executor finished, so a re-delivered phase command reports the same result and does no harm.
CREATE TABLE IF NOT EXISTS zdm.step_runs (
    migration_id  text        NOT NULL,
    step_id       text        NOT NULL,
    direction     text        NOT NULL,
    status        text        NOT NULL,
    rows_affected bigint      NOT NULL DEFAULT 0,
    detail        text        NOT NULL DEFAULT '',
    finished_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration_id, step_id, direction)
);

CREATE TABLE IF NOT EXISTS zdm._migration_progress (
    migration_id      text        NOT NULL,
    phase             text        NOT NULL,
    step_id           text        NOT NULL,
    batches_completed bigint      NOT NULL DEFAULT 0,
    rows_affected     bigint      NOT NULL DEFAULT 0,
    rows_total        bigint,
    last_key          text,
    key_min           text,
    key_max           text,
    batch_size        integer,
    status            text        NOT NULL DEFAULT 'running',
    started_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration_id, step_id)
);

CREATE TABLE IF NOT EXISTS zdm._migration_deprecations (
    table_name   text        NOT NULL,
    column_name  text        NOT NULL DEFAULT '',
    removal_date timestamptz NOT NULL,
    migration_id text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_name, column_name)
);

CREATE TABLE IF NOT EXISTS zdm._migration_feature_flags (
    flag_name          text PRIMARY KEY,
    enabled            boolean     NOT NULL DEFAULT false,
    rollout_percentage integer     NOT NULL DEFAULT 0 CHECK (rollout_percentage BETWEEN 0 AND 100),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS zdm._migration_circuit_breakers (
    breaker_name  text PRIMARY KEY,
    target        text        NOT NULL DEFAULT '',
    state         text        NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'half_open')),
    failure_count integer     NOT NULL DEFAULT 0,
    success_count integer     NOT NULL DEFAULT 0,
    opened_at     timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    last_reason   text
);

-- Stable bucketing: a user's bucket depends only on (flag, user), so a user inside 10% stays inside 50%.
CREATE OR REPLACE FUNCTION zdm.check_feature_flag(flag text, user_id text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT coalesce((
        SELECT f.enabled AND (abs(hashtextextended(flag || ':' || user_id, 0)) % 100) < f.rollout_percentage
        FROM zdm._migration_feature_flags f WHERE f.flag_name = flag), false)
$$;

-- The guide's breaker update: a failure counts towards opening (5 in a row open it), a success closes
-- a half-open breaker and clears the count. The monitor's own policy drives the same table.
CREATE OR REPLACE FUNCTION zdm.update_circuit_breaker(name text, success boolean) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    new_state text;
BEGIN
    INSERT INTO zdm._migration_circuit_breakers (breaker_name) VALUES (name) ON CONFLICT DO NOTHING;
    IF success THEN
        UPDATE zdm._migration_circuit_breakers
           SET failure_count = 0, success_count = success_count + 1,
               state = CASE WHEN state = 'half_open' THEN 'closed' ELSE state END,
               opened_at = CASE WHEN state = 'half_open' THEN NULL ELSE opened_at END,
               updated_at = now()
         WHERE breaker_name = name RETURNING state INTO new_state;
    ELSE
        UPDATE zdm._migration_circuit_breakers
           SET failure_count = failure_count + 1, success_count = 0,
               state = CASE WHEN failure_count + 1 >= 5 OR state = 'half_open' THEN 'open' ELSE state END,
               opened_at = CASE WHEN (failure_count + 1 >= 5 OR state = 'half_open') AND state <> 'open' THEN now() ELSE opened_at END,
               last_reason = 'update_circuit_breaker(' || name || ', false)',
               updated_at = now()
         WHERE breaker_name = name RETURNING state INTO new_state;
    END IF;
    RETURN new_state;
END
$$;

CREATE OR REPLACE VIEW zdm.v_zero_downtime_status AS
    SELECT 'migration'::text AS kind, m.migration_id AS name, m.status,
           coalesce(m.strategy, '') || ' phase ' || least(m.current_phase + 1, m.phase_count) || '/' || m.phase_count AS detail,
           NULL::bigint AS rows_done, NULL::bigint AS rows_total, m.updated_at
      FROM zdm.migrations m
    UNION ALL
    SELECT 'phase', p.migration_id || '/' || p.phase_id, p.status,
           p.name || ' (' || p.kind || coalesce(', waits for ' || p.waits_for_service || '@' || p.waits_for_version, '') || ')',
           p.rows_affected, NULL, coalesce(p.finished_at, p.started_at)
      FROM zdm.migration_phases p
    UNION ALL
    SELECT 'progress', g.migration_id || '/' || g.step_id, g.status,
           g.phase || ', batch ' || coalesce(g.batch_size::text, '-') || ', last key ' || coalesce(g.last_key, '-'),
           g.rows_affected, g.rows_total, g.updated_at
      FROM zdm._migration_progress g
    UNION ALL
    SELECT 'breaker', b.breaker_name, b.state,
           'failures ' || b.failure_count || coalesce(', ' || b.last_reason, ''), NULL, NULL, b.updated_at
      FROM zdm._migration_circuit_breakers b
    UNION ALL
    SELECT 'deprecation', d.table_name || coalesce('.' || nullif(d.column_name, ''), ''), 'deprecated',
           'removal after ' || to_char(d.removal_date, 'YYYY-MM-DD'), NULL, NULL, d.created_at
      FROM zdm._migration_deprecations d
    UNION ALL
    SELECT 'flag', f.flag_name, CASE WHEN f.enabled THEN 'enabled' ELSE 'disabled' END,
           f.rollout_percentage || '%', NULL, NULL, f.updated_at
      FROM zdm._migration_feature_flags f;
