package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

    private final KafkaBrokerConfig config = new KafkaBrokerConfig(41234, 41235, Path.of("/tmp/zdm-kafka-x/log-1"));

    @Test
    void isAValidSingleNodeCombinedKraftConfiguration() {
        KafkaConfig kafka = KafkaConfig.fromProps(config.properties());

        assertThat(kafka.nodeId()).isEqualTo(1);
        assertThat(kafka.processRoles().size()).isEqualTo(2);
        assertThat(kafka.controllerListenerNames()).containsExactly("CONTROLLER");
        assertThat(kafka.getShort("offsets.topic.replication.factor")).isEqualTo((short) 1);
        assertThat(kafka.getInt("group.initial.rebalance.delay.ms")).isZero();
    }

    @Test
    void listensOnLoopbackOnlyAndAdvertisesTheClientPort() {
        assertThat(config.properties())
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:41234,CONTROLLER://127.0.0.1:41235")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:41234")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:41235");
        assertThat(config.bootstrap()).isEqualTo("127.0.0.1:41234");
    }

    @Test
    void everyInternalTopicFitsOnOneBroker() {
        assertThat(config.properties())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1");
    }
}
