package dev.zdm.planner.analyze;

import java.util.Objects;

/**
 * Something an operator should know about a statement.
 *
 * @param severity        how much it matters
 * @param code            a stable code for tools, e.g. {@code REWRITE}
 * @param message         what happens and why
 * @param safeAlternative what to do instead (null when nothing needs doing)
 */
public record Finding(Severity severity, String code, String message, String safeAlternative) {
    /** How much a finding matters. */
    public enum Severity { INFO, WARNING, DANGER }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Finding info(String code, String message) {
        return new Finding(Severity.INFO, code, message, null);
    }

    public static Finding warning(String code, String message, String safeAlternative) {
        return new Finding(Severity.WARNING, code, message, safeAlternative);
    }

    public static Finding danger(String code, String message, String safeAlternative) {
        return new Finding(Severity.DANGER, code, message, safeAlternative);
    }
}
