/**
 * Keyset backfills: {@code UPDATE table SET ... WHERE pending} done in short batches over the key
 * column, through the Vert.x reactive PostgreSQL client, never blocking the event loop.
 *
 * <p>The pieces, each with one job:
 * <ul>
 *   <li>{@link dev.zdm.executor.batch.BackfillRunner} starts a step and returns its
 *       {@link dev.zdm.executor.batch.BackfillJob}, the handle for pause, resume, cancel and
 *       "smaller batch";</li>
 *   <li>{@link dev.zdm.executor.batch.BatchSizer} (pure) sizes batches by a target batch time;</li>
 *   <li>{@link dev.zdm.executor.batch.BackfillSql} (pure) builds the probe and update statements;
 *       {@link dev.zdm.executor.batch.KeyRange} bounds the range at the first start;</li>
 *   <li>{@link dev.zdm.executor.batch.ProgressStore} keeps the checkpoint in
 *       {@code zdm._migration_progress}, moved inside each batch's own transaction.</li>
 * </ul>
 *
 * <p>Why this shape: one long transaction holds every row lock it takes until it ends (the
 * application stalls), and {@code OFFSET} over the whole table rescans what is done. A batch here
 * locks at most one batch of rows for about the target batch time, then commits, and its
 * checkpoint commits with it, so a killed executor resumes exactly where it stopped. See
 * {@code docs/backfill.md}.
 */
package dev.zdm.executor.batch;
