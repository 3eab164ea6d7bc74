package dev.zdm.cli;

import dev.zdm.infra.InfraOptions;
import dev.zdm.infra.LocalInfra;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.Key;
import dev.zdm.runtime.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zdm up}: all four services in one process. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the planner, executor, sync and monitor services in one process against --pg (served as target 'default'). "
                + "Starts an embedded Kafka broker when --kafka is absent. Runs until interrupted.")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--pg", paramLabel = "URL", description = "target database, postgresql://user@host:port/db or a JDBC URL")
    String pg;

    @Option(names = "--pg-password-file", paramLabel = "FILE", description = "file holding the target's password (default: $PGPASSWORD)")
    Path pgPasswordFile;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers (default: start an embedded broker)")
    String kafka;

    @Option(names = "--config", paramLabel = "FILE", description = "properties file with more settings (targets.<name>.url, executor.*, monitor.* ...)")
    Path config;

    @Option(names = "--http-port", defaultValue = "8080", description = "port of /health and /metrics (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one setting")
    Map<String, String> overrides = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        if (pg == null && config == null && System.getenv("ZDM_TARGETS_DEFAULT_URL") == null) {
            System.err.println("zdm up: name a target database with --pg URL (or targets.<name>.url in --config)");
            return 2;
        }
        LocalInfra broker = null;
        String bootstrap = kafka;
        if (bootstrap == null) {
            PgOption target = new PgOption();
            target.url = pg;
            target.passwordFile = pgPasswordFile;
            InfraOptions options = InfraOptions.fromEnvironment().withPostgres(target.jdbcUrl(), null, null);
            broker = LocalInfra.start(options);
            bootstrap = broker.kafkaBootstrap();
            System.out.println("embedded Kafka broker at " + bootstrap);
        }
        Map<String, String> values = new HashMap<>(overrides);
        values.put("kafka.bootstrap", bootstrap);
        values.put("http.port", Integer.toString(httpPort));
        if (pg != null) values.put("targets.default.url", pg);
        if (pgPasswordFile != null) values.put("targets.default.passwordFile", pgPasswordFile.toString());
        PgOption.warnIfPasswordIn(pg, "zdm up");
        List<Key<?>> keys = AllServices.factories().stream().flatMap(f -> f.keys().stream()).toList();
        boolean tokensConfigured = Settings.load(config, System.getenv(), values, keys).values().keySet().stream().anyMatch(k -> k.startsWith("auth.tokens"));
        if (!tokensConfigured) {
            values.putAll(TokenOption.allRoles(TokenOption.LOCAL_NAME, TokenOption.localToken()));
            System.out.println("zdm up: no tokens configured; token '" + TokenOption.LOCAL_NAME + "' (every role) is in " + TokenOption.LOCAL
                    + " (readable by you only), which submit, deployed and control use by default");
        }
        ZdmProcess process = ZdmProcess.start(Settings.load(config, System.getenv(), values, keys), AllServices.factories());
        KafkaOption.record(bootstrap);
        System.out.println("zdm up: planner, executor, sync, monitor running; kafka " + bootstrap + ", http :" + process.httpPort()
                + " (/health, /metrics). Submit with: ./zdm submit FILE --target default --wait --kafka " + bootstrap);
        System.out.println("zdm up: HTTP access " + process.accessMode());
        CountDownLatch stopped = new CountDownLatch(1);
        if (broker != null) broker.closingFirst(process);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.close();
            stopped.countDown();
        }, "zdm-up-shutdown"));
        stopped.await();
        return 0;
    }
}
