package dev.zdm.domain.error;

/** Stable error codes. The code string never changes once published; add, never rename. */
public enum ErrorCode {
    /** SQL that cannot be split or parsed (unterminated quote, bad metadata). */
    SQL_PARSE("ZDM-SQL-PARSE", false),
    /** A {@code -- @metadata} comment that is not valid JSON or has unknown keys. */
    BAD_METADATA("ZDM-BAD-METADATA", false),
    /** The request names a target that is not configured. */
    UNKNOWN_TARGET("ZDM-UNKNOWN-TARGET", false),
    /** A table the migration touches does not exist on the target. */
    UNKNOWN_TABLE("ZDM-UNKNOWN-TABLE", false),
    /** A request, command or event that is missing fields or contradicts itself. */
    INVALID_REQUEST("ZDM-INVALID-REQUEST", false),
    /** An event that cannot be decoded (unknown fingerprint, corrupt bytes). */
    UNDECODABLE_EVENT("ZDM-UNDECODABLE", false),
    /** The table lock was not granted within lock_timeout (SQLSTATE 55P03). */
    LOCK_TIMEOUT("ZDM-LOCK-TIMEOUT", true),
    /** Serialization failure or deadlock (40001, 40P01). */
    TRANSIENT_CONFLICT("ZDM-CONFLICT", true),
    /** The connection to the database or broker was lost. */
    CONNECTION_LOST("ZDM-CONNECTION", true),
    /** statement_timeout cancelled the statement (57014). */
    STATEMENT_TIMEOUT("ZDM-STATEMENT-TIMEOUT", true),
    /** PostgreSQL rejected the statement (syntax, undefined object, constraint...). */
    SQL_ERROR("ZDM-SQL-ERROR", false),
    /** Authentication or permission failure. */
    ACCESS_DENIED("ZDM-ACCESS-DENIED", false),
    /** Counts or checksums of copied data differ. */
    VERIFY_MISMATCH("ZDM-VERIFY-MISMATCH", false),
    /** A rollback past a point of no return, or a control command that does not apply now. */
    NOT_ALLOWED("ZDM-NOT-ALLOWED", false),
    /** Configuration that is missing or invalid. */
    BAD_CONFIG("ZDM-BAD-CONFIG", false),
    /** A bug: an invariant did not hold. */
    INTERNAL("ZDM-INTERNAL", false);

    private final String code;
    private final boolean retriable;

    ErrorCode(String code, boolean retriable) {
        this.code = code;
        this.retriable = retriable;
    }

    /** The stable code string carried by events, logs and metric tags. */
    public String code() {
        return code;
    }

    /** True when the same action may succeed if tried again later. */
    public boolean retriable() {
        return retriable;
    }
}
