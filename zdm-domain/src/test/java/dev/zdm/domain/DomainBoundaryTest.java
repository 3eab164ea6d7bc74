package dev.zdm.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DomainBoundaryTest {
    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zdm.domain");

    @Test
    void the_domain_knows_no_transport_database_or_generated_event() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.apache.kafka..", "java.sql..",
                        "org.postgresql..", "dev.zdm.events..", "org.apache.avro..", "dev.zdm.runtime..")
                .because("the plan model is pure data shared by every service; messaging packages map it to events at the edge")
                .check(domain);
    }
}
