package dev.zdm.monitor.probe;

/** Reading helpers shared by the probes. */
final class Values {
    private Values() {
    }

    /**
     * A catalog duration or size as a non-negative long: NULL reads as 0 (PostgreSQL shows NULL for
     * "nothing to measure"), and a negative value (clock skew between statements) as 0.
     */
    static long nonNegative(Long value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
