package dev.zdm.cli;

import dev.zdm.events.CircuitBreakerEvent;
import dev.zdm.monitor.breaker.BreakerStore;
import dev.zdm.runtime.ZdmProcess;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zdm breaker reset NAME}: an operator closes a breaker; the change is persisted and published. */
@Command(name = "breaker", mixinStandardHelpOptions = true, description = "Operate circuit breakers: reset NAME closes it.")
final class BreakerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "reset")
    String action;

    @Parameters(index = "1", paramLabel = "NAME", description = "breaker name, e.g. migration_executor or target:default")
    String name;

    @Option(names = "--reason", defaultValue = "reset by an operator", description = "why, for the event and the history")
    String reason;

    @Mixin
    PgOption pg;

    @Mixin
    KafkaOption kafka;

    @Override
    public Integer call() throws Exception {
        if (!action.equals("reset")) {
            System.err.println("zdm breaker: unknown action '" + action + "' (reset)");
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            var pool = PgBuilder.pool().connectingTo(pg.connectOptions().addProperty("application_name", "zdm-cli"))
                    .using(vertx).build();
            var transition = ZdmProcess.await(new BreakerStore(pool).reset(name, reason, Instant.now()));
            if (transition.isEmpty()) {
                System.out.println("breaker " + name + " is already closed (or unknown)");
                return 0;
            }
            var t = transition.get();
            var event = CircuitBreakerEvent.newBuilder().setBreakerName(t.breaker()).setTarget(t.target()).setState(t.to().name())
                    .setPreviousState(t.from().name()).setReason(t.reason()).setFailureCount(t.failureCount()).setAt(t.at()).build();
            Requests.send(kafka.bootstrap(), kafka.topics().breaker(), t.breaker(), event, null);
            System.out.println("breaker " + name + ": " + t.from() + " -> " + t.to() + " (" + t.reason() + ")");
            return 0;
        } finally {
            vertx.close();
        }
    }
}
