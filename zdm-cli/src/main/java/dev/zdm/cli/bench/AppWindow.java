package dev.zdm.cli.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns a {@link TxLog} into the {@link AppStats} of one window {@code [start, end]} (nanoTime). Pure.
 *
 * <p>Latency and failures count the transactions <em>scheduled</em> inside the window, however late
 * they finished: a transaction that waited for the whole migration counts in full, measured from
 * when it should have started. Throughput counts successful completions inside the window. The
 * longest stall is the longest gap between consecutive completions (of any transaction, successful
 * or not) from the window's start until the last transaction scheduled inside it has completed, so a
 * stall that began during the migration and ended after it counts in full.
 */
final class AppWindow {
    /** Latencies are recorded in microseconds up to an hour; three significant digits. */
    private static final long MAX_LATENCY_MICROS = 3_600_000_000L;

    private AppWindow() {
    }

    static AppStats measure(TxLog log, long start, long end) {
        if (end <= start) throw new IllegalArgumentException("window must end after it starts");
        Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        long okInside = 0;
        long failed = 0;
        for (int i = 0; i < log.size(); i++) {
            long s = log.scheduledAt(i);
            long d = log.doneAt(i);
            if (!log.failed(i) && d >= start && d <= end) okInside++;
            if (s >= start && s <= end) {
                latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (d - s) / 1_000)));
                if (log.failed(i)) failed++;
            }
        }
        double seconds = (end - start) / 1e9;
        boolean any = latency.getTotalCount() > 0;
        return new AppStats(okInside / seconds, failed,
                any ? latency.getValueAtPercentile(50) / 1000.0 : 0,
                any ? latency.getValueAtPercentile(99) / 1000.0 : 0,
                any ? latency.getMaxValue() / 1000.0 : 0,
                longestStall(log, start, end).nanos() / 1e6);
    }

    /** A stretch of time (nanoTime) in which no application transaction completed. */
    record Gap(long from, long to) {
        long nanos() {
            return to - from;
        }
    }

    /**
     * The longest stall of the window {@code [start, end]}: the longest gap between completions from
     * {@code start} until the last transaction scheduled inside the window completed.
     */
    static Gap longestStall(TxLog log, long start, long end) {
        long lastDone = end;
        for (int i = 0; i < log.size(); i++) {
            long s = log.scheduledAt(i);
            if (s >= start && s <= end) lastDone = Math.max(lastDone, log.doneAt(i));
        }
        return longestGapBetween(log, start, lastDone);
    }

    /**
     * The longest time inside {@code [from, to]} without a completion, counting {@code from} and
     * {@code to} as boundaries; {@code to - from} when nothing completed in between.
     */
    static long longestGap(TxLog log, long from, long to) {
        return longestGapBetween(log, from, to).nanos();
    }

    private static Gap longestGapBetween(TxLog log, long from, long to) {
        long[] completions = new long[log.size()];
        int n = 0;
        for (int i = 0; i < log.size(); i++) {
            long d = log.doneAt(i);
            if (d >= from && d <= to) completions[n++] = d;
        }
        Arrays.sort(completions, 0, n);
        long previous = from;
        Gap longest = new Gap(from, from);
        for (int i = 0; i < n; i++) {
            if (completions[i] - previous > longest.nanos()) longest = new Gap(previous, completions[i]);
            previous = completions[i];
        }
        return to - previous > longest.nanos() ? new Gap(previous, to) : longest;
    }

    /** Latency of one kind of transaction. */
    record KindStats(long count, double p99Ms, double maxMs) {
    }

    /** Latency by kind of the transactions scheduled inside {@code [start, end]}: reads show CPU and I/O, writes row locks too. */
    static Map<TxKind, KindStats> byKind(TxLog log, long start, long end) {
        Map<TxKind, Histogram> histograms = new EnumMap<>(TxKind.class);
        for (int i = 0; i < log.size(); i++) {
            long s = log.scheduledAt(i);
            if (s < start || s > end) continue;
            histograms.computeIfAbsent(log.kind(i), k -> new Histogram(MAX_LATENCY_MICROS, 3))
                    .recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (log.doneAt(i) - s) / 1_000)));
        }
        Map<TxKind, KindStats> out = new EnumMap<>(TxKind.class);
        histograms.forEach((k, h) -> out.put(k, new KindStats(h.getTotalCount(), h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0)));
        return out;
    }
}
