package dev.zdm.planner.analyze.altertable;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.domain.sql.TableName;

import java.util.Optional;

/**
 * One family of ALTER TABLE subcommands. Contract as for
 * {@link dev.zdm.planner.analyze.recognize.Recognizer}: empty when the subcommand is not of this
 * family, else its effect on {@code table}; stateless.
 */
public interface AlterAction {

    /**
     * @param sub    a cursor at the subcommand's first token (e.g. {@code ADD})
     * @param table  the table being altered
     * @param schema the schema as it will be when the statement runs
     */
    Optional<Effect> apply(SqlTokens sub, TableName table, SchemaView schema);
}
