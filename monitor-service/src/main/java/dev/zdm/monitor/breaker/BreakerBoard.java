package dev.zdm.monitor.breaker;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * zdm's named breakers, kept in the database: each decision is applied to the breaker's stored
 * state by the {@link BreakerMachine} and saved back, so a restarted monitor carries on where it
 * stopped and an operator's reset in the table is honoured at the next sample.
 *
 * <p>Threading: calls may come from any thread; they run one after another (each waits for the
 * previous one's write), so two decisions never race on one row. A failed load or save fails the
 * returned future and changes nothing: the next sample starts again from the stored state.
 */
public final class BreakerBoard {
    /** How often a write that lost a race with another writer is retried from a fresh read. */
    private static final int ATTEMPTS = 3;

    private final BreakerStore store;
    private final BreakerMachine machine;
    private final Clock clock;
    private Future<?> tail = Future.succeededFuture();

    public BreakerBoard(BreakerStore store, BreakerMachine machine, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.machine = Objects.requireNonNull(machine, "machine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies one sample's decision to the breaker {@code name} (created closed on first use) and
     * saves the result.
     *
     * @param name     e.g. {@link BreakerNames#target(String)} or {@link BreakerNames#MIGRATION_EXECUTOR}
     * @param target   the target it guards, {@link BreakerNames#ALL_TARGETS} for all
     * @return the transition to publish as a {@code CircuitBreakerEvent}, when the state changed
     */
    public Future<Optional<Transition>> observe(String name, String target, Decision decision) {
        Objects.requireNonNull(decision, "decision");
        return serially(() -> observe(name, target, decision, ATTEMPTS));
    }

    /** An operator's reset of {@code name}; the transition to publish, or empty when no such breaker. */
    public Future<Optional<Transition>> reset(String name, String reason) {
        return serially(() -> store.reset(name, reason, clock.instant()));
    }

    /** The breaker's stored state, or empty when it was never observed. */
    public Future<Optional<BreakerSnapshot>> state(String name) {
        return store.load(name);
    }

    private Future<Optional<Transition>> observe(String name, String target, Decision decision, int attemptsLeft) {
        Instant now = clock.instant();
        return store.load(name).compose(stored -> {
            BreakerSnapshot current = stored.orElseGet(() -> BreakerSnapshot.initial(name, target, now));
            BreakerStep step = machine.apply(current, decision, now);
            if (stored.isPresent() && step.next().sameAs(current)) {
                return Future.succeededFuture(step.transition());
            }
            Future<Boolean> saved = stored.isPresent() ? store.update(step.next(), current) : store.insert(step.next());
            return saved.compose(written -> {
                if (written) {
                    return Future.succeededFuture(step.transition());
                }
                if (attemptsLeft > 1) {
                    return observe(name, target, decision, attemptsLeft - 1);
                }
                return Future.failedFuture(new ZdmException(ErrorCode.TRANSIENT_CONFLICT, "breaker '" + name
                        + "' changed under the monitor " + ATTEMPTS + " times in a row; another writer updates it"
                        + " on every read. The next sample tries again; check who else writes the row."));
            });
        });
    }

    private synchronized <T> Future<T> serially(Supplier<Future<T>> task) {
        Future<T> next = tail.transform(ignored -> task.get());
        tail = next;
        return next;
    }
}
