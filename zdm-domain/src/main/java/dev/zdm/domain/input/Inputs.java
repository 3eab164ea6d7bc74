package dev.zdm.domain.input;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.nio.charset.StandardCharsets;

/**
 * The limits of what callers send, declared once for every door (HTTP, Kafka, the CLI): names that
 * end up in keys, log lines and control tables, and the size of a migration's SQL, which travels in
 * several events (the request, the plan with every statement and phase) that Kafka must carry. Pure.
 */
public final class Inputs {
    /** Longest migration id, target, service or version. */
    public static final int MAX_NAME = 128;
    /** Longest free text (a source file name, a reason). */
    public static final int MAX_TEXT = 1024;
    /**
     * Largest migration SQL, in UTF-8 bytes. The plan event repeats the SQL per statement and per phase
     * step, about three times in all, and Kafka's default message limit is 1 MiB; 256 KiB is some thousands
     * of statements.
     */
    public static final int MAX_SQL_BYTES = 256 * 1024;
    /** Largest HTTP body: the SQL and its JSON envelope. */
    public static final int MAX_BODY_BYTES = MAX_SQL_BYTES + 16 * 1024;

    private Inputs() {
    }

    /**
     * Why {@code value} is not a valid name (a migration id, target, service, version), or null when it
     * is: 1 to {@value #MAX_NAME} characters, none of them white space or a control character.
     */
    public static String nameProblem(String value) {
        if (value == null || value.isEmpty()) return "must not be empty";
        if (value.length() > MAX_NAME) return "must be at most " + MAX_NAME + " characters";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) return "must not contain white space or control characters";
        }
        return null;
    }

    /** Why {@code value} is not valid free text (one line, at most {@value #MAX_TEXT} characters), or null. */
    public static String textProblem(String value) {
        if (value == null) return null;
        if (value.length() > MAX_TEXT) return "must be at most " + MAX_TEXT + " characters";
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) return "must not contain control characters (one line)";
        }
        return null;
    }

    /** Why {@code sql} cannot be a migration, or null. */
    public static String sqlProblem(String sql) {
        if (sql == null || sql.isBlank()) return "must not be empty";
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_SQL_BYTES ? "is " + bytes + " bytes; at most " + MAX_SQL_BYTES + " are accepted" : null;
    }

    /** Fails with INVALID_REQUEST naming {@code field} when {@code value} is not a valid name. */
    public static void requireName(String field, String value) {
        String problem = nameProblem(value);
        if (problem != null) throw new ZdmException(ErrorCode.INVALID_REQUEST, field + " " + problem);
    }
}
