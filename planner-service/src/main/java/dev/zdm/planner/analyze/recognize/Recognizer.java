package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;

import java.util.Optional;

/**
 * Recognizes one family of statements.
 *
 * <p>Contract: return empty when the statement is not of this family (decided from its leading
 * key words, without side effects); otherwise return what it does. A statement of the family in a
 * form the recognizer does not know returns an effect of kind
 * {@link dev.zdm.planner.analyze.StatementKind#UNKNOWN} with a finding, never a guess. Recognizers
 * are stateless and thread-safe; {@code schema} is read, never changed.
 */
public interface Recognizer {

    /**
     * @param sql    a fresh cursor at the statement's first token
     * @param schema the schema as it will be when the statement runs
     */
    Optional<Effect> recognize(SqlTokens sql, SchemaView schema);
}
