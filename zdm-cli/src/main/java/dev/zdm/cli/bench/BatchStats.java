package dev.zdm.cli.bench;

import dev.zdm.executor.batch.BackfillProgress;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What zdm's backfill reported while it ran: the batch sizes the sizer chose and how often it was
 * throttled and why. Fed on the backfill's Vert.x context, read after the run.
 */
final class BatchStats {
    private final Map<String, Integer> throttles = new TreeMap<>();
    private int minBatch = Integer.MAX_VALUE;
    private int maxBatch;
    private int lastBatch;
    private long reports;
    private long batchSum;

    synchronized void onProgress(BackfillProgress p) {
        reports++;
        batchSum += p.batchSize();
        minBatch = Math.min(minBatch, p.batchSize());
        maxBatch = Math.max(maxBatch, p.batchSize());
        lastBatch = p.batchSize();
        if (p.throttleTag() != null) throttles.merge(p.throttleTag(), 1, Integer::sum);
    }

    /** E.g. {@code batch size 1,000..12,345 (mean of reports 9,876, last 11,000), throttled: slow_batches x3}. */
    synchronized String describe() {
        if (reports == 0) return "no progress reported";
        return String.format(Locale.ROOT, "batch size %,d..%,d (mean of reports %,d, last %,d), throttle reports: %s",
                minBatch, maxBatch, batchSum / reports, lastBatch, throttles.isEmpty() ? "none" : throttles.toString());
    }
}
