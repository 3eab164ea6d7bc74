package dev.zdm.monitor.breaker;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one config record, so one start-up reports them all at once. */
final class ConfigProblems {
    private final String section;
    private final List<String> problems = new ArrayList<>();

    ConfigProblems(String section) {
        this.section = section;
    }

    ConfigProblems require(boolean ok, String key, String rule, Object actual) {
        if (!ok) {
            problems.add(section + "." + key + " " + rule + ", was " + actual);
        }
        return this;
    }

    /** Throws {@link ErrorCode#BAD_CONFIG} naming every problem found, if any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ZdmException(ErrorCode.BAD_CONFIG, "invalid configuration: " + String.join("; ", problems)
                    + ". Fix these keys and restart the monitor.");
        }
    }
}
