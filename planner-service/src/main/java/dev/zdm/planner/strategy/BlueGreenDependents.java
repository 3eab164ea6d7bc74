package dev.zdm.planner.strategy;

import dev.zdm.planner.catalog.Dependent;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;

import java.util.ArrayList;
import java.util.List;

import static dev.zdm.planner.strategy.SqlText.q;

/**
 * Objects that refer to blue by OID and would keep pointing at the retired table after the switch.
 * Foreign keys are re-created against the new table {@code NOT VALID} in the switch transaction and
 * validated after it; views and triggers are re-created from their definitions. Anything else
 * (policies, rules, publications) or a dependant without a definition refuses the strategy.
 */
final class BlueGreenDependents {
    private BlueGreenDependents() {
    }

    /** SQL run right after the rename, in the switch phase. */
    static List<String> repoint(Claim claim, BlueGreenShape x) {
        List<String> out = new ArrayList<>();
        for (Dependent d : dependents(claim, x)) {
            if (BlueGreenStrategy.refusesKind(d)) {
                throw BlueGreenShape.refuse(claim, d.kind().name().toLowerCase() + " " + d.name() + " depends on " + x.blue()
                        + (d.definition() == null ? " and its definition is unknown" : " and zdm cannot re-create it on the new table")
                        + "; drop it before the migration and re-create it after, or restructure with dual-write");
            }
            switch (d.kind()) {
                case FOREIGN_KEY -> out.add("ALTER TABLE " + d.owner().sql() + " DROP CONSTRAINT IF EXISTS " + q(d.name()) + ";\n"
                        + "ALTER TABLE " + d.owner().sql() + " ADD CONSTRAINT " + q(d.name()) + " " + d.definition() + " NOT VALID");
                case VIEW -> out.add("CREATE OR REPLACE VIEW " + d.owner().sql() + " AS " + d.definition());
                default -> out.add("DROP TRIGGER IF EXISTS " + q(d.name()) + " ON " + x.blue().sql() + ";\n" + d.definition());
            }
        }
        return out;
    }

    /** VALIDATE of the re-created foreign keys, after the switch. */
    static List<String> validate(Claim claim, BlueGreenShape x) {
        return dependents(claim, x).stream().filter(d -> d.kind() == Dependent.Kind.FOREIGN_KEY && d.definition() != null)
                .map(d -> "ALTER TABLE " + d.owner().sql() + " VALIDATE CONSTRAINT " + q(d.name())).toList();
    }

    private static List<Dependent> dependents(Claim claim, BlueGreenShape x) {
        return claim.context().catalog().table(x.blue()).map(TableStats::dependents).orElse(List.of());
    }

}
