-- What existed before a phase first ran, among the objects its undo steps would remove: an undo
-- removes only what the migration made. One row per object, and a row of kind 'SNAPSHOT' that says
-- the phase's snapshot is complete (a retried phase keeps its first snapshot).
CREATE TABLE IF NOT EXISTS zdm.preexisting_objects (
    migration_id text        NOT NULL,
    phase_id     text        NOT NULL,
    kind         text        NOT NULL,
    schema_name  text        NOT NULL DEFAULT '',
    table_name   text        NOT NULL DEFAULT '',
    object_name  text        NOT NULL DEFAULT '',
    existed      boolean     NOT NULL,
    noted_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration_id, phase_id, kind, schema_name, table_name, object_name)
);
