package dev.zdm.domain.plan;

import java.util.Objects;

/**
 * The application deployment a phase waits for: a {@code DeploymentEvent} with this service and
 * version releases it.
 */
public record DeploymentGate(String service, String version) {
    public DeploymentGate {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
    }

    /** True when a deployment of {@code service} at {@code version} satisfies this gate. */
    public boolean matches(String deployedService, String deployedVersion) {
        return service.equals(deployedService) && version.equals(deployedVersion);
    }

    @Override
    public String toString() {
        return service + "@" + version;
    }
}
