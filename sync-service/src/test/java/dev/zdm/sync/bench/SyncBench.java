package dev.zdm.sync.bench;

import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.LocalInfra;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.session.SessionListener;
import dev.zdm.sync.session.SessionMeters;
import dev.zdm.sync.session.SessionSettings;
import dev.zdm.sync.session.SyncReport;
import dev.zdm.sync.session.SyncRequest;
import dev.zdm.sync.session.SyncSessions;
import dev.zdm.sync.session.SyncSpec;
import dev.zdm.sync.session.SyncState;
import dev.zdm.sync.testing.Db;
import dev.zdm.sync.testing.Workload;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Measures, on fresh copies of a table, interleaved A/B (the order of the variants rotates each round):
 * <ol>
 *   <li>the application's write throughput and p99 with no sync, with a PL/pgSQL dual-write trigger, and
 *       with zdm's change-capture dual-write;</li>
 *   <li>the sync's commit-to-apply lag p50/p99 at 1,000 writes/s;</li>
 *   <li>the longest write the application sees during a blue-green switch.</li>
 * </ol>
 * Prints one table. {@code --jdbc URL} (user and password as parameters) uses an existing PostgreSQL
 * with {@code wal_level=logical}; otherwise the embedded one is started. {@code --rounds N}, {@code --seconds S}.
 */
public final class SyncBench {
    private static final int ROWS = 20_000;
    private static final int THREADS = 4;
    private static final String TARGET = "bench";

    private final Db db;
    private final DbTarget target;
    private final int rounds;
    private final long measureMs;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private int tables;

    SyncBench(Db db, DbTarget target, int rounds, long measureMs) {
        this.db = db;
        this.target = target;
        this.rounds = rounds;
        this.measureMs = measureMs;
    }

    enum Variant { NONE, TRIGGER, CDC }

    record Run(double writesPerSecond, double p50Ms, double p99Ms, long wrongRows) {
    }

    public static void main(String[] args) throws Exception {
        String url = option(args, "--jdbc", null);
        int rounds = Integer.parseInt(option(args, "--rounds", "3"));
        long seconds = Long.parseLong(option(args, "--seconds", "4"));
        LocalInfra infra = null;
        try {
            if (url == null) {
                infra = LocalInfra.start();
                String database = "sync_bench";
                url = infra.pg().createDatabase(database);
            }
            DbTarget target = parse(url);
            new SyncBench(new Db(url), target, rounds, seconds * 1_000).run();
        } finally {
            if (infra != null) infra.close();
        }
        System.exit(0);
    }

