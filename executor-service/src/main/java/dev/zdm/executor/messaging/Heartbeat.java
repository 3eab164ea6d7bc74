package dev.zdm.executor.messaging;

import dev.zdm.events.PhaseCommand;
import dev.zdm.executor.step.PhaseControl;
import dev.zdm.executor.step.StepContext;
import dev.zdm.runtime.db.TargetPools;
import dev.zdm.runtime.kafka.EventConsumer;
import dev.zdm.runtime.kafka.Envelope;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Tells the phase-command consumer which running phases are alive, so that {@code /health} reports a
 * phase as stuck only when nothing of it is happening. A phase is alive when it reports progress (the
 * executor touches its event then), when an operator paused it, when a backfill runs inside it (it
 * holds its own loop, throttled or not), or when its statement is active in {@code pg_stat_activity}
 * (an index build or a VALIDATE may take hours without a word; the heartbeat then reports how long it
 * has run and what it waits for). A phase whose future was lost has none of these.
 */
final class Heartbeat {
    /** A phase command being handled. */
    record Handling(Envelope envelope, PhaseCommand command, PhaseControl control) {
    }

    private final Map<String, Handling> handling = new ConcurrentHashMap<>();
    private final EventConsumer commands;
    private final TargetPools pools;
    private final BiConsumer<PhaseCommand, StepContext.StepProgress> progress;

    Heartbeat(EventConsumer commands, TargetPools pools, BiConsumer<PhaseCommand, StepContext.StepProgress> progress) {
        this.commands = commands;
        this.pools = pools;
        this.progress = progress;
    }

    void started(Envelope envelope, PhaseCommand command, PhaseControl control) {
        handling.put(command.getMigrationId(), new Handling(envelope, command, control));
    }

    /** The phases being handled from partition {@code partition} of {@code topic}. */
    java.util.List<Handling> on(String topic, int partition) {
        return handling.values().stream().filter(h -> h.envelope().topic().equals(topic) && h.envelope().partition() == partition).toList();
    }

    /** The target of the phase being handled for {@code migrationId}, or null. */
    String targetOf(String migrationId) {
        Handling h = handling.get(migrationId);
        return h == null ? null : h.command().getTarget();
    }

    void ended(PhaseCommand command) {
        handling.remove(command.getMigrationId());
    }

    /** The phase of {@code command} said something: it is alive. */
    void alive(PhaseCommand command) {
        Handling h = handling.get(command.getMigrationId());
        if (h != null) commands.touch(h.envelope());
    }

    /** One round: touches every phase that is alive, asking the database about running statements. */
    void beat() {
        handling.values().forEach(h -> {
            PhaseControl c = h.control();
            if (c.paused() || c.attached()) {
                commands.touch(h.envelope());
                return;
            }
            PhaseControl.Statement s = c.statement();
            if (s == null) return;
            pools.pool(h.command().getTarget())
                    .preparedQuery("SELECT state, coalesce(wait_event_type || ': ' || wait_event, ''), "
                            + "(extract(epoch FROM clock_timestamp() - query_start))::bigint FROM pg_stat_activity WHERE pid = $1")
                    .execute(Tuple.of(s.pid()))
                    .onSuccess(rows -> {
                        if (rows.size() == 0 || "idle".equals(rows.iterator().next().getString(0))) return;
                        var r = rows.iterator().next();
                        commands.touch(h.envelope());
                        String wait = r.getString(1).isEmpty() ? "" : ", waiting for " + r.getString(1);
                        progress.accept(h.command(), StepContext.StepProgress.of("RUNNING", "step " + s.stepId() + ": statement running for "
                                + r.getLong(2) + " s (backend " + s.pid() + ", " + r.getString(0) + wait + ")"));
                    });
        });
    }
}
