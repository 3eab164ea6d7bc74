package dev.zdm.planner.truth;

/**
 * A relation of a sandbox as {@code pg_class} had it before the statement ran.
 *
 * @param oid      its OID, which a rename or SET SCHEMA keeps
 * @param schema   its schema
 * @param name     its name
 * @param key      how observations name it ({@link Sandbox#key})
 * @param kind     {@code relkind}: r table, p partitioned table, m materialized view, v view, f foreign table
 * @param filenode its {@code relfilenode}; 0 for relations without storage (views, partitioned tables)
 */
record Relation(long oid, String schema, String name, String key, char kind, long filenode) {

    /** True for relations {@code LOCK TABLE} can hold without locking others through them. */
    boolean lockable() {
        return kind == 'r' || kind == 'p' || kind == 'm';
    }
}
