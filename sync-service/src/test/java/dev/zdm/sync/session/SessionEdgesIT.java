package dev.zdm.sync.session;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import dev.zdm.sync.cdc.Unavailable;
import dev.zdm.sync.testing.Harness;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The edges of a session: a slot that cannot be created in time, TOASTed values, repeated and misplaced requests. */
@ExtendWith(ZdmInfraExtension.class)
class SessionEdgesIT {

    @Test
    void slot_creation_waits_for_an_open_writing_transaction_only_so_long_and_names_it(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE t1 (id int PRIMARY KEY, a text, b text); INSERT INTO t1 SELECT g, 'a', NULL FROM generate_series(1, 100) g;"
                + "CREATE TABLE other (id int PRIMARY KEY, v int); INSERT INTO other VALUES (1, 0)");
        SessionSettings d = Harness.fast();
        SessionSettings quick = new SessionSettings(d.statusIntervalMs(), 1_000, d.streamStartTimeoutMs(), d.ddlLockTimeoutMs(), d.ddlAttempts(),
                d.drainTimeoutMs(), d.applyMaxAttempts(), d.copyTargetBatchMs(), d.copyMaxBatch(), d.verifyChunkRows(), d.verifyAttempts(),
                d.switchLockTimeoutMs(), d.switchDrainTimeoutMs(), d.switchAttempts(), d.switchRetryDelayMs(), d.caughtUpLagMs(), d.outageWindowMs());
        try (Harness h = new Harness(infra, quick); Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("SET application_name = 'long-writer'");
                s.execute("UPDATE other SET v = v + 1");
            }
            long started = System.currentTimeMillis();
            SyncReport report = h.ask(new SyncRequest.Start("p1", new SyncSpec("it-slot-wait", Harness.TARGET, SyncMode.DUAL_WRITE, TableName.of("t1"), TableName.of("t1"),
                    List.of("id"), Map.of("b", "a"), Map.of())));
            long waited = System.currentTimeMillis() - started;
            blocker.rollback();

