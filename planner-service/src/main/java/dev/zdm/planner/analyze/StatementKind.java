package dev.zdm.planner.analyze;

/** What a statement is, as far as planning cares. {@link #UNKNOWN} is never treated as safe. */
public enum StatementKind {
    ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL, DROP_NOT_NULL, SET_DEFAULT,
    DROP_DEFAULT, ALTER_COLUMN_OPTION, ADD_CHECK, ADD_FOREIGN_KEY, ADD_UNIQUE, ADD_PRIMARY_KEY, ADD_EXCLUSION,
    VALIDATE_CONSTRAINT, DROP_CONSTRAINT, RENAME_CONSTRAINT, RENAME_TABLE, ALTER_TABLE_OPTION,
    /** An ALTER TABLE with several subcommands of different kinds. */
    ALTER_TABLE_MULTI,
    CREATE_INDEX, CREATE_INDEX_CONCURRENTLY, DROP_INDEX, DROP_INDEX_CONCURRENTLY, REINDEX, REINDEX_CONCURRENTLY,
    CREATE_TRIGGER, DROP_TRIGGER, VACUUM, VACUUM_FULL, ANALYZE, CLUSTER, REFRESH_MATERIALIZED_VIEW, TRUNCATE,
    COMMENT, INSERT, UPDATE, DELETE, SELECT, LOCK_TABLE, CREATE_TABLE, DROP_TABLE, DO_BLOCK, CREATE_FUNCTION,
    DROP_FUNCTION, CREATE_VIEW, DROP_VIEW,
    /** DROP of a sequence, type, schema and the like. */
    DROP_OTHER,
    /** ALTER of a sequence, function, schema, extension or enum: no lock on existing tables. */
    ALTER_OTHER,
    /** CREATE SEQUENCE / SCHEMA / EXTENSION / TYPE / DOMAIN and the like: no lock on existing tables. */
    CREATE_OTHER,
    GRANT_REVOKE, TRANSACTION_CONTROL, SESSION_SETTING,
    /** A form the analyzer does not know: assumed ACCESS EXCLUSIVE and reported. */
    UNKNOWN
}
