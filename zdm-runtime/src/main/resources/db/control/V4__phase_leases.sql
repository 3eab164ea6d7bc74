-- Who runs a migration's phase now. An executor takes the lease when it starts a phase the planner
-- has dispatched (the phase's status and attempt must match), renews it while it runs, and gives it
-- back when it has published the result. A second executor that gets the same command (a joining
-- worker, a rebalance, a re-dispatch) finds the lease held and leaves the phase alone. Every batch
-- checks the lease in its own transaction (the epoch fences an owner whose lease expired or was
-- taken over), and a run that lost its lease stops without publishing a result. The planner re-
-- dispatches a phase only when its lease is gone or expired, and drops the lease when the migration
-- ends, so nothing writes after the end.
CREATE TABLE IF NOT EXISTS zdm.phase_leases (
    migration_id text        PRIMARY KEY REFERENCES zdm.migrations (migration_id) ON DELETE CASCADE,
    phase_index  integer     NOT NULL,
    direction    text        NOT NULL,
    attempt      integer     NOT NULL,
    owner        text        NOT NULL,
    epoch        bigint      NOT NULL,
    taken_at     timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);

-- When the planner last (re-)dispatched the phase's command: a phase in flight without a live lease is
-- dispatched again only once that is older than the re-dispatch delay (one planner wins each time).
ALTER TABLE zdm.migration_phases ADD COLUMN IF NOT EXISTS dispatched_at timestamptz;