            assertThat(report.state()).isEqualTo(SyncState.FAILED);
            assertThat(report.error().code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(report.error().retriable()).isTrue();
            assertThat(report.error().getMessage()).contains("long-writer").contains("UPDATE other");
            assertThat(waited).as("slot creation is bounded").isLessThan(15_000);
            assertThat(db.zdmLeftovers()).isZero();
            assertThat(db.one("SELECT relreplident FROM pg_class WHERE relname = 't1'")).isEqualTo("d");
            assertThat(db.count("SELECT count(*) FROM zdm.sync_sessions")).isZero();
        }
    }

    @Test
    void a_switch_that_cannot_get_its_lock_gives_up_whole_and_succeeds_later(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE accounts (id int PRIMARY KEY, owner text); INSERT INTO accounts SELECT g, 'o' || g FROM generate_series(1, 500) g;"
                + "CREATE TABLE accounts_green (id int PRIMARY KEY, owner_name text)");
        SessionSettings d = Harness.fast();
        SessionSettings impatient = new SessionSettings(d.statusIntervalMs(), d.slotCreateTimeoutMs(), d.streamStartTimeoutMs(), d.ddlLockTimeoutMs(),
                d.ddlAttempts(), d.drainTimeoutMs(), d.applyMaxAttempts(), d.copyTargetBatchMs(), d.copyMaxBatch(), d.verifyChunkRows(),
                d.verifyAttempts(), 100, 1_000, 3, 100, d.caughtUpLagMs(), d.outageWindowMs());
        try (Harness h = new Harness(infra, impatient); Connection holder = db.connect()) {
            SyncReport started = h.ask(new SyncRequest.Start("p1", new SyncSpec("it-switch-lock", Harness.TARGET, SyncMode.BLUE_GREEN, TableName.of("accounts"), TableName.of("accounts_green"), List.of("id"), Map.of("id", "id", "owner_name", "owner"), Map.of("id", "id", "owner", "owner_name"))));
            assertThat(started.state()).as(String.valueOf(started.error())).isEqualTo(SyncState.STREAMING);
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("UPDATE accounts SET owner = 'held' WHERE id = 1");
            }
            SyncReport refused = h.ask(new SyncRequest.Switch("it-switch-lock", Harness.TARGET, "p2", TableName.of("accounts"), TableName.of("accounts_green"), "accounts_old"));
            assertThat(refused.state()).isEqualTo(SyncState.FAILED);
            assertThat(refused.error().code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(refused.error().retriable()).isTrue();
            assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname IN ('accounts', 'accounts_green') AND relkind = 'r'"))
                    .as("nothing renamed").isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname = 'accounts_old'")).isZero();
            holder.commit();

            SyncReport switched = h.ask(new SyncRequest.Switch("it-switch-lock", Harness.TARGET, "p2", TableName.of("accounts"), TableName.of("accounts_green"), "accounts_old"));
            assertThat(switched.state()).as(String.valueOf(switched.error())).isEqualTo(SyncState.SWITCHED);
            assertThat(db.one("SELECT owner_name FROM accounts WHERE id = 1")).as("the held write made it across").isEqualTo("held");
            assertThat(h.ask(new SyncRequest.Switch("it-switch-lock", Harness.TARGET, "p2", TableName.of("accounts"), TableName.of("accounts_green"), "accounts_old")).state())
                    .as("a repeated SWITCH").isEqualTo(SyncState.SWITCHED);
            assertThat(h.ask(new SyncRequest.Stop("it-switch-lock", Harness.TARGET, "p3")).state()).isEqualTo(SyncState.STOPPED);
        }
    }

    @Test
    void toasted_values_left_out_of_the_wal_never_reach_the_target(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE docs (id int PRIMARY KEY, note text, body text);"
                + "INSERT INTO docs SELECT g, 'n', (SELECT string_agg(md5(random()::text || g || i), '') FROM generate_series(1, 2000) i)"
                + " FROM generate_series(1, 20) g;"
                + "CREATE TABLE docs_green (id int PRIMARY KEY, note text, body text, body_md5 text)");
        try (Harness h = new Harness(infra)) {
            SyncReport started = h.ask(new SyncRequest.Start("p1", new SyncSpec("it-toast", Harness.TARGET, SyncMode.BLUE_GREEN, TableName.of("docs"), TableName.of("docs_green"),
                    List.of("id"), Map.of("id", "id", "note", "note", "body", "body", "body_md5", "md5(body)"), Map.of())));
            assertThat(started.state()).as(String.valueOf(started.error())).isEqualTo(SyncState.STREAMING);
            db.exec("UPDATE docs SET note = 'changed' WHERE id <= 10");
            assertThat(h.ask(new SyncRequest.Drain("it-toast", Harness.TARGET, "p1")).state()).isEqualTo(SyncState.CAUGHT_UP);

            assertThat(db.count("SELECT count(*) FROM docs_green WHERE note = 'changed'")).isEqualTo(10);
            assertThat(db.count("SELECT count(*) FROM docs d JOIN docs_green g USING (id) WHERE g.body IS DISTINCT FROM d.body"
                    + " OR g.body_md5 IS DISTINCT FROM md5(d.body)")).isZero();
            assertThat(db.count("SELECT count(*) FROM docs_green WHERE body LIKE '%" + Unavailable.PLACEHOLDER + "%'")).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.relname = 'docs'"
                    + " AND pg_relation_size(t.oid) > 0")).as("the bodies really are TOASTed").isEqualTo(1);
            assertThat(h.ask(new SyncRequest.Stop("it-toast", Harness.TARGET, "p2")).state()).isEqualTo(SyncState.STOPPED);
        }
    }

    @Test
    void requests_are_idempotent_and_misplaced_ones_are_answered_with_the_reason(TestInfra infra) {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE t3 (id int PRIMARY KEY, a text, b text); INSERT INTO t3 SELECT g, 'a' || g, NULL FROM generate_series(1, 100) g");
        try (Harness h = new Harness(infra)) {
            SyncSpec spec = new SyncSpec("it-idem", Harness.TARGET, SyncMode.DUAL_WRITE, TableName.of("t3"), TableName.of("t3"), List.of("id"), Map.of("b", "a"), Map.of());
            assertThat(h.ask(new SyncRequest.Start("p1", spec)).state()).isEqualTo(SyncState.STREAMING);
            assertThat(h.ask(new SyncRequest.Start("p1", spec)).state()).as("a repeated START reports the running sync").isEqualTo(SyncState.STREAMING);
            SyncSpec other = new SyncSpec("it-idem", Harness.TARGET, SyncMode.DUAL_WRITE, TableName.of("t3"), TableName.of("t3"), List.of("id"), Map.of("b", "upper(a)"), Map.of());
            SyncReport refused = h.ask(new SyncRequest.Start("p9", other));
            assertThat(refused.state()).isEqualTo(SyncState.FAILED);
            assertThat(refused.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            SyncReport noReverse = h.ask(new SyncRequest.Reverse("it-idem", Harness.TARGET, "p2"));
            assertThat(noReverse.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            SyncReport unknown = h.ask(new SyncRequest.Drain("it-nobody", Harness.TARGET, "p1"));
            assertThat(unknown.error().code()).isEqualTo(ErrorCode.NOT_ALLOWED);
            SyncReport badTarget = h.ask(new SyncRequest.Drain("it-idem", "elsewhere", "p1"));
            assertThat(badTarget.error().code()).isEqualTo(ErrorCode.UNKNOWN_TARGET);
            SyncReport badMapping = h.ask(new SyncRequest.Start("p1", new SyncSpec("it-bad", Harness.TARGET, SyncMode.DUAL_WRITE, TableName.of("t3"), TableName.of("t3"),
                    List.of("id"), Map.of("b", "no_such_column || a"), Map.of())));
            assertThat(badMapping.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(badMapping.error().getMessage()).contains("no_such_column");

            assertThat(h.ask(new SyncRequest.Stop("it-idem", Harness.TARGET, "p3")).state()).isEqualTo(SyncState.STOPPED);
            assertThat(h.ask(new SyncRequest.Stop("it-idem", Harness.TARGET, "p3")).state()).as("a repeated STOP").isEqualTo(SyncState.STOPPED);
            assertThat(db.zdmLeftovers()).isZero();
            assertThat(db.one("SELECT relreplident FROM pg_class WHERE relname = 't3'")).isEqualTo("d");
        }
    }
}
