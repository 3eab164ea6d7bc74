package dev.zdm.cli;

import dev.zdm.cli.follow.ProgressFollower;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.ProgressEvent;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.auth.Tokens;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.messaging.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the end-to-end tests share: the four services in one process on the test's broker, database
 * and topics, a follower of the progress stream, and the events a team, a deploy system and an
 * operator send. Not thread-safe; one per test.
 */
final class TestPipeline implements AutoCloseable {
    /** The token the team, the deploy system and the operator of these tests sign with (every role). */
    static final String TOKEN = Tokens.generate();

    private final TestInfra infra;
    private final Topics topics;
    private ZdmProcess zdm;
    private final ProgressFollower progress;
    private final List<ProgressEvent> seen = new ArrayList<>();

    TestPipeline(TestInfra infra) {
        this.infra = infra;
        this.topics = new Topics(infra.topicPrefix());
        this.zdm = startZdm();
        this.progress = new ProgressFollower(infra.kafkaBootstrap(), topics.progress(), Requests.codec(), false);
    }

    private ZdmProcess startZdm() {
        return startWorker("local");
    }

    /** Another worker (all four services, as {@code zdm up} runs them) on the same broker, database and topics. */
    ZdmProcess startWorker(String instance) {
        return ZdmProcess.start(Settings.of(workerSettings(infra, instance)), AllServices.factories());
    }

    /** What a worker of these tests runs with: the test's broker, topics and database as target {@code main}, every role's token. */
    static Map<String, String> workerSettings(TestInfra infra, String instance) {
        Map<String, String> settings = new java.util.TreeMap<>(Map.of("kafka.bootstrap", infra.kafkaBootstrap(),
                "kafka.topicPrefix", infra.topicPrefix(), "targets.main.url", infra.jdbcUrl(), "http.port", "0", "monitor.intervalMs", "1000",
                "instance.id", instance));
        settings.putAll(TokenOption.allRoles("team", TOKEN));
        return settings;
    }

    /** Stops this test's worker (the progress follower stays); {@link #startAgain} brings it back. */
    void stopWorker() {
        zdm.close();
    }

    void startAgain() {
        zdm = startZdm();
    }

    /** Stops the whole process and starts a new one on the same broker and database. */
    void restart() {
        zdm.close();
        zdm = startZdm();
    }

    void submit(String id, String sql) throws Exception {
        Requests.send(infra.kafkaBootstrap(), topics.migrationRequests(), id, Requests.request(id, "main", id + ".sql", sql), Tokens.digest(TOKEN));
    }

    /** Submits the backfill of {@link #slowItems}: {@code hits = slow_inc(hits)} over every row, progressive, 200 rows a batch to start. */
    void submitSlowBackfill(String id) throws Exception {
        submit(id, """
                -- @metadata {"strategy": "progressive", "batchSize": 200}
                UPDATE items SET hits = slow_inc(hits);
                """);
    }

    void deployed(String service, String version) throws Exception {
        Requests.send(infra.kafkaBootstrap(), topics.deployments(), service, DeploymentEvent.newBuilder().setService(service)
                .setVersion(version).setDeployedAt(Instant.now()).build(), Tokens.digest(TOKEN));
    }

    void control(String id, String action) throws Exception {
        Requests.send(infra.kafkaBootstrap(), topics.control(), id, ControlCommand.newBuilder().setMigrationId(id).setAction(action)
                .setAt(Instant.now()).build(), Tokens.digest(TOKEN));
    }

    /** The first progress event of {@code id} (seen before or arriving within 2 minutes) that {@code until} accepts. */
    ProgressEvent await(String id, Predicate<ProgressEvent> until) {
        for (ProgressEvent e : seen) if (e.getMigrationId().equals(id) && until.test(e)) return e;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            for (ProgressEvent e : progress.poll(Duration.ofMillis(200))) {
                seen.add(e);
                if (e.getMigrationId().equals(id) && until.test(e)) return e;
            }
        }
        throw new AssertionError("no such progress for " + id + "; saw " + seen.stream().filter(e -> e.getMigrationId().equals(id))
                .map(e -> e.getState() + ": " + e.getMessage()).toList());
    }

    /** The planner's final word that the migration completed; fails at once on its final FAILED. */
    ProgressEvent awaitCompleted(String id) {
        ProgressEvent end = await(id, e -> "planner".equals(e.getSource())
                && (e.getState().equals("COMPLETED") || e.getState().equals("FAILED")));
        if (!end.getState().equals("COMPLETED")) throw new AssertionError(id + " failed: " + end.getMessage());
        return end;
    }

    /** No replication slot and no publication of zdm left in the database. */
    void assertNothingLeftBehind() throws Exception {
        String left = query("SELECT count(*) || ' slots, ' || (SELECT count(*) FROM pg_publication WHERE pubname LIKE 'zdm%') || ' publications' "
                + "FROM pg_replication_slots WHERE slot_name LIKE 'zdm%'");
        if (!"0 slots, 0 publications".equals(left)) throw new AssertionError("left behind: " + left);
    }

    void exec(String sql) throws Exception {
        exec(infra, sql);
    }

    String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * A fresh control schema and a table {@code items (id, hits, note)} of {@code rows} rows, with
     * {@code slow_inc(n)} (n + 1, about a millisecond a call): a backfill of {@code hits = slow_inc(hits)}
     * runs for seconds, long enough to act in its middle, and shows any row updated twice.
     */
    static void slowItems(TestInfra infra, int rows) throws Exception {
        exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE; DROP TABLE IF EXISTS items;"
                + "CREATE TABLE items (id bigserial PRIMARY KEY, hits int NOT NULL DEFAULT 0, note text);"
                + "INSERT INTO items (note) SELECT 'n' || g FROM generate_series(1, " + rows + ") g;"
                + "CREATE OR REPLACE FUNCTION slow_inc(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.0002); RETURN n + 1; END $$");
    }

    /** The application: {@code sql} with a random key in 1..rows as both parameters, at 100 writes/s on two connections. */
    static dev.zdm.infra.load.Workload appWrites(TestInfra infra, String sql, int rows) {
        return new dev.zdm.infra.load.Workload(infra.jdbcUrl(), 2, 100, (c, random) -> {
            try (var ps = c.prepareStatement(sql)) {
                long id = 1 + random.nextInt(rows);
                ps.setLong(1, id);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }).start();
    }

    static void exec(TestInfra infra, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl())) {
            c.createStatement().execute(sql);
        }
    }

    @Override
    public void close() {
        progress.close();
        zdm.close();
    }
}
