-- Which migration holds which table. A migration claims every table it changes when it is accepted;
-- a second migration that touches a claimed table is refused, naming the holder, so two migrations
-- never share (or undo) each other's objects. Claims end when the migration ends (COMPLETED,
-- CANCELLED, ROLLED_BACK); a FAILED migration keeps them until it is rolled back or cancelled.
CREATE TABLE IF NOT EXISTS zdm.claims (
    schema_name  text        NOT NULL,
    table_name   text        NOT NULL,
    migration_id text        NOT NULL REFERENCES zdm.migrations (migration_id) ON DELETE CASCADE,
    claimed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_name, table_name)
);
CREATE INDEX IF NOT EXISTS claims_by_migration ON zdm.claims (migration_id);
