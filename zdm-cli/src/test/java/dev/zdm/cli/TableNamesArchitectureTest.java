package dev.zdm.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Table names cross every service as {@link dev.zdm.domain.sql.TableName} (schema and name, exact),
 * never as {@code schema.name} text: text is ambiguous for names with a dot, a quote or mixed case,
 * and each service used to read it back its own way. This module sees every service, so the rule is
 * checked here over all of them. Records' components are fields, so the rule covers their APIs.
 */
class TableNamesArchitectureTest {
    private static final JavaClasses ZDM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zdm");

    @Test
    void no_service_carries_a_table_name_as_a_string() {
        noFields().that().areNotStatic().and().haveNameMatching("(?i)(.*table|blue|green|retired)")
                .and().areDeclaredInClassesThat().resideOutsideOfPackages("dev.zdm.events..")
                .should().haveRawType(String.class)
                .because("a table name is a TableName, made once from the parser's tokens or the catalog and quoted only "
                        + "where SQL is written; as text it would be parsed back, and text cannot tell \"Twin\" from twin")
                .check(ZDM);
    }
}
