package dev.zdm.infra.launch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether a Docker engine answers, asked through Testcontainers. */
public final class DockerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DockerProbe.class);

    private DockerProbe() {
    }

    /**
     * True when Testcontainers finds a Docker engine. Answers false (in under a second) where there is
     * none, and also when Testcontainers is not on the classpath.
     */
    public static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Docker probe failed; treating Docker as unavailable", e);
            return false;
        }
    }
}
