package dev.zdm.monitor.breaker.check;

import dev.zdm.monitor.probe.Readings;

import java.util.Optional;

/**
 * Compares one kind of reading with its threshold. Pure and stateless.
 */
public interface Check {

    /**
     * The worst reading of this check's kind (the longest wait, the most lagging replica...)
     * against its threshold; empty when the check is switched off or there is nothing to measure
     * (no replica, no zdm slot, no open transaction).
     */
    Optional<Measurement> measure(Readings readings);
}
