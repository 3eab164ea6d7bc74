package dev.zdm.executor.gate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class GateArchitectureTest {
    private final JavaClasses executor = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zdm.executor");

    @Test
    void theGateIsPureDecisionLogic() {
        noClasses().that().resideInAPackage("dev.zdm.executor.gate..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.apache.kafka..", "java.sql..", "dev.zdm.events..")
                .because("throttle decisions are pure functions of readings; collecting them is the caller's job (STYLE: collect apart from decide)")
                .check(executor);
    }

    @Test
    void theGateDoesNotKnowAboutBatches() {
        noClasses().that().resideInAPackage("dev.zdm.executor.gate..")
                .should().dependOnClassesThat().resideInAPackage("dev.zdm.executor.batch..")
                .because("the gate serves any batched work (backfills, copies); batches depend on the gate, never the reverse")
                .check(executor);
    }
}
