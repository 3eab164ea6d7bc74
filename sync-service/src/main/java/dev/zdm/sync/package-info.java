/**
 * The sync service: keeps two shapes of the same data in step through change data capture (Debezium
 * embedded, pgoutput) instead of triggers, and owns the lifecycle of zdm's replication slots.
 * Packages: {@code cdc} (capture), {@code apply} (writing changes), {@code lag} (slot hygiene and lag).
 */
package dev.zdm.sync;
