package dev.zdm.monitor.breaker;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;

/**
 * A circuit breaker's state. The enum name ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}) is
 * what {@code CircuitBreakerEvent.state} carries; {@link #dbValue()} is what
 * {@code zdm._migration_circuit_breakers.state} holds.
 */
public enum BreakerState {
    /** The pipeline runs. */
    CLOSED("closed"),
    /** The pipeline pauses: a threshold was crossed. */
    OPEN("open"),
    /** The cool-down has passed and the database looks healthy: the pipeline resumes on trial. */
    HALF_OPEN("half_open");

    private final String dbValue;

    BreakerState(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    /** The state stored as {@code value}; fails with {@link ErrorCode#INTERNAL} on anything else. */
    public static BreakerState fromDb(String value) {
        for (BreakerState state : values()) {
            if (state.dbValue.equals(value)) {
                return state;
            }
        }
        throw new ZdmException(ErrorCode.INTERNAL, "unknown circuit breaker state '" + value
                + "' in zdm._migration_circuit_breakers; expected closed, open or half_open");
    }
}
