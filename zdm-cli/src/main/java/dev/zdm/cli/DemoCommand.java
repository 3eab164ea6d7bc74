package dev.zdm.cli;

import dev.zdm.cli.follow.ProgressPrinter;
import dev.zdm.cli.load.AppLoad;
import dev.zdm.infra.LocalInfra;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.auth.Tokens;
import dev.zdm.runtime.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zdm demo}: an embedded broker and database, all four services in one process, a demo table
 * under a synthetic application load, and the demo migrations run end to end with their progress,
 * then a summary of what the application saw. The demo plays the deploy system too: when a phase
 * waits for an application version, it announces that version.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo migrations end to end on an embedded broker and database under a synthetic application load.")
final class DemoCommand implements Callable<Integer> {
    /** The demo migrations, in order, from the classpath folder demo/. */
    static final List<String> MIGRATIONS = List.of("01_add_not_null_status.sql", "02_index_orders_by_date.sql",
            "03_drop_legacy_field.sql", "04_feature_flag_rollout.sql", "05_rename_order_email.sql", "06_restructure_users.sql");

    @Option(names = "--rows", defaultValue = "200000", description = "rows in the demo users table (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--tps", defaultValue = "200", description = "synthetic application transactions per second (default ${DEFAULT-VALUE})")
    int tps;

    private byte[] signingKey;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        System.out.println("zdm demo: starting an embedded Kafka broker and PostgreSQL...");
        try (LocalInfra infra = LocalInfra.start()) {
            System.out.println("  " + infra.describe());
            String jdbcUrl = infra.pg().createDatabase("zdm_demo");
            seed(jdbcUrl);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("kafka.bootstrap", infra.kafkaBootstrap());
            settings.put("targets.default.url", jdbcUrl);
            settings.put("http.port", "0");
            settings.put("instance.id", "demo");
            // The demo is its own team, deploy system and operator: a token of its own, with every role, never written anywhere.
            String token = Tokens.generate();
            settings.putAll(TokenOption.allRoles("demo", token));
            signingKey = Tokens.digest(token);
            try (ZdmProcess zdm = ZdmProcess.start(Settings.of(settings), AllServices.factories())) {
                infra.closingFirst(zdm);
                System.out.printf("  planner, executor, sync and monitor up (http :%d); demo tables users and orders have %,d rows each%n", zdm.httpPort(), rows);
                AppLoad app = new AppLoad(jdbcUrl, tps, 2).start();
                System.out.printf("  synthetic application running at %d transactions/s%n%n", tps);
                List<String> outcomes = new ArrayList<>();
                for (String name : MIGRATIONS) outcomes.add(name + ": " + run(infra.kafkaBootstrap(), zdm, name));
                AppLoad.Summary summary = app.stop();
                System.out.println();
                System.out.println("summary");
                outcomes.forEach(o -> System.out.println("  " + o));
                System.out.println("  application during the migrations: " + summary);
                System.out.printf("  demo took %.1f s%n", (System.nanoTime() - t0) / 1e9);
                return outcomes.stream().allMatch(o -> o.endsWith("COMPLETED")) ? 0 : 1;
            }
        }
    }

    private String run(String bootstrap, ZdmProcess zdm, String name) throws Exception {
        String sql = resource("demo/" + name);
        System.out.println("migration " + name + ":");
        sql.lines().filter(l -> !l.isBlank()).limit(12).forEach(l -> System.out.println("  | " + l));
        if (sql.lines().filter(l -> !l.isBlank()).count() > 12) System.out.println("  | ...");
        var topics = zdm.platform().config().topics();
        var request = Requests.request(Requests.newMigrationId(name), "default", name, sql);
        ProgressPrinter printer = new ProgressPrinter(System.out);
        return Requests.submitAndFollow(bootstrap, topics, request, signingKey, Duration.ofMinutes(30), e -> {
            printer.print(e);
            Requests.awaitedDeployment(e).ifPresent(d -> announce(bootstrap, zdm, d[0], d[1]));
        });
    }

    private void announce(String bootstrap, ZdmProcess zdm, String service, String version) {
        try {
            System.out.println("  (demo deploy system: " + service + "@" + version + " is live)");
            Requests.deployed(bootstrap, zdm.platform().config().topics(), service, version, "demo", signingKey);
        } catch (Exception e) {
            throw new IllegalStateException("cannot announce deployment " + service + "@" + version + ": " + e.getMessage(), e);
        }
    }

    private void seed(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.createStatement().execute(resource("demo/schema.sql"));
            try (var ps = c.prepareStatement("INSERT INTO users (email, first_name, last_name, phone, legacy_field) "
                    + "SELECT 'user' || g || '@example.com', 'First' || g, 'Last' || g, '+1-555-' || g, 'legacy ' || g FROM generate_series(1, ?) g")) {
                ps.setInt(1, rows);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("INSERT INTO orders (user_id, user_email, price, created_at) "
                    + "SELECT 1 + g % ?, 'user' || (1 + g % ?) || '@example.com', (g % 10000) / 100.0, now() - (g % 365) * interval '1 day' "
                    + "FROM generate_series(1, ?) g")) {
                ps.setInt(1, rows);
                ps.setInt(2, rows);
                ps.setInt(3, rows);
                ps.executeUpdate();
            }
            c.createStatement().execute("VACUUM ANALYZE users");
            c.createStatement().execute("VACUUM ANALYZE orders");
        }
    }

    static String resource(String path) throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
