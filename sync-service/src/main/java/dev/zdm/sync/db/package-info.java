/**
 * JDBC plumbing of the sync service: connections to a target database, the catalog facts the sync
 * needs about a table, and the sync's own control tables. The sync runs its database work on its own
 * threads (Debezium's and the session's), never on a Vert.x event loop, so it uses plain JDBC.
 */
package dev.zdm.sync.db;
