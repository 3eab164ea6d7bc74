-- The versions of a migration folder this database has, as `zdm migrate` applies them: one row per
-- version (a Flyway repeatable migration as R__<description>), with the checksum of its up SQL when
-- it was applied (drift is a file that changed since), the zdm migration that ran it, the strategy,
-- who applied it and when, and its state: RUNNING (submitted, not ended), APPLIED, FAILED,
-- IMPORTED (found in the tool's own table, applied before zdm), or REVERTED (its down migration ran:
-- `zdm migrate down`; pending again). The tool's table
-- (flyway_schema_history, schema_migrations, goose_db_version, _prisma_migrations,
-- __diesel_schema_migrations) is kept in step, so the team can go back to its tool.
CREATE TABLE IF NOT EXISTS zdm.schema_history (
    version       text        PRIMARY KEY,
    description   text        NOT NULL DEFAULT '',
    tool          text        NOT NULL,
    file          text        NOT NULL DEFAULT '',
    checksum      text,
    migration_id  text,
    strategy      text,
    applied_by    text        NOT NULL DEFAULT current_user,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    state         text        NOT NULL CHECK (state IN ('RUNNING', 'APPLIED', 'FAILED', 'IMPORTED', 'REVERTED')),
    error_message text
);
