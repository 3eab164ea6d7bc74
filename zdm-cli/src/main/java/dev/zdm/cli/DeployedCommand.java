package dev.zdm.cli;

import dev.zdm.events.DeploymentEvent;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zdm deployed SERVICE VERSION}: what a deploy system says when a version is live. */
@Command(name = "deployed", mixinStandardHelpOptions = true,
        description = "Announce that VERSION of SERVICE is live; releases migration phases waiting for it.")
final class DeployedCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "VERSION")
    String version;

    @Option(names = "--environment", description = "environment name, e.g. production")
    String environment;

    @Mixin
    KafkaOption kafka;

    @Mixin
    TokenOption token;

    @Override
    public Integer call() throws Exception {
        if (!Requests.validNames("deployed", "SERVICE", service, "VERSION", version)) return 2;
        var event = DeploymentEvent.newBuilder().setService(service).setVersion(version).setEnvironment(environment)
                .setDeployedBy(System.getProperty("user.name")).setDeployedAt(Instant.now()).build();
        Requests.send(kafka.bootstrap(), kafka.topics().deployments(), service, event, token.signingKey());
        System.out.println("deployment " + service + "@" + version + " announced");
        return 0;
    }
}
