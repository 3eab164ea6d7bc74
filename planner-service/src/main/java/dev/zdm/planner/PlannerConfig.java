package dev.zdm.planner;

import dev.zdm.runtime.config.ConfigReader;
import dev.zdm.runtime.config.Key;
import dev.zdm.planner.analyze.AnalyzerSettings;
import dev.zdm.planner.strategy.Planner;
import dev.zdm.planner.strategy.PlannerSettings;
import dev.zdm.planner.strategy.Strategies;
import java.util.List;

/**
 * The planner's own configuration.
 *
 * @param lockTimeoutMs lock_timeout given to every DDL step the planner emits
 * @param groupId       consumer group of the planner instances
 * @param appService    default application service of APP phases
 * @param planning      {@code analyze} (default) or {@code as-is}
 * @param recheckMs     how often phases in flight are checked for a command nobody runs
 * @param redispatchAfterMs how long a phase in flight may have no live lease (and no new dispatch) before its
 *                      command is published again: a dead executor's phase is taken over after its lease
 *                      expires and this much more
 */
public record PlannerConfig(long lockTimeoutMs, String groupId, String appService, long blockingThresholdMs, String planning,
                            long recheckMs, long redispatchAfterMs) {
    public static final Key<Long> LOCK_TIMEOUT = Key.millis("planner.lockTimeoutMs", 500, 10, 60_000,
            "lock_timeout of the DDL steps the planner emits; short, so DDL never queues in front of the application for long");
    public static final Key<String> GROUP_ID = Key.string("planner.groupId", "zdm-planner", "consumer group of the planner instances");
    public static final Key<String> APP_SERVICE = Key.string("planner.appService", "app",
            "the application whose deployments release APP phases, unless a migration's metadata names another (service)");
    public static final Key<Long> BLOCKING_THRESHOLD = Key.millis("planner.blockingThresholdMs", 1_000, 0, 3_600_000,
            "a statement that blocks a live table longer than this requires zero-downtime handling");
    public static final Key<String> PLANNING = new Key<>("planner.planning", "analyze: plan with the analyzer and strategies; "
            + "as-is: run every migration as written in one phase (only for trusted, already-safe migrations)", "analyze",
            s -> s, s -> s.equals("analyze") || s.equals("as-is"), "must be analyze or as-is");
    public static final Key<Long> RECHECK = Key.millis("planner.recheckMs", 2_000, 100, 600_000,
            "how often phases in flight are checked for a command nobody runs (its executor died, or the command was lost)");
    public static final Key<Long> REDISPATCH_AFTER = Key.millis("planner.redispatchAfterMs", 2_000, 100, 3_600_000,
            "a phase in flight whose lease has been gone (or expired) this long, and that was not dispatched again meanwhile, is "
                    + "dispatched again; the executor that takes it resumes where its checkpoints stand");
    public static final List<Key<?>> KEYS = List.of(LOCK_TIMEOUT, GROUP_ID, APP_SERVICE, BLOCKING_THRESHOLD, PLANNING, RECHECK, REDISPATCH_AFTER);

    public static PlannerConfig read(ConfigReader reader) {
        return new PlannerConfig(reader.get(LOCK_TIMEOUT), reader.get(GROUP_ID), reader.get(APP_SERVICE), reader.get(BLOCKING_THRESHOLD),
                reader.get(PLANNING), reader.get(RECHECK), reader.get(REDISPATCH_AFTER));
    }

    /** The planning this configuration asks for. */
    public dev.zdm.planner.orchestrate.Planning planningFunction() {
        if (planning.equals("as-is")) return new dev.zdm.planner.orchestrate.AsIsPlanning(lockTimeoutMs);
        var d = PlannerSettings.DEFAULT;
        var settings = new PlannerSettings(appService, d.versions(), lockTimeoutMs, d.breaker(), d.rolloutSteps(), d.removalDays(),
                d.batch(), new AnalyzerSettings(blockingThresholdMs, d.analyzer().costs()));
        return new dev.zdm.planner.orchestrate.AnalyzingPlanning(new Planner(settings, Strategies.ALL));
    }
}
