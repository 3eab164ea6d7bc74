package dev.zdm.runtime.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events a consumer's handlers are working on, one per partition, with when each started and when
 * its handler last showed signs of life ({@link #touch}). An event in flight longer than
 * {@code stuckAfterMs} with no sign of life for as long holds its partition for nothing: a handler
 * whose future will never complete (an exception thrown in a callback, a lost answer). A handler that
 * is slow but alive (a backfill, an index build) touches it as it goes. Thread-safe: the poll thread
 * starts and finishes events, handlers touch them, the health endpoint reads them.
 */
final class InFlightEvents {
    /** One event being handled. */
    record InFlight(String topic, int partition, long offset, long startedAt, long lastActivityAt) {
        String position() {
            return topic + "/" + partition + "@" + offset;
        }

        /** Stuck: in flight and silent, both for at least {@code stuckAfterMs}; never when that is 0 (no limit). */
        boolean stuck(long now, long stuckAfterMs) {
            return stuckAfterMs > 0 && now - startedAt >= stuckAfterMs && now - lastActivityAt >= stuckAfterMs;
        }

        String describe(long now) {
            return position() + " in flight " + (now - startedAt) / 1000 + " s, silent " + (now - lastActivityAt) / 1000 + " s";
        }
    }

    private final Map<String, InFlight> byPartition = new ConcurrentHashMap<>();

    void started(String topic, int partition, long offset, long now) {
        byPartition.put(topic + "/" + partition, new InFlight(topic, partition, offset, now, now));
    }

    void finished(String topic, int partition) {
        byPartition.remove(topic + "/" + partition);
    }

    /** A sign of life from the handler of {@code topic/partition@offset}; ignored once that event is no longer in flight. */
    void touch(String topic, int partition, long offset, long now) {
        byPartition.computeIfPresent(topic + "/" + partition, (k, e) -> e.offset() == offset
                ? new InFlight(e.topic(), e.partition(), e.offset(), e.startedAt(), now) : e);
    }

    /** The stuck events, described for people. */
    List<String> stuck(long now, long stuckAfterMs) {
        return byPartition.values().stream().filter(e -> e.stuck(now, stuckAfterMs)).map(e -> e.describe(now)).sorted().toList();
    }

    /** The longest time any event has been in flight, in ms (0 when none is). */
    long oldestAgeMs(long now) {
        return byPartition.values().stream().mapToLong(e -> now - e.startedAt()).max().orElse(0);
    }
}
