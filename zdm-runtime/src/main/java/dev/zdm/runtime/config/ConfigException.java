package dev.zdm.runtime.config;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.util.List;

/** Every problem found in a configuration, reported together so one restart fixes them all. */
public final class ConfigException extends ZdmException {
    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(ErrorCode.BAD_CONFIG, "invalid configuration (" + source + "):\n  - " + String.join("\n  - ", problems), source);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
