package dev.zdm.domain.error;

/**
 * The one place where a PostgreSQL SQLSTATE is classified as retriable or permanent.
 * See the PostgreSQL manual, appendix A "PostgreSQL Error Codes".
 */
public final class SqlStates {
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String QUERY_CANCELED = "57014";
    public static final String UNDEFINED_TABLE = "42P01";

    private SqlStates() {
    }

    /** The error code for a SQLSTATE; null or unknown states are permanent SQL errors. */
    public static ErrorCode classify(String sqlState) {
        if (sqlState == null) return ErrorCode.SQL_ERROR;
        return switch (sqlState) {
            case LOCK_NOT_AVAILABLE -> ErrorCode.LOCK_TIMEOUT;
            case SERIALIZATION_FAILURE, DEADLOCK_DETECTED -> ErrorCode.TRANSIENT_CONFLICT;
            case QUERY_CANCELED -> ErrorCode.STATEMENT_TIMEOUT;
            case UNDEFINED_TABLE -> ErrorCode.UNKNOWN_TABLE;
            default -> classifyByClass(sqlState);
        };
    }

    private static ErrorCode classifyByClass(String sqlState) {
        if (sqlState.startsWith("08")) return ErrorCode.CONNECTION_LOST;      // connection exception
        if (sqlState.startsWith("57P")) return ErrorCode.CONNECTION_LOST;     // admin/crash shutdown, cannot connect now
        if (sqlState.startsWith("28")) return ErrorCode.ACCESS_DENIED;        // invalid authorization
        if (sqlState.equals("42501")) return ErrorCode.ACCESS_DENIED;         // insufficient privilege
        if (sqlState.startsWith("53")) return ErrorCode.CONNECTION_LOST;      // insufficient resources (too many connections)
        return ErrorCode.SQL_ERROR;
    }
}
