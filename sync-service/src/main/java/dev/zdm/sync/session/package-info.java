/**
 * Sessions: one sync per migration (one slot, one publication, one engine), its life from START to
 * STOP, and the commands that act on it. {@link dev.zdm.sync.session.SyncSessions} is the service's
 * API: it takes a {@link dev.zdm.sync.session.SyncRequest} and answers with a
 * {@link dev.zdm.sync.session.SyncReport}; the messaging edge turns Avro events into requests and
 * reports into {@code SyncStatus} events. Every request is idempotent. Each session runs its commands
 * one at a time on a thread of its own; the capture and the status ticker run on theirs.
 */
package dev.zdm.sync.session;
