package dev.zdm.monitor.probe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.zdm.monitor.probe.ReadingsFixtures.MIB;
import static dev.zdm.monitor.probe.ReadingsFixtures.app;
import static dev.zdm.monitor.probe.ReadingsFixtures.slot;
import static dev.zdm.monitor.probe.ReadingsFixtures.slots;
import static dev.zdm.monitor.probe.ReadingsFixtures.waiting;
import static dev.zdm.monitor.probe.ReadingsFixtures.zdm;
import static org.assertj.core.api.Assertions.assertThat;

class ProbeMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProbeMetrics metrics = new ProbeMetrics(registry);

    @Test
    void everyReadingIsAGaugeTaggedByTarget() {
        Readings readings = ReadingsFixtures.locks(waiting(app(1), 2_500, zdm(9)), waiting(app(2), 100, app(3)))
                .withSlots(slots(slot("zdm_a", true, 5 * MIB)).slots())
                .withReplication(ReadingsFixtures.replicas(ReadingsFixtures.physicalReplica("r1", 1_500, MIB)).replication())
                .withOldestTransaction(ReadingsFixtures.transactions(61_000L, null).oldestTransaction())
                .withConnections(new ConnectionReading(45, 100, 3));

        metrics.record(readings);

        assertThat(gauge("zdm.monitor.lock.waiting", "target", "orders")).isEqualTo(2);
        assertThat(gauge("zdm.monitor.lock.wait.longest", "target", "orders")).isEqualTo(2.5);
        assertThat(gauge("zdm.monitor.lock.waiting.behind.zdm", "target", "orders")).isEqualTo(1);
        assertThat(gauge("zdm.monitor.slot.retained.wal", "slot", "zdm_a")).isEqualTo(5 * MIB);
        assertThat(gauge("zdm.monitor.slot.active", "slot", "zdm_a")).isEqualTo(1);
        assertThat(registry.get("zdm.monitor.replication.lag").tags("replica", "r1", "kind", "replay").gauge().value()).isEqualTo(1.5);
        assertThat(gauge("zdm.monitor.replication.behind", "replica", "r1")).isEqualTo(MIB);
        assertThat(gauge("zdm.monitor.transaction.oldest.age", "origin", "application")).isEqualTo(61);
        assertThat(gauge("zdm.monitor.transaction.oldest.age", "origin", "zdm")).isEqualTo(0);
        assertThat(gauge("zdm.monitor.connections.usage", "target", "orders")).isEqualTo(0.45);
    }

    @Test
    void aGaugeFollowsTheLatestSampleAndAVanishedSlotLosesItsGauges() {
        metrics.record(slots(slot("zdm_a", true, 10), slot("zdm_b", false, 20)));
        metrics.record(slots(slot("zdm_a", false, 30)));

        assertThat(gauge("zdm.monitor.slot.retained.wal", "slot", "zdm_a")).isEqualTo(30);
        assertThat(gauge("zdm.monitor.slot.active", "slot", "zdm_a")).isEqualTo(0);
        assertThat(registry.find("zdm.monitor.slot.retained.wal").tag("slot", "zdm_b").gauge()).isNull();
    }

    @Test
    void targetsAreKeptApartAndCanBeForgotten() {
        metrics.record(slots(slot("zdm_a", true, 10)));
        metrics.record(Readings.quiet("billing", ReadingsFixtures.T0).withSlots(new SlotRetentionReading(
                List.of(slot("zdm_a", true, 99)))));

        assertThat(registry.get("zdm.monitor.slot.retained.wal").tags("target", "orders").gauge().value()).isEqualTo(10);
        assertThat(registry.get("zdm.monitor.slot.retained.wal").tags("target", "billing").gauge().value()).isEqualTo(99);

        metrics.forget("orders");

        assertThat(registry.find("zdm.monitor.lock.waiting").tag("target", "orders").gauge()).isNull();
        assertThat(registry.find("zdm.monitor.lock.waiting").tag("target", "billing").gauge()).isNotNull();
    }

    @Test
    void aSecondInstanceOnTheSameRegistryShowsItsOwnValues() {
        metrics.record(slots(slot("zdm_a", true, 10)));
        ProbeMetrics restarted = new ProbeMetrics(registry);

        restarted.record(slots(slot("zdm_a", true, 42)));

        assertThat(gauge("zdm.monitor.slot.retained.wal", "slot", "zdm_a")).isEqualTo(42);
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }
}
