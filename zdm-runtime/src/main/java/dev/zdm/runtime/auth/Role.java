package dev.zdm.runtime.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a caller may do. A caller holds any number of roles. */
public enum Role {
    /** Submits migrations, to the targets its token lists. */
    SUBMITTER,
    /** Announces deployments, which release the gates of running migrations. */
    DEPLOYER,
    /** Pauses, resumes, cancels, rolls back and retries migrations; resets breakers. */
    OPERATOR,
    /** Reads metrics and status. */
    VIEWER;

    /** {@code submitter}, any case; fails naming the known roles. */
    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text.trim() + "' (roles: " + names() + ")");
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(Role::lowerName).collect(Collectors.joining(", "));
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
