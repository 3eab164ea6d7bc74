package dev.zdm.monitor.probe;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;

import static dev.zdm.monitor.probe.VertxPg.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(ZdmInfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetSamplerIT {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final String slot = "zdm_stream_" + UUID.randomUUID().toString().substring(0, 8);
    private TestInfra infra;
    private VertxPg vertx;
    private TargetSampler sampler;

    @BeforeAll
    void start(TestInfra infra) {
        this.infra = infra;
        vertx = new VertxPg(infra);
        Pool pool = vertx.pool("zdm-monitor", 1);
        sampler = new TargetSampler("orders", pool, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    void stop() throws Exception {
        try (PgSession s = PgSession.open(infra, "cleanup")) {
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
            s.commit();
        }
        vertx.close();
    }

    @Test
    void readsTheOldestTransactionOfTheApplicationAndOfZdmApartAndConnectionUse() throws Exception {
        try (PgSession app = PgSession.open(infra, "orders-api");
             PgSession zdm = PgSession.open(infra, "zdm-executor");
             PgSession idle = PgSession.open(infra, "orders-idle")) {
            app.execute("SELECT 1");
            Thread.sleep(200);
            zdm.execute("SELECT 2");
            Thread.sleep(300);
            int maxConnections = app.queryInt("SELECT current_setting('max_connections')::int");

            Readings readings = await(sampler.sample());

            assertThat(readings.target()).isEqualTo("orders");
            assertThat(readings.at()).isEqualTo(NOW);
            OpenTransaction oldestApp = readings.oldestTransaction().application().orElseThrow();
            assertThat(oldestApp.session().pid()).isEqualTo(app.pid());
            assertThat(oldestApp.state()).isEqualTo("idle in transaction");
            assertThat(oldestApp.ageMs()).isBetween(500L, 30_000L);
            OpenTransaction oldestZdm = readings.oldestTransaction().zdm().orElseThrow();
            assertThat(oldestZdm.session().pid()).as("zdm-executor, not the monitor's own backend").isEqualTo(zdm.pid());
            assertThat(oldestZdm.ageMs()).isBetween(300L, oldestApp.ageMs());
            assertThat(readings.oldestTransaction().oldest()).contains(oldestApp);
            assertThat(readings.connections().maxConnections()).isEqualTo(maxConnections);
            assertThat(readings.connections().used()).as("three sessions, the monitor and setup").isGreaterThanOrEqualTo(4);
            assertThat(readings.locks().waits()).isEmpty();
            app.rollback();
            zdm.rollback();
            idle.rollback();
        }
    }

    @Test
    void seesALogicalConsumerAsAWalsenderAndItsZdmSlotAsActive() throws Exception {
        try (PgSession s = PgSession.open(infra, "setup")) {
            s.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            s.execute("CREATE PUBLICATION sampler_pub FOR ALL TABLES");
            s.commit();
        }
        try (Connection replication = replicationConnection("zdm-sync-test")) {
            PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                    .logical().withSlotName(slot).withSlotOption("proto_version", 1)
                    .withSlotOption("publication_names", "sampler_pub").start();

            Readings readings = await().atMost(Duration.ofSeconds(10)).until(() -> await(sampler.sample()),
                    r -> r.replication().replicas().stream().anyMatch(x -> x.name().equals("zdm-sync-test")));

            ReplicaLag consumer = readings.replication().replicas().stream()
                    .filter(x -> x.name().equals("zdm-sync-test")).findFirst().orElseThrow();
            assertThat(consumer.logical()).isTrue();
            assertThat(consumer.slotName()).isEqualTo(slot);
            assertThat(consumer.state()).isIn("startup", "catchup", "streaming");
            assertThat(readings.replication().physical()).noneMatch(x -> x.name().equals("zdm-sync-test"));
            SlotRetention retention = readings.slots().slots().stream()
                    .filter(x -> x.slotName().equals(slot)).findFirst().orElseThrow();
            assertThat(retention.active()).isTrue();
            assertThat(retention.activePid()).isNotNull();
            stream.close();
        }
    }

    private Connection replicationConnection(String applicationName) throws Exception {
        Properties props = new Properties();
        PGProperty.USER.set(props, infra.pg().user());
        PGProperty.PASSWORD.set(props, infra.pg().password());
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PGProperty.APPLICATION_NAME.set(props, applicationName);
        return DriverManager.getConnection(
                "jdbc:postgresql://" + infra.pg().host() + ":" + infra.pg().port() + "/" + infra.database(), props);
    }
}