    void run() throws Exception {
        Map<Variant, List<Run>> runs = new java.util.EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) runs.put(v, new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < Variant.values().length; i++) {
                Variant v = Variant.values()[(i + round) % Variant.values().length];
                Run r = throughput(v);
                runs.get(v).add(r);
                System.err.printf("round %d %-7s %8.0f writes/s  p99 %6.2f ms%n", round + 1, v, r.writesPerSecond(), r.p99Ms());
            }
        }
        double[] lag = lagAt(1_000, 10_000);
        double[] stall = switchStall();
        print(runs, lag, stall);
    }

    /** One run of {@code variant}: a fresh table, warm-up, then {@code measureMs} of unpaced single-row updates. */
    private Run throughput(Variant variant) throws Exception {
        String table = freshTable();
        try (SyncSessions sessions = sessions(new SimpleMeterRegistry())) {
            String migration = "bench-" + table;
            if (variant == Variant.TRIGGER) installTrigger(table);
            if (variant == Variant.CDC) start(sessions, migration, table);
            try (Workload app = updates(table, 0).start()) {
                Thread.sleep(1_000);
                app.latencyMicros();
                long before = app.writes();
                long started = System.nanoTime();
                Thread.sleep(measureMs);
                long writes = app.writes() - before;
                double seconds = (System.nanoTime() - started) / 1e9;
                Histogram h = app.latencyMicros();
                app.close();
                long wrong = 0;
                if (variant == Variant.CDC) {
                    expect(sessions.handle(new SyncRequest.Drain(migration, TARGET, "drain")).get(120, TimeUnit.SECONDS), SyncState.CAUGHT_UP);
                    wrong = db.count("SELECT count(*) FROM " + table + " WHERE customer_email IS DISTINCT FROM email");
                    expect(sessions.handle(new SyncRequest.Stop(migration, TARGET, "stop")).get(120, TimeUnit.SECONDS), SyncState.STOPPED);
                } else if (variant == Variant.TRIGGER) {
                    wrong = db.count("SELECT count(*) FROM " + table + " WHERE customer_email IS DISTINCT FROM email");
                }
                return new Run(writes / seconds, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, wrong);
            }
        } finally {
            db.exec("DROP TABLE IF EXISTS " + table);
        }
    }

    /** Commit-to-apply lag of the CDC sync with the application paced at {@code perSecond} writes for {@code ms}. */
    private double[] lagAt(int perSecond, long ms) throws Exception {
        String table = freshTable();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SyncSessions sessions = sessions(registry)) {
            String migration = "bench-lag";
            start(sessions, migration, table);
            double achieved;
            try (Workload app = updates(table, perSecond).start()) {
                Thread.sleep(1_000);
                long before = app.writes();
                long started = System.nanoTime();
                Thread.sleep(ms);
                achieved = (app.writes() - before) / ((System.nanoTime() - started) / 1e9);
            }
            expect(sessions.handle(new SyncRequest.Drain(migration, TARGET, "drain")).get(120, TimeUnit.SECONDS), SyncState.CAUGHT_UP);
            long wrong = db.count("SELECT count(*) FROM " + table + " WHERE customer_email IS DISTINCT FROM email");
            HistogramSnapshot snapshot = new SessionMeters(registry).changeLag("public." + table).takeSnapshot();
            double p50 = 0;
            double p99 = 0;
            for (ValueAtPercentile v : snapshot.percentileValues()) {
                if (v.percentile() == 0.5) p50 = v.value(TimeUnit.MILLISECONDS);
                if (v.percentile() == 0.99) p99 = v.value(TimeUnit.MILLISECONDS);
            }
            expect(sessions.handle(new SyncRequest.Stop(migration, TARGET, "stop")).get(120, TimeUnit.SECONDS), SyncState.STOPPED);
            return new double[] {p50, p99, snapshot.count(), achieved, wrong};
        } finally {
            db.exec("DROP TABLE IF EXISTS " + table);
        }
    }

    /** The longest application write around a blue-green switch, with 1,000 writes/s running; and the same before it. */
    private double[] switchStall() throws Exception {
        db.exec("DROP TABLE IF EXISTS users, users_green, users_old;"
                + "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, first_name text, last_name text, phone text);"
                + "INSERT INTO users (email, first_name, last_name, phone) SELECT 'u' || g, 'F' || g, 'L' || g, '+1-' || g FROM generate_series(1, "
                + ROWS + ") g;"
                + "CREATE TABLE users_green (id bigserial PRIMARY KEY, email text NOT NULL, profile jsonb NOT NULL DEFAULT '{}')");
        Map<String, String> forward = Map.of("id", "id", "email", "email",
                "profile", "jsonb_build_object('firstName', first_name, 'lastName', last_name, 'phone', phone)");
        Map<String, String> back = Map.of("id", "id", "email", "email", "first_name", "profile->>'firstName'",
                "last_name", "profile->>'lastName'", "phone", "profile->>'phone'");
        try (SyncSessions sessions = sessions(new SimpleMeterRegistry())) {
            expect(sessions.handle(new SyncRequest.Start("start", new SyncSpec("bench-switch", TARGET, SyncMode.BLUE_GREEN, "users", "users_green",
                    List.of("id"), forward, back))).get(300, TimeUnit.SECONDS), SyncState.STREAMING);
            Histogram before;
            Histogram during;
            long errors;
            try (Workload app = new Workload(db.url(), THREADS, 1_000, (c, r) -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE users SET email = ? WHERE id = ?")) {
                    ps.setString(1, "s" + r.nextInt());
                    ps.setLong(2, 1 + r.nextInt(ROWS));
                    ps.executeUpdate();
                }
            }).start()) {
                Thread.sleep(2_000);
                app.latencyMicros();
                Thread.sleep(1_000);
                before = app.latencyMicros();
                expect(sessions.handle(new SyncRequest.Switch("bench-switch", TARGET, "switch", "users", "users_green", "users_old"))
                        .get(300, TimeUnit.SECONDS), SyncState.SWITCHED);
                Thread.sleep(500);
                during = app.latencyMicros();
                errors = app.errors();
            }
            expect(sessions.handle(new SyncRequest.Stop("bench-switch", TARGET, "stop")).get(120, TimeUnit.SECONDS), SyncState.STOPPED);
            double held = progress.stream().filter(m -> m.contains("writes held")).map(m -> m.replaceAll(".*writes held (\\d+) ms.*", "$1"))
                    .mapToDouble(Double::parseDouble).max().orElse(-1);
            return new double[] {during.getMaxValue() / 1000.0, before.getMaxValue() / 1000.0, held, errors};
        } finally {
            db.exec("DROP TABLE IF EXISTS users, users_green, users_old");
        }
    }

    private void print(Map<Variant, List<Run>> runs, double[] lag, double[] stall) {
        double base = median(runs.get(Variant.NONE).stream().mapToDouble(Run::writesPerSecond).toArray());
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nzdm sync benchmark: %d rows, %d writer threads, single-row UPDATE in autocommit, %d interleaved rounds of %d s%n",
                ROWS, THREADS, rounds, measureMs / 1000));
        out.append(String.format("%-34s %12s %9s %9s %10s %11s%n", "application writes", "writes/s", "p50 ms", "p99 ms", "vs none", "wrong rows"));
        String[] names = {"no sync", "trigger dual-write (PL/pgSQL)", "zdm CDC dual-write"};
        for (Variant v : Variant.values()) {
            List<Run> rs = runs.get(v);
            double wps = median(rs.stream().mapToDouble(Run::writesPerSecond).toArray());
            out.append(String.format("%-34s %12.0f %9.2f %9.2f %+9.1f%% %11d%n", names[v.ordinal()], wps,
                    median(rs.stream().mapToDouble(Run::p50Ms).toArray()), median(rs.stream().mapToDouble(Run::p99Ms).toArray()),
                    (wps / base - 1) * 100, rs.stream().mapToLong(Run::wrongRows).sum()));
        }
        out.append(String.format("%-34s p50 %.1f ms, p99 %.1f ms over %d changes (achieved %.0f writes/s), wrong rows %d%n",
                "sync lag at 1,000 writes/s", lag[0], lag[1], (long) lag[2], lag[3], (long) lag[4]));
        out.append(String.format("%-34s longest write %.1f ms (writes held by the switch %.0f ms; longest write the second before: %.1f ms), "
                + "errors %d%n", "blue-green switch at 1,000 writes/s", stall[0], stall[2], stall[1], (long) stall[3]));
        System.out.println(out);
    }

    private String freshTable() {
        String table = "bench_" + (++tables);
        db.exec("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (id bigserial PRIMARY KEY, email text, note text);"
                + "INSERT INTO " + table + " (email, note) SELECT 'u' || g || '@example.com', 'note ' || g FROM generate_series(1, " + ROWS + ") g;"
                + "ALTER TABLE " + table + " ADD COLUMN customer_email text; UPDATE " + table + " SET customer_email = email");
        db.exec("VACUUM ANALYZE " + table);
        return table;
    }

    /** The strategy guide's dual-write trigger, as PostgreSQL needs it: a trigger calls a function. */
    private void installTrigger(String table) {
        db.exec("CREATE OR REPLACE FUNCTION " + table + "_dual_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF TG_OP = 'INSERT' OR NEW.email IS DISTINCT FROM OLD.email THEN NEW.customer_email := NEW.email; END IF; "
                + "RETURN NEW; END $$; CREATE TRIGGER dual_write BEFORE INSERT OR UPDATE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION " + table + "_dual_write()");
    }

    private void start(SyncSessions sessions, String migration, String table) throws Exception {
        SyncReport started = sessions.handle(new SyncRequest.Start("start", new SyncSpec(migration, TARGET, SyncMode.DUAL_WRITE, table, table,
                List.of("id"), Map.of("customer_email", "email"), Map.of("email", "customer_email")))).get(120, TimeUnit.SECONDS);
        expect(started, SyncState.STREAMING);
    }

    private Workload updates(String table, double perSecond) {
        return new Workload(db.url(), THREADS, perSecond, (c, r) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET email = ?, note = ? WHERE id = ?")) {
                ps.setString(1, "w" + r.nextInt() + "@example.com");
                ps.setString(2, "n" + r.nextInt());
                ps.setLong(3, 1 + r.nextInt(ROWS));
                ps.executeUpdate();
            }
        });
    }

    private SyncSessions sessions(SimpleMeterRegistry registry) {
        SessionSettings d = SessionSettings.defaults();
        return new SyncSessions(Map.of(TARGET, target), d, new SessionListener() {
            @Override
            public void report(SyncReport report) {
            }

            @Override
            public void progress(String migrationId, String phaseId, String message, long rowsDone, Long rowsTotal) {
                progress.add(message);
            }
        }, new SessionMeters(registry));
    }

    private static void expect(SyncReport report, SyncState state) {
        if (report.state() != state) throw new IllegalStateException("expected " + state + ", got " + report.state() + ": " + report.error());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static DbTarget parse(String url) {
        return DbTarget.of(new dev.zdm.runtime.config.TargetConfig(TARGET, url, null, null, 4));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }
}
