package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.Findings;
import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.domain.sql.TableName;

/** The effect of a form zdm does not know: ACCESS EXCLUSIVE on what it names, assumed, and a finding. */
public final class Unknown {
    private Unknown() {
    }

    /**
     * @param what  the statement or subcommand text
     * @param table the table it names, or null
     */
    public static Effect effect(String what, TableName table) {
        String shown = what.length() > 200 ? what.substring(0, 197) + "..." : what;
        return Effect.builder(StatementKind.UNKNOWN).subject(table, LockMode.ACCESS_EXCLUSIVE).finding(Findings.unknown(shown)).build();
    }
}
