package dev.zdm.cli;

import dev.zdm.cli.follow.LiveView;
import dev.zdm.cli.follow.MigrationBlock;
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
import picocli.CommandLine.Mixin;
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

    @Mixin
    VerboseOption verbose;

    private byte[] signingKey;

    /** One migration's line of the summary. */
    private record Outcome(String name, MigrationBlock block, String end, AppLoad.Summary app) {
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        try (LogFile logs = verbose.logs("demo"); LiveView view = LiveView.on(System.out)) {
            view.println("zdm demo: an embedded Kafka broker and PostgreSQL, the four services in one process, " + MIGRATIONS.size()
                    + " migrations under a synthetic application load");
            if (logs.path() != null) view.println("  " + logs.where());
            try (LocalInfra infra = LocalInfra.start()) {
                view.println("  " + infra.describe());
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
                    view.println(String.format("  planner, executor, sync and monitor up (http :%d); demo tables users and orders have %,d rows each",
                            zdm.httpPort(), rows));
                    AppLoad app = new AppLoad(jdbcUrl, tps, 2).start();
                    view.println(String.format("  synthetic application running at %d transactions/s", tps));
                    List<Outcome> outcomes = new ArrayList<>();
                    for (String name : MIGRATIONS) {
                        app.window();
                        outcomes.add(run(view, infra.kafkaBootstrap(), zdm, name, app));
                    }
                    AppLoad.Summary whole = app.stop();
                    view.println("");
                    summary(outcomes, whole, (System.nanoTime() - t0) / 1e9, view.width()).forEach(view::println);
                    boolean completed = outcomes.stream().allMatch(o -> o.end().equals("COMPLETED"));
                    return completed && whole.failed() == 0 ? 0 : 1;
                }
            }
        }
    }

    private Outcome run(LiveView view, String bootstrap, ZdmProcess zdm, String name, AppLoad app) throws Exception {
        String sql = resource("demo/" + name);
        view.println("");
        view.println("migration " + name + ":");
        sql.lines().filter(l -> !l.isBlank()).limit(12).forEach(l -> view.println("  | " + l));
        if (sql.lines().filter(l -> !l.isBlank()).count() > 12) view.println("  | ...");
        var topics = zdm.platform().config().topics();
        var request = Requests.request(Requests.newMigrationId(name), "default", name, sql);
        String id = request.getMigrationId();
        String end = Requests.submitAndFollow(bootstrap, topics, request, signingKey, Duration.ofMinutes(30), view::plan, e -> {
            view.accept(e);
            Requests.awaitedDeployment(e).ifPresent(d -> announce(view, id, bootstrap, zdm, d[0], d[1]));
        });
        return new Outcome(name, view.block(id), end, app.window());
    }

    /**
     * The summary table: a row per migration with what the application saw meanwhile, and the whole
     * run. Wider than {@code width} (a terminal's columns; 0 for no limit), it is told as two tables:
     * the migrations, then the application.
     */
    static List<String> summary(List<Outcome> outcomes, AppLoad.Summary whole, double seconds, int width) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MIGRATION", "STRATEGY", "PHASES", "TIME", "ROWS", "APP TXNS", "FAILED", "P50 MS", "P99 MS", "MAX MS", "RESULT"});
        long now = System.currentTimeMillis();
        for (Outcome o : outcomes) {
            rows.add(new String[] {o.name().replaceAll("\\.sql$", ""), o.block().strategy() == null ? "-" : o.block().strategy(),
                    Integer.toString(o.block().phaseCount()), MigrationBlock.clock(o.block().elapsedMs(now)), String.format("%,d", o.block().rowsDone()),
                    String.format("%,d", o.app().transactions()), Long.toString(o.app().failed()), ms(o.app().p50Ms()), ms(o.app().p99Ms()),
                    ms(o.app().maxMs()), o.end()});
        }
        rows.add(new String[] {"all", "", Integer.toString(outcomes.stream().mapToInt(o -> o.block().phaseCount()).sum()),
                String.format("%.1f s", seconds), String.format("%,d", outcomes.stream().mapToLong(o -> o.block().rowsDone()).sum()),
                String.format("%,d", whole.transactions()), Long.toString(whole.failed()), ms(whole.p50Ms()), ms(whole.p99Ms()), ms(whole.maxMs()),
                outcomes.stream().allMatch(o -> o.end().equals("COMPLETED")) && whole.failed() == 0 ? "OK" : "NOT OK"});
        List<String> out = new ArrayList<>();
        out.add("summary");
        List<String> whole10 = table(rows, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        if (width <= 0 || whole10.stream().allMatch(l -> l.length() <= width)) {
            out.addAll(whole10);
        } else {
            out.addAll(table(rows, new int[] {0, 1, 2, 3, 4, 10}));
            out.add("");
            out.addAll(table(rows, new int[] {0, 5, 6, 7, 8, 9}));
        }
        outcomes.stream().filter(o -> !o.end().equals("COMPLETED"))
                .forEach(o -> out.add(o.name() + " ended " + o.end() + ": " + o.block().message()));
        if (whole.failed() > 0) out.add("the application saw " + whole.failed() + " failed transactions; the first: " + whole.firstError());
        return out;
    }

    /** The {@code columns} of the summary's rows, numbers (phases to max latency) to the right. */
    private static List<String> table(List<String[]> rows, int[] columns) {
        return TextTable.lines(rows, columns, i -> i >= 2 && i <= 9);
    }

    private static String ms(double v) {
        return String.format("%.1f", v);
    }

    private void announce(LiveView view, String id, String bootstrap, ZdmProcess zdm, String service, String version) {
        try {
            view.note(id, "(demo deploy system: " + service + "@" + version + " is live)");
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
