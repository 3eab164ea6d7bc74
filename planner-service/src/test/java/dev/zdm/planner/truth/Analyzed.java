package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.MigrationAnalysis;
import dev.zdm.planner.analyze.MigrationAnalyzer;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.parse.SqlSplitter;

/** The analyzer's verdict on the last statement of a script, the statements before it building the schema. */
final class Analyzed {
    static final String SCHEMA = "CREATE TABLE t (id bigint PRIMARY KEY, a int, s varchar(20));\n"
            + "CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE c (id bigint PRIMARY KEY, p_id bigint);\n";

    private Analyzed() {
    }

    /** {@code statement} analyzed after {@link #SCHEMA}. */
    static StatementAnalysis last(String statement) {
        MigrationAnalysis analysis = new MigrationAnalyzer().analyze(SqlSplitter.split("test.sql", SCHEMA + statement), Catalog.empty());
        return analysis.statements().get(analysis.statements().size() - 1);
    }
}
