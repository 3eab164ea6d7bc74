package dev.zdm.monitor.messaging;

import dev.zdm.events.CircuitBreakerEvent;
import dev.zdm.monitor.MonitorConfig;
import dev.zdm.monitor.breaker.BreakerBoard;
import dev.zdm.monitor.breaker.BreakerMachine;
import dev.zdm.monitor.breaker.BreakerPolicy;
import dev.zdm.monitor.breaker.BreakerRound;
import dev.zdm.monitor.breaker.BreakerStore;
import dev.zdm.monitor.breaker.Transition;
import dev.zdm.monitor.breaker.ZdmCanceller;
import dev.zdm.monitor.probe.ProbeMetrics;
import dev.zdm.monitor.probe.TargetSampler;
import dev.zdm.runtime.Platform;
import dev.zdm.runtime.db.TargetPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor process: one sampling loop per target (a round starts {@code intervalMs} after the last
 * one ended), breaker state kept in that target's control schema, every change published as a
 * {@link CircuitBreakerEvent} keyed by breaker name.
 */
public final class MonitorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorVerticle.class);
    private final Platform platform;
    private final MonitorConfig config;
    private final Map<String, Long> lastRoundAt = new ConcurrentHashMap<>();
    private TargetPools pools;
    private volatile boolean running = true;

    public MonitorVerticle(Platform platform, MonitorConfig config) {
        this.platform = platform;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pools = new TargetPools(vertx, platform.config().targets(), "zdm-monitor");
        ProbeMetrics metrics = new ProbeMetrics(platform.registry());
        BreakerPolicy policy = new BreakerPolicy(config.breakers());
        for (String target : pools.targets().keySet()) {
            var pool = pools.pool(target);
            BreakerBoard board = new BreakerBoard(new BreakerStore(pool), new BreakerMachine(config.breakers().timing()), Clock.systemUTC());
            BreakerRound round = new BreakerRound(List.of(new TargetSampler(target, pool, Clock.systemUTC())), policy, board, metrics,
                    Map.of(target, new ZdmCanceller(pool)));
            lastRoundAt.put(target, System.currentTimeMillis());
            pools.ready(target).onComplete(x -> loop(target, round));
        }
        platform.health().register("monitor.rounds", () -> lastRoundAt.values().stream()
                .allMatch(at -> System.currentTimeMillis() - at < Math.max(60_000, 10 * config.intervalMs())));
        return Future.succeededFuture();
    }

    private void loop(String target, BreakerRound round) {
        if (!running) return;
        round.run()
                .onSuccess(result -> {
                    lastRoundAt.put(target, System.currentTimeMillis());
                    result.transitions().forEach(this::publish);
                })
                .onFailure(e -> LOG.warn("monitor round on {} failed: {}", target, e.toString()))
                .onComplete(x -> {
                    if (running) vertx.setTimer(config.intervalMs(), id -> loop(target, round));
                });
    }

    private void publish(Transition t) {
        LOG.info("breaker {} ({}) {} -> {}: {}", t.breaker(), t.target(), t.from(), t.to(), t.reason());
        platform.registry().counter("zdm_breaker_transitions_total", "breaker", t.breaker(), "to", t.to().name()).increment();
        CircuitBreakerEvent event = CircuitBreakerEvent.newBuilder().setBreakerName(t.breaker()).setTarget(t.target())
                .setState(t.to().name()).setPreviousState(t.from().name()).setReason(t.reason()).setMetric(t.metric())
                .setValue(t.value()).setThreshold(t.threshold()).setFailureCount(t.failureCount()).setZdmIsBlocker(t.zdmIsBlocker())
                .setAt(t.at()).build();
        platform.publisher().publish(platform.config().topics().breaker(), t.breaker(), event)
                .onFailure(e -> LOG.error("breaker change {} -> {} not published: {}", t.breaker(), t.to(), e.toString()));
    }

    @Override
    public Future<?> stop() {
        running = false;
        platform.health().unregister("monitor.rounds");
        return pools.closeAll();
    }
}
