package dev.zdm.infra.launch;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of the in-process broker: one node acting as broker and controller, listening on
 * loopback only, with every internal topic at replication factor 1 (there is no second broker).
 *
 * @param brokerPort     port of the client listener ({@code PLAINTEXT})
 * @param controllerPort port of the KRaft controller listener
 * @param logDir         folder of the partition logs and the metadata log
 */
record KafkaBrokerConfig(int brokerPort, int controllerPort, Path logDir) {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    String bootstrap() {
        return FreePorts.LOOPBACK + ":" + brokerPort;
    }

    Properties properties() {
        String host = FreePorts.LOOPBACK;
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        singleNodeInternalTopics(p);
        // tests start consumer groups constantly; the default 3 s delay before the first rebalance
        // would add 3 s to each of them
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        // fewer partitions for __consumer_offsets: creating 50 of them delays the first group by seconds
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        // small segments keep a long-running demo's disk use modest; retention stays the default
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        smallFootprint(p);
        return p;
    }

    /**
     * The broker shares a 2-core machine and a test JVM's heap with the code under test. The log
     * cleaner allocates its whole dedupe buffer up front (128 MB by default), and the default thread
     * pools are sized for a dedicated server.
     */
    private static void smallFootprint(Properties p) {
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("group.coordinator.threads", "2");
        p.put("share.coordinator.threads", "1");
    }

    private static void singleNodeInternalTopics(Properties p) {
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
    }
}
