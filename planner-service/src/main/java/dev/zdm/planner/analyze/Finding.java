package dev.zdm.planner.analyze;

import java.util.Objects;

/**
 * Something an operator should know about a statement.
 *
 * @param severity        how much it matters
 * @param code            what kind of finding it is; its name is the stable code tools see, e.g. {@code REWRITE}
 * @param message         what happens and why
 * @param safeAlternative what to do instead (null when nothing needs doing)
 * @param accepted        the migration's author accepts it on purpose ({@code -- @metadata {"allow": [CODE]}})
 */
public record Finding(Severity severity, FindingCode code, String message, String safeAlternative, boolean accepted) {
    /** How much a finding matters. */
    public enum Severity { INFO, WARNING, DANGER }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Finding info(FindingCode code, String message) {
        return new Finding(Severity.INFO, code, message, null, false);
    }

    public static Finding warning(FindingCode code, String message, String safeAlternative) {
        return new Finding(Severity.WARNING, code, message, safeAlternative, false);
    }

    public static Finding danger(FindingCode code, String message, String safeAlternative) {
        return new Finding(Severity.DANGER, code, message, safeAlternative, false);
    }

    /** This finding, accepted by the migration's author. */
    public Finding accept() {
        return new Finding(severity, code, message, safeAlternative, true);
    }

    /** True for WARNING and DANGER: what a statement's author must look at. */
    public boolean needsAttention() {
        return severity != Severity.INFO;
    }

    /** Severity and code as every report prints them: {@code DANGER REWRITE}, or {@code DANGER REWRITE (accepted)}. */
    public String label() {
        return severity + " " + code + (accepted ? " (accepted)" : "");
    }
}
