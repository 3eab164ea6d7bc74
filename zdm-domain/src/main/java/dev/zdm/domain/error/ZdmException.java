package dev.zdm.domain.error;

import java.util.Objects;

/**
 * A failure zdm understands: a stable {@link ErrorCode}, a message that says what happened and what
 * to do next, and where it happened (file:line:column, step id, table) when known.
 */
public class ZdmException extends RuntimeException {
    private final ErrorCode code;
    private final String location;
    private final String sqlState;

    public ZdmException(ErrorCode code, String message) {
        this(code, message, null, null, null);
    }

    public ZdmException(ErrorCode code, String message, String location) {
        this(code, message, location, null, null);
    }

    public ZdmException(ErrorCode code, String message, String location, String sqlState, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.location = location;
        this.sqlState = sqlState;
    }

    public ErrorCode code() {
        return code;
    }

    /** Where it happened, or null when not known. */
    public String location() {
        return location;
    }

    /** The PostgreSQL SQLSTATE behind it, or null. */
    public String sqlState() {
        return sqlState;
    }

    public boolean retriable() {
        return code.retriable();
    }

    @Override
    public String toString() {
        return code.code() + (location == null ? "" : " at " + location) + ": " + getMessage();
    }
}
