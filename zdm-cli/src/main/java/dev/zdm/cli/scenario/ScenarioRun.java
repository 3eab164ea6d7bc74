package dev.zdm.cli.scenario;

import dev.zdm.cli.AllServices;
import dev.zdm.cli.Requests;
import dev.zdm.cli.TokenOption;
import dev.zdm.cli.follow.ProgressFollower;
import dev.zdm.cli.follow.LiveView;
import dev.zdm.events.ControlCommand;
import dev.zdm.infra.PgServer;
import dev.zdm.infra.load.Workload;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.auth.Tokens;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.messaging.Topics;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one {@link Scenario} through the whole pipeline: a fresh database with the setup, the four
 * services in this process on their own topics, the workload writing while the migration runs, and
 * this runner as the deploy system (it switches the workload to a version's writes, then announces
 * that version). Not thread-safe; one scenario at a time.
 */
public final class ScenarioRun {
    /** How long a scenario's migration may take before it counts as hung. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String TARGET = "main";

    private final String kafkaBootstrap;
    private final PgServer pg;
    private final String topicPrefix;
    private final PrintStream out;

    public ScenarioRun(String kafkaBootstrap, PgServer pg, String topicPrefix, PrintStream out) {
        this.kafkaBootstrap = Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        this.pg = Objects.requireNonNull(pg, "pg");
        this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
        this.out = Objects.requireNonNull(out, "out");
    }

    public ScenarioResult run(Scenario s) throws Exception {
        long t0 = System.nanoTime();
        String database = "zdm_sc_" + s.name().toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        String url = pg.createDatabase(database);
        try {
            exec(url, s.setup());
            String token = Tokens.generate();
            byte[] key = Tokens.digest(token);
            try (ZdmProcess zdm = ZdmProcess.start(settings(s, url, token), AllServices.factories())) {
                return drive(s, url, zdm.platform().config().topics(), key, t0);
            }
        } finally {
            pg.dropDatabase(database);
        }
    }

    private Settings settings(Scenario s, String url, String token) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap", kafkaBootstrap);
        settings.put("kafka.topicPrefix", topicPrefix + "-" + s.name());
        settings.put("targets." + TARGET + ".url", url);
        settings.put("http.port", "0");
        settings.put("instance.id", "scenario");
        settings.put("monitor.intervalMs", "1000");
        settings.putAll(TokenOption.allRoles("scenario", token));
        return Settings.of(settings);
    }

    private ScenarioResult drive(Scenario s, String url, Topics topics, byte[] key, long t0) throws Exception {
        Expectation expect = s.expect();
        List<String> failures = new ArrayList<>();
        Workload app = s.workload().op(WorkloadScript.INITIAL, expect.rows())
                .map(op -> new Workload(url, expect.workers(), expect.rate(), op).start()).orElse(null);
        String[] old = new String[1];
        String[] last = {""};
        Set<String> announced = new HashSet<>();
        LiveView printer = LiveView.on(out);
        String id = Requests.newMigrationId(s.name());
        String outcome;
        try {
            outcome = Requests.submitAndFollow(kafkaBootstrap, topics, Requests.request(id, TARGET, s.name() + "/migration.sql", s.migration()),
                    key, TIMEOUT, printer::plan, e -> {
                        printer.accept(e);
                        last[0] = e.getMessage();
                        Requests.awaitedDeployment(e).ifPresent(d -> {
                            String version = d[0] + "@" + d[1];
                            if (!announced.add(version)) return;
                            if (app != null && version.equals(expect.stopAt())) {
                                app.close();
                                old[0] = value(url, expect.old(), failures, "old");
                            } else if (app != null) {
                                s.workload().op(version, expect.rows()).ifPresent(app::op);
                            }
                            if (version.equals(expect.rollbackAt())) rollback(topics, id, version, key, failures, printer);
                            else announce(topics, id, d[0], d[1], key, failures, printer);
                        });
                    });
            if (outcome.equals("FAILED") && expect.rollbackAfterFailure()) {
                printer.note(id, "(scenario operator: the migration failed: " + last[0] + "; ROLLBACK)");
                rollback(topics, id, "the failure", key, failures, printer);
                outcome = followRollback(topics, id, printer, last);
            }
        } finally {
            printer.close();
            if (app != null) app.close();
        }
        if (old[0] == null && expect.old() != null) old[0] = value(url, expect.old(), failures, "old");
        long writes = app == null ? 0 : app.writes();
        long errors = app == null ? 0 : app.errors();
        if (!outcome.equals(expect.outcome())) failures.add("ended " + outcome + " (expected " + expect.outcome() + "): " + last[0]);
        if (expect.message() != null && !last[0].contains(expect.message())) {
            failures.add("final message lacks '" + expect.message() + "': " + last[0]);
        }
        if (errors > 0) failures.add("the application saw " + errors + " errors, first: " + app.firstError());
        String checksum = null;
        if (expect.newer() != null) {
            checksum = value(url, expect.newer(), failures, "new");
            if (old[0] != null && !old[0].equals(checksum)) failures.add("old " + old[0] + " != new " + checksum);
        }
        expect.checks().forEach((name, sql) -> {
            if (!"t".equals(value(url, sql, failures, "check." + name))) failures.add("check." + name + " is not true: " + sql);
        });
        leftovers(url, failures);
        return new ScenarioResult(s.name(), outcome, last[0], writes, errors, checksum, failures, (System.nanoTime() - t0) / 1e9);
    }

    private void announce(Topics topics, String id, String service, String version, byte[] key, List<String> failures, LiveView view) {
        try {
            view.note(id, "(scenario deploy system: " + service + "@" + version + " is live)");
            Requests.deployed(kafkaBootstrap, topics, service, version, "scenario", key);
        } catch (Exception e) {
            failures.add("cannot announce " + service + "@" + version + ": " + e.getMessage());
        }
    }

    /** Follows {@code id} from its first event until its rollback ends (ROLLED_BACK, or FAILED once rolling back). */
    private String followRollback(Topics topics, String id, LiveView printer, String[] last) {
        boolean[] rollingBack = {false};
        try (ProgressFollower follower = new ProgressFollower(kafkaBootstrap, topics.progress(), Requests.codec(), true)) {
            return Requests.follow(follower, id, TIMEOUT, e -> {
                if (!"planner".equals(e.getSource())) return;
                if (e.getState().equals("ROLLING_BACK") || e.getState().equals("ROLLED_BACK")) rollingBack[0] = true;
                if (!rollingBack[0]) return;
                printer.accept(e);
                last[0] = e.getMessage();
            }, e -> rollingBack[0] && "planner".equals(e.getSource()) && (e.getState().equals("ROLLED_BACK") || e.getState().equals("FAILED")));
        }
    }

