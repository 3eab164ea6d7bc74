package dev.zdm.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sync service's boundaries, as rules that say why. */
class SyncArchitectureTest {
    private static final JavaClasses SYNC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zdm.sync");

    @Test
    void events_stay_at_the_edge() {
        noClasses().that().resideOutsideOfPackage("dev.zdm.sync.messaging..")
                .should().dependOnClassesThat().resideInAPackage("dev.zdm.events..")
                .because("generated Avro classes stay in the messaging edge; sessions speak SyncRequest and SyncReport")
                .check(SYNC);
    }

    @Test
    void the_sync_s_database_work_never_touches_the_event_loop() {
        noClasses().that().resideInAnyPackage("dev.zdm.sync.cdc..", "dev.zdm.sync.apply..", "dev.zdm.sync.verify..",
                        "dev.zdm.sync.switchover..", "dev.zdm.sync.session..", "dev.zdm.sync.db..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .because("capture, apply, verify and switch block on JDBC; they run on their own threads, and only the messaging "
                        + "edge meets Vert.x")
                .check(SYNC);
    }

    @Test
    void only_capture_knows_debezium() {
        noClasses().that().resideOutsideOfPackage("dev.zdm.sync.cdc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.debezium..", "org.apache.kafka.connect..")
                .because("capture turns Debezium's records into CapturedEvents; apply, verify and switch must not depend on the engine")
                .check(SYNC);
    }

    @Test
    void the_sql_builders_are_pure() {
        noClasses().that().haveSimpleName("ApplySql").or().haveSimpleName("VerifySql").or().haveSimpleName("ExpressionColumns")
                .or().haveSimpleName("BatchSizer").or().haveSimpleName("Gate")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.micrometer..")
                .because("they turn a link into SQL text or a decision, and are tested as tables without a database")
                .check(SYNC);
    }
}
