/**
 * The sync service's process edge: the verticle that consumes {@code SyncCommand}s and publishes
 * {@code SyncStatus} and {@code ProgressEvent}s, follows operators' CANCELs, runs the slot hygiene
 * check, and maps Avro events to and from the session API. Generated Avro classes stay in this package.
 */
package dev.zdm.sync.messaging;
