package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.InfraOptions;
import dev.zdm.infra.InfraOptions.Mode;
import dev.zdm.infra.launch.LaunchPlan.Kind;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LaunchPlanTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // mode, kafka external, pg external, docker answers, expected kafka, expected pg, docker asked
                Arguments.of(Mode.AUTO, false, false, false, Kind.EMBEDDED, Kind.EMBEDDED, 1),
                Arguments.of(Mode.AUTO, false, false, true, Kind.CONTAINER, Kind.CONTAINER, 1),
                Arguments.of(Mode.EMBEDDED, false, false, true, Kind.EMBEDDED, Kind.EMBEDDED, 0),
                Arguments.of(Mode.DOCKER, false, false, false, Kind.CONTAINER, Kind.CONTAINER, 0),
                Arguments.of(Mode.AUTO, true, true, true, Kind.EXTERNAL, Kind.EXTERNAL, 0),
                Arguments.of(Mode.DOCKER, true, true, true, Kind.EXTERNAL, Kind.EXTERNAL, 0),
                Arguments.of(Mode.AUTO, true, false, false, Kind.EXTERNAL, Kind.EMBEDDED, 1),
                Arguments.of(Mode.AUTO, false, true, true, Kind.CONTAINER, Kind.EXTERNAL, 1),
                Arguments.of(Mode.EMBEDDED, false, true, true, Kind.EMBEDDED, Kind.EXTERNAL, 0));
    }

    @ParameterizedTest(name = "{0} kafkaExternal={1} pgExternal={2} docker={3} -> {4}/{5}")
    @MethodSource("cases")
    void decides(Mode mode, boolean kafkaExternal, boolean pgExternal, boolean docker, Kind kafka, Kind pg,
                 int dockerProbes) {
        InfraOptions options = InfraOptions.defaults().withMode(mode);
        if (kafkaExternal) {
            options = options.withKafkaBootstrap("broker:9092");
        }
        if (pgExternal) {
            options = options.withPostgres("jdbc:postgresql://db:5432/postgres", "u", "p");
        }
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier probe = () -> {
            asked.incrementAndGet();
            return docker;
        };

        assertThat(LaunchPlan.of(options, probe)).isEqualTo(new LaunchPlan(kafka, pg));
        assertThat(asked).hasValue(dockerProbes);
    }
}
