package dev.zdm.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.DeploymentGate;
import dev.zdm.domain.plan.Phase;
import dev.zdm.domain.plan.PhaseKind;
import dev.zdm.domain.plan.Step;
import dev.zdm.domain.plan.SyncAction;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.domain.sql.TableName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepMapperTest {
    static final List<Step> EVERY_KIND = List.of(
            new Step.Sql("p0.s0", "ALTER TABLE users ADD COLUMN status text", true, 300, 5_000),
            new Step.Sql("p0.s1", "VACUUM users", false, 500, 0),
            new Step.Sql("p0.u1", "ALTER TABLE \"Twin\" DROP COLUMN IF EXISTS \"Keep me\"", true, 500, 0,
                    dev.zdm.domain.plan.Removes.column(TableName.of("Twin"), "Keep me")),
            new Step.Sql("p0.u2", "DROP INDEX CONCURRENTLY IF EXISTS ix", false, 500, 0, dev.zdm.domain.plan.Removes.index(new TableName("s", "ix"))),
            new Step.CreateIndexConcurrently("p1.s0", "public", "idx_orders_date", "CREATE INDEX CONCURRENTLY idx_orders_date ON orders(created_at)"),
            new Step.Backfill("p2.s0", TableName.of("users"), "id", "status = 'active'", "status IS NULL", new BatchOptions(5_000, 100, 3_600_000, 10)),
            new Step.Sync("p3.s0", SyncAction.START, SyncMode.BLUE_GREEN, TableName.of("users"), TableName.of("users_green"), List.of("id"),
                    Map.of("profile", "jsonb_build_object('firstName', first_name)"), Map.of("first_name", "profile->>'firstName'")),
            new Step.Copy("p3.s1", TableName.of("users"), TableName.of("users_green"), List.of("id"), Map.of("id", "id", "email", "lower(email)"),
                    new BatchOptions(1_000, 0, 0, 100)),
            new Step.Verify("p4.s0", TableName.of("users"), TableName.of("users_green"), List.of("id"), Map.of("email", "email")),
            new Step.Switch("p5.s0", TableName.of("users"), TableName.of("users_green"), "users_old"),
            new Step.FlagRollout("p6.s0", "new_search", 50, "migration_executor"));

    @Test
    void every_step_kind_survives_the_round_trip() {
        for (Step step : EVERY_KIND) {
            assertThat(StepMapper.fromEvent(StepMapper.toEvent(step))).as(step.id()).isEqualTo(step);
        }
    }

    @Test
    void a_phase_survives_the_round_trip_with_its_gate_and_rollback() {
        Phase phase = new Phase("p1", 1, "app reads new column", "dual-write", PhaseKind.APP, List.of(), List.of(),
                Optional.of(new DeploymentGate("checkout", "v1.1")), false);
        Phase db = new Phase("p0", 0, "expand", "dual-write", PhaseKind.DB, EVERY_KIND.subList(0, 2),
                List.of(Step.Sql.of("p0.u0", "ALTER TABLE users DROP COLUMN status")), Optional.empty(), true);
        assertThat(PhaseMapper.fromEvent(PhaseMapper.toEvent(phase))).isEqualTo(phase);
        assertThat(PhaseMapper.fromEvent(PhaseMapper.toEvent(db))).isEqualTo(db);
    }

    @Test
    void an_unknown_kind_is_refused_naming_the_step() {
        var event = dev.zdm.events.Step.newBuilder().setStepId("p9.s9").setKind("TELEPORT").build();
        assertThatThrownBy(() -> StepMapper.fromEvent(event)).isInstanceOf(ZdmException.class)
                .hasMessageContaining("p9.s9").hasMessageContaining("TELEPORT");
    }

    @Test
    void awkward_names_survive_the_round_trip_exactly() {
        TableName twin = new TableName("My Schema", "Twin.\"odd\"; name");
        TableName lower = new TableName("my schema", "twin");
        List<String> keys = List.of("Tenant, Id", "ключ");
        Step sync = new Step.Sync("p1.s0", SyncAction.START, SyncMode.DUAL_WRITE, twin, lower, keys, Map.of("a,b", "\"a,b\""), Map.of());
        Step copy = new Step.Copy("p1.s1", twin, lower, keys, Map.of("x", "x"), new BatchOptions(10, 0, 0, 100));
        Step back = StepMapper.fromEvent(StepMapper.toEvent(sync));
        assertThat(back).isEqualTo(sync);
        assertThat(((Step.Sync) back).sourceTable().name()).isEqualTo("Twin.\"odd\"; name");
        assertThat(((Step.Sync) back).keyColumns()).containsExactly("Tenant, Id", "ключ");
        assertThat(StepMapper.fromEvent(StepMapper.toEvent(copy))).isEqualTo(copy);
    }

    @Test
    void a_table_named_as_text_by_an_earlier_zdm_is_refused_with_what_to_do() {
        var event = dev.zdm.events.Step.newBuilder().setStepId("p2.s0").setKind("BACKFILL")
                .setParams(Map.of("table", "public.users", "keyColumn", "id")).build();
        assertThatThrownBy(() -> StepMapper.fromEvent(event)).isInstanceOf(ZdmException.class)
                .hasMessageContaining("p2.s0").hasMessageContaining("as text").hasMessageContaining("re-plan");
    }

    @Test
    void a_missing_parameter_is_refused_naming_it() {
        var event = dev.zdm.events.Step.newBuilder().setStepId("p2.s0").setKind("BACKFILL")
                .setTables(Map.of("table", StepMapper.toEvent(TableName.of("users")))).build();
        assertThatThrownBy(() -> StepMapper.fromEvent(event)).isInstanceOf(ZdmException.class).hasMessageContaining("lacks keyColumn");
    }
}
