/**
 * Capture: one replication slot and one publication per migration, the Debezium embedded engine
 * (PostgreSQL connector, {@code pgoutput}) streaming from them on its own threads, offsets stored in
 * the control schema, and the decoding of Debezium's records into zdm's own {@link dev.zdm.sync.cdc.CapturedEvent}s.
 *
 * <p>Why capture instead of triggers, and why capture starts before any copy: {@code docs/cdc-instead-of-triggers.md}.
 */
package dev.zdm.sync.cdc;
