package dev.zdm.sync.messaging;

import dev.zdm.runtime.messaging.StepMapper;
import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.events.SyncCommand;
import dev.zdm.events.SyncStatus;
import dev.zdm.sync.session.SyncReport;
import dev.zdm.sync.session.SyncRequest;
import dev.zdm.sync.session.SyncState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncEventsTest {

    private static SyncCommand.Builder command(String action) {
        return SyncCommand.newBuilder().setMigrationId("m1").setTarget("main").setPhaseId("p2").setAction(action).setMode("BLUE_GREEN")
                .setSourceRelation(StepMapper.toEvent(TableName.of("users"))).setTargetRelation(StepMapper.toEvent(TableName.of("users_green"))).setKeyColumns(List.of("id")).setMapping(Map.of("id", "id"))
                .setReverseMapping(Map.of("id", "id")).setIssuedAt(Instant.EPOCH);
    }

    @Test
    void each_action_becomes_its_request() {
        SyncRequest start = SyncEvents.toRequest(command("START").build());
        assertThat(start).isInstanceOfSatisfying(SyncRequest.Start.class, s -> {
            assertThat(s.spec().mode()).isEqualTo(SyncMode.BLUE_GREEN);
            assertThat(s.spec().sourceTable()).isEqualTo(TableName.of("users"));
            assertThat(s.phaseId()).isEqualTo("p2");
        });
        assertThat(SyncEvents.toRequest(command("drain").build())).isInstanceOf(SyncRequest.Drain.class);
        assertThat(SyncEvents.toRequest(command("REVERSE").build())).isInstanceOf(SyncRequest.Reverse.class);
        assertThat(SyncEvents.toRequest(command("STOP").build())).isInstanceOf(SyncRequest.Stop.class);
        assertThat(SyncEvents.toRequest(command("VERIFY").build())).isInstanceOfSatisfying(SyncRequest.Verify.class,
                v -> assertThat(v.targetTable()).isEqualTo(TableName.of("users_green")));
        assertThat(SyncEvents.toRequest(command("SWITCH").setMapping(Map.of("retiredName", "users_old")).build()))
                .isInstanceOfSatisfying(SyncRequest.Switch.class, s -> {
                    assertThat(s.blueTable()).isEqualTo(TableName.of("users"));
                    assertThat(s.greenTable()).isEqualTo(TableName.of("users_green"));
                    assertThat(s.retiredName()).isEqualTo("users_old");
                });
    }

    @Test
    void a_malformed_command_is_a_permanent_invalid_request() {
        assertThatThrownBy(() -> SyncEvents.toRequest(command("EXPLODE").build()))
                .isInstanceOfSatisfying(ZdmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> SyncEvents.toRequest(command("START").setMode("TRIGGERS").build()))
                .isInstanceOfSatisfying(ZdmException.class, e -> assertThat(e.retriable()).isFalse());
        assertThatThrownBy(() -> SyncEvents.toRequest(command("START").setSourceRelation(null).build()))
                .isInstanceOfSatisfying(ZdmException.class, e -> assertThat(e.getMessage()).contains("lacks sourceRelation", "re-plan"));
    }

    @Test
    void a_report_becomes_a_status_with_its_error() {
        SyncReport failed = new SyncReport("m1", "p4", SyncState.FAILED, "zdm_m1", 12, 345, 6789, 10, false,
                new ZdmException(ErrorCode.VERIFY_MISMATCH, "differ", "users_green"), 1_000);
        SyncStatus status = SyncEvents.toStatus(failed);
        assertThat(status.getState()).isEqualTo("FAILED");
        assertThat(status.getPhaseId()).isEqualTo("p4");
        assertThat(status.getLagMs()).isEqualTo(12);
        assertThat(status.getRetainedWalBytes()).isEqualTo(6789);
        assertThat(status.getError().getCode()).isEqualTo("ZDM-VERIFY-MISMATCH");
        assertThat(status.getError().getRetriable()).isFalse();
    }
}
