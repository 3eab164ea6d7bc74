package dev.zdm.sync.messaging;

import dev.zdm.runtime.messaging.StepMapper;
import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.events.SyncStatus;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.Workload;
import dev.zdm.runtime.ZdmProcess;
import dev.zdm.runtime.config.Settings;
import dev.zdm.runtime.messaging.Topics;
import dev.zdm.sync.SyncFactory;
import dev.zdm.sync.testing.Bus;
import dev.zdm.sync.testing.Harness;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sync service as the executor sees it: SyncCommands in, SyncStatus out, over the real broker.
 * A sync killed mid-stream (its database sessions ended, the process closed without STOP) resumes when
 * the service starts again and loses no change made meanwhile; a CANCEL and a sync that cannot apply
 * both leave no slot or publication behind.
 */
@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int ROWS = 10_000;
    private TestInfra infra;
    private Db db;
    private Bus bus;

    @BeforeAll
    void setUp(TestInfra infra) {
        this.infra = infra;
        this.db = new Db(infra.jdbcUrl());
        this.bus = new Bus(infra.kafkaBootstrap(), new Topics(infra.topicPrefix()));
    }

    @AfterAll
    void tearDown() throws Exception {
        bus.close();
    }

    private ZdmProcess startService() {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("kafka.bootstrap", infra.kafkaBootstrap(),
                "kafka.topicPrefix", infra.topicPrefix(), "targets.main.url", infra.jdbcUrl(), "http.port", "0", "sync.statusIntervalMs", "200"));
        settings.putAll(Bus.operatorTokenSettings());
        return ZdmProcess.start(Settings.of(settings), List.of(SyncFactory.service()));
    }

    @Test
    void a_sync_killed_mid_stream_resumes_without_losing_a_change() throws Exception {
        String id = "it-kill";
        db.exec("CREATE TABLE accounts (id bigserial PRIMARY KEY, balance numeric(12,3) NOT NULL DEFAULT 0);"
                + "INSERT INTO accounts (balance) SELECT g / 7.0 FROM generate_series(1, " + ROWS + ") g;"
                + "ALTER TABLE accounts ADD COLUMN balance_new numeric(14,2)");
        ZdmProcess zdm = startService();
        try (Workload app = new Workload(infra.jdbcUrl(), 3, 300, (c, r) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                ps.setBigDecimal(1, java.math.BigDecimal.valueOf(r.nextInt(100_000), 3));
                ps.setLong(2, 1 + r.nextInt(ROWS));
                ps.executeUpdate();
            }
        }).start()) {
            bus.send(Bus.command(id, "p2", "START").setSourceRelation(StepMapper.toEvent(TableName.of("accounts"))).setTargetRelation(StepMapper.toEvent(TableName.of("accounts"))).setKeyColumns(List.of("id"))
                    .setMapping(Map.of("balance_new", "round(balance, 2)")).build());
            SyncStatus streaming = bus.await(id, "p2", WAIT, "STREAMING", "FAILED");
            assertThat(streaming.getState()).as(String.valueOf(streaming.getError())).isEqualTo("STREAMING");
            assertThat(streaming.getSlotName()).startsWith("zdm_it_kill");
            db.execRetryingConflicts("UPDATE accounts SET balance_new = round(balance, 2) WHERE balance_new IS NULL");

            bus.send(Bus.command(id, "p2", "START").setSourceRelation(StepMapper.toEvent(TableName.of("accounts"))).setTargetRelation(StepMapper.toEvent(TableName.of("accounts"))).setKeyColumns(List.of("id"))
                    .setMapping(Map.of("balance_new", "round(balance, 2)")).build());
            Thread.sleep(1_000);
            assertThat(bus.statuses()).filteredOn(s -> s.getMigrationId().equals(id) && s.getState().equals("FAILED")).isEmpty();

            db.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND (application_name LIKE 'zdm-sync%' OR backend_type = 'walsender')");
            zdm.close();
            long writesBefore = app.writes();
            Thread.sleep(1_500);
            assertThat(app.writes()).as("the application kept writing while the sync was down").isGreaterThan(writesBefore + 100);
            zdm = startService();
            Thread.sleep(1_000);
            assertThat(app.errors()).as("application errors: " + app.firstError()).isZero();
        }
        bus.send(Bus.command(id, "p3", "DRAIN").build());
        assertThat(bus.await(id, "p3", WAIT, "CAUGHT_UP", "FAILED").getState()).isEqualTo("CAUGHT_UP");
        assertThat(db.count("SELECT count(*) FROM accounts WHERE balance_new IS DISTINCT FROM round(balance, 2)")).isZero();

        bus.send(Bus.command(id, "p4", "VERIFY").setSourceRelation(StepMapper.toEvent(TableName.of("accounts"))).setTargetRelation(StepMapper.toEvent(TableName.of("accounts"))).setKeyColumns(List.of("id"))
                .setMapping(Map.of("balance_new", "round(balance, 2)")).build());
        assertThat(bus.await(id, "p4", WAIT, "VERIFIED", "FAILED").getState()).isEqualTo("VERIFIED");
        bus.send(Bus.command(id, "p5", "STOP").build());
        assertThat(bus.await(id, "p5", WAIT, "STOPPED", "FAILED").getState()).isEqualTo("STOPPED");
        zdm.close();
        assertThat(db.zdmLeftovers()).isZero();
    }

    @Test
    void an_orphaned_zdm_slot_is_dropped_at_start_up_when_so_configured() throws Exception {
        db.exec("SELECT pg_create_logical_replication_slot('zdm_orphan_of_a_crash', 'pgoutput')");
        ZdmProcess zdm = ZdmProcess.start(Settings.of(Map.of("kafka.bootstrap", infra.kafkaBootstrap(), "kafka.topicPrefix", infra.topicPrefix(),
                "targets.main.url", infra.jdbcUrl(), "http.port", "0", "sync.dropOrphanSlots", "true")), List.of(SyncFactory.service()));
        try {
            Awaitility.await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'zdm_orphan_of_a_crash'") == 0);
        } finally {
            zdm.close();
        }
    }

    @Test
    void a_cancel_and_a_sync_that_cannot_apply_leave_no_slot_or_publication() throws Exception {
        db.exec("CREATE TABLE items (id int PRIMARY KEY, name text);"
                + "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;"
                + "CREATE TABLE items_green (id int PRIMARY KEY, label text NOT NULL CHECK (label <> 'bad'))");
        ZdmProcess zdm = startService();
        try {
            bus.send(Bus.command("it-cancel", "p1", "START").setMode("BLUE_GREEN").setSourceRelation(StepMapper.toEvent(TableName.of("items"))).setTargetRelation(StepMapper.toEvent(TableName.of("items_green")))
                    .setKeyColumns(List.of("id")).setMapping(Map.of("id", "id", "label", "name")).build());
            assertThat(bus.await("it-cancel", "p1", WAIT, "STREAMING", "FAILED").getState()).isEqualTo("STREAMING");
            assertThat(db.count("SELECT count(*) FROM items_green")).isEqualTo(1000);
            assertThat(db.zdmLeftovers()).isEqualTo(2);
            bus.cancel("it-cancel");
            Awaitility.await().atMost(WAIT).until(() -> db.zdmLeftovers() == 0);

            db.exec("TRUNCATE items_green");
            bus.send(Bus.command("it-fail", "p1", "START").setMode("BLUE_GREEN").setSourceRelation(StepMapper.toEvent(TableName.of("items"))).setTargetRelation(StepMapper.toEvent(TableName.of("items_green")))
                    .setKeyColumns(List.of("id")).setMapping(Map.of("id", "id", "label", "name")).build());
            assertThat(bus.await("it-fail", "p1", WAIT, "STREAMING", "FAILED").getState()).isEqualTo("STREAMING");
            db.exec("UPDATE items SET name = 'bad' WHERE id = 7");
            SyncStatus failed = bus.await("it-fail", "p1", WAIT, "FAILED");
            assertThat(failed.getError().getCode()).isEqualTo("ZDM-SQL-ERROR");
            assertThat(failed.getError().getMessage()).contains("items_green");
            Awaitility.await().atMost(WAIT).until(() -> db.zdmLeftovers() == 0);
            assertThat(db.count("SELECT count(*) FROM zdm.sync_sessions")).isZero();
        } finally {
            zdm.close();
        }
    }
}
