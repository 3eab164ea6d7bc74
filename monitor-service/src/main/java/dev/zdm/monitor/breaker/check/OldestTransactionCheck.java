package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.OpenTransaction;
import dev.zdm.monitor.probe.Readings;

import java.util.Optional;

/**
 * The age of the oldest open <em>application</em> transaction against {@code oldestTransactionMs}:
 * zdm must not queue DDL behind it, and it holds back vacuum while zdm writes. zdm's own long
 * transactions (an index built concurrently) are expected and not counted.
 */
public final class OldestTransactionCheck implements Check {
    public static final String METRIC = "oldest_transaction_ms";
    private final long thresholdMs;

    public OldestTransactionCheck(long thresholdMs) {
        this.thresholdMs = thresholdMs;
    }

    @Override
    public Optional<Measurement> measure(Readings readings) {
        if (thresholdMs <= 0) {
            return Optional.empty();
        }
        return readings.oldestTransaction().application()
                .map(tx -> new Measurement(METRIC, "oldest application transaction", "ms", tx.ageMs(), thresholdMs,
                        detail(tx)));
    }

    private static String detail(OpenTransaction tx) {
        return Sessions.describe(tx.session(), true) + ", " + tx.state();
    }
}
