package dev.zdm.runtime.serde;

import dev.zdm.events.CircuitBreakerEvent;
import dev.zdm.events.ControlCommand;
import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.MigrationRejected;
import dev.zdm.events.MigrationRequested;
import dev.zdm.events.PhaseCommand;
import dev.zdm.events.PhaseResult;
import dev.zdm.events.ProgressEvent;
import dev.zdm.events.SyncCommand;
import dev.zdm.events.SyncStatus;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The top-level event classes, one per {@code .avsc} of the schemas module. */
public final class EventTypes {
    public static final List<Class<? extends SpecificRecord>> ALL = List.of(
            MigrationRequested.class, MigrationPlanned.class, MigrationRejected.class, PhaseCommand.class,
            PhaseResult.class, SyncCommand.class, SyncStatus.class, ProgressEvent.class, DeploymentEvent.class,
            CircuitBreakerEvent.class, ControlCommand.class);

    private EventTypes() {
    }
}
