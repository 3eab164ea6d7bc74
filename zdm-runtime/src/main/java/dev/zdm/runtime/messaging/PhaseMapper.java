package dev.zdm.runtime.messaging;

import dev.zdm.domain.plan.DeploymentGate;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.events.DeploymentRef;
import java.util.Optional;

/** Maps domain {@link Phase}s to the Avro {@code Phase} and back. */
public final class PhaseMapper {
    private PhaseMapper() {
    }

    public static dev.zdm.events.Phase toEvent(Phase phase) {
        return dev.zdm.events.Phase.newBuilder()
                .setPhaseId(phase.id()).setIndex(phase.index()).setName(phase.name()).setStrategy(phase.strategy())
                .setKind(phase.kind().name())
                .setSteps(StepMapper.toEvents(phase.steps()))
                .setRollback(StepMapper.toEvents(phase.rollback()))
                .setWaitsFor(phase.waitsFor().map(g -> new DeploymentRef(g.service(), g.version())).orElse(null))
                .setPointOfNoReturn(phase.pointOfNoReturn())
                .build();
    }

    public static Phase fromEvent(dev.zdm.events.Phase e) {
        Optional<DeploymentGate> gate = Optional.ofNullable(e.getWaitsFor()).map(r -> new DeploymentGate(r.getService(), r.getVersion()));
        return new Phase(e.getPhaseId(), e.getIndex(), e.getName(), e.getStrategy(), PhaseKind.valueOf(e.getKind()),
                StepMapper.fromEvents(e.getSteps()), StepMapper.fromEvents(e.getRollback()), gate, e.getPointOfNoReturn());
    }
}
