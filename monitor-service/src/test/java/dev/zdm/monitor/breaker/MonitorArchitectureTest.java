package dev.zdm.monitor.breaker;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class MonitorArchitectureTest {
    private static final JavaClasses MONITOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zdm.monitor.probe", "dev.zdm.monitor.breaker");

    @Test
    void probesDecideNothing() {
        noClasses().that().resideInAPackage("dev.zdm.monitor.probe..")
                .should().dependOnClassesThat().resideInAPackage("dev.zdm.monitor.breaker..")
                .because("probes collect readings; deciding is the breaker policy's job (collect apart from decide)")
                .check(MONITOR);
    }

    @Test
    void thePolicyTheChecksAndTheStateMachineArePure() {
        noClasses().that().resideInAPackage("dev.zdm.monitor.breaker.check..")
                .or().haveSimpleName("BreakerPolicy").or().haveSimpleName("BreakerMachine").or().haveSimpleName("Guard")
                .or().haveSimpleName("Decision")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "io.micrometer..")
                .orShould().dependOnClassesThat().belongToAnyOf(Clock.class)
                .because("decisions must be table-testable: the same readings and time give the same decision, with no I/O")
                .check(MONITOR);
    }

    @Test
    void eventsStayAtTheEdge() {
        noClasses().that().resideInAnyPackage("dev.zdm.monitor.probe..", "dev.zdm.monitor.breaker..")
                .should().dependOnClassesThat().resideInAPackage("dev.zdm.events..")
                .because("generated Avro classes stay in the messaging edge; the lead maps Transition to CircuitBreakerEvent")
                .check(MONITOR);
    }
}