    private void rollback(Topics topics, String id, String version, byte[] key, List<String> failures, LiveView view) {
        try {
            view.note(id, "(scenario operator: ROLLBACK instead of " + version + ")");
            Requests.send(kafkaBootstrap, topics.control(), id, ControlCommand.newBuilder().setMigrationId(id).setAction("ROLLBACK")
                    .setReason("scenario: roll back inside the window").setRequestedBy("scenario").setAt(Instant.now()).build(), key);
        } catch (Exception e) {
            failures.add("cannot ask for ROLLBACK: " + e.getMessage());
        }
    }

    /** zdm's replication slots and publications of this database: none may outlive a migration. */
    private static void leftovers(String url, List<String> failures) {
        String left = value(url, "SELECT concat_ws(', ', (SELECT string_agg(slot_name, ', ') FROM pg_replication_slots "
                + "WHERE database = current_database() AND slot_name LIKE 'zdm\\_%'), (SELECT string_agg(pubname, ', ') FROM pg_publication "
                + "WHERE pubname LIKE 'zdm\\_%'))", failures, "leftovers");
        if (left != null && !left.isEmpty()) failures.add("left behind: " + left);
    }

    /** The first column of the first row as text ({@code t}/{@code f} for booleans); a failure is recorded, not thrown. */
    private static String value(String url, String sql, List<String> failures, String what) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                failures.add(what + " returned no row");
                return null;
            }
            Object v = rs.getObject(1);
            return v instanceof Boolean b ? (b ? "t" : "f") : String.valueOf(v);
        } catch (SQLException e) {
            failures.add(what + " failed: " + e.getMessage());
            return null;
        }
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
