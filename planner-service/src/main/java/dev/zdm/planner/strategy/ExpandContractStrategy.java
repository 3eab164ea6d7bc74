package dev.zdm.planner.strategy;

import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.parse.Token;
import dev.zdm.planner.parse.TokenType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;


import static dev.zdm.planner.strategy.SqlText.q;

/**
 * Dropping a column or table the running application still uses: deprecate it (a comment and a
 * {@code _migration_deprecations} row), wait for the deployment that stops using it, archive its
 * data into the zdm schema, then drop it with lock_timeout. The author's own deprecation comment
 * and deprecation row (the strategy guide's hand-written expand phase) are folded into the
 * deprecate phase.
 */
final class ExpandContractStrategy implements Strategy {

    @Override
    public String name() {
        return "expand-contract";
    }

    @Override
    public List<Claim> claim(ClaimBoard board) {
        List<Claim> out = new ArrayList<>();
        Set<StatementAnalysis> taken = new HashSet<>();
        for (StatementAnalysis drop : board.eligible(this, s -> s.breaksRunningApp() && isDrop(s))) {
            List<StatementAnalysis> group = new ArrayList<>(List.of(drop));
            for (Change c : drop.changes()) {
                String column = c instanceof Change.DropColumn d ? d.column() : null;
                board.eligible(this, s -> !taken.contains(s) && s.index() < drop.index() && marksDeprecated(s, c.table(), column))
                        .forEach(group::add);
            }
            taken.addAll(group);
            out.add(board.claim(this, drop, group));
        }
        return out;
    }

    @Override
    public void plan(Claim claim, PlanBuilder plan) {
        List<Change> drops = claim.anchor().changes().stream()
                .filter(c -> c instanceof Change.DropColumn || c instanceof Change.DropTable).toList();
        PhaseBuilder deprecate = plan.db("deprecate", claim);
        for (Change c : drops) {
            String column = c instanceof Change.DropColumn d ? d.column() : null;
            String text = claim.statements().stream().map(s -> s.change(Change.Comment.class)).flatMap(java.util.Optional::stream)
                    .filter(m -> m.table().equals(c.table()) && java.util.Objects.equals(m.column(), column)).map(Change.Comment::text)
                    .findFirst().orElse("DEPRECATED: will be removed by zdm after the application stops using it");
            deprecate.sql(comment(c.table(), column, SqlText.lit(text)))
                    .sql(ControlTables.deprecate(c.table(), column, claim.context().removalDays()));
        }
        for (Change c : drops) {
            String column = c instanceof Change.DropColumn d ? d.column() : null;
            deprecate.undoSql(ControlTables.undeprecate(c.table(), column)).undoSql(comment(c.table(), column, "NULL"));
        }
        deprecate.add();
        plan.app("stop-using " + drops.stream().map(ExpandContractStrategy::describe).collect(Collectors.joining(", ")),
                claim, claim.context().gate(0));
        PhaseBuilder contract = plan.db("contract", claim).pointOfNoReturn();
        for (Change c : drops) {
            if (c instanceof Change.DropColumn d) {
                String keys = claim.context().keyColumns(d.table()).stream().map(SqlText::q).collect(Collectors.joining(", "));
                contract.sql("CREATE TABLE IF NOT EXISTS " + ControlTables.archiveTable(d.table(), d.column())
                                + " AS SELECT " + keys + ", " + q(d.column()) + " FROM " + d.table().sql())
                        .sql("ALTER TABLE " + d.table().sql() + " DROP COLUMN IF EXISTS " + q(d.column()));
            } else {
                contract.sql("CREATE TABLE IF NOT EXISTS " + ControlTables.archiveTable(c.table(), null) + " AS TABLE " + c.table().sql())
                        .sql("DROP TABLE IF EXISTS " + c.table().sql());
            }
        }
        contract.add();
    }

    private static boolean isDrop(StatementAnalysis s) {
        return s.changes().stream().anyMatch(c -> c instanceof Change.DropColumn || c instanceof Change.DropTable);
    }

    /** The author's own COMMENT ... 'DEPRECATED ...' or INSERT INTO _migration_deprecations for the same object. */
    private static boolean marksDeprecated(StatementAnalysis s, TableName table, String column) {
        if (s.change(Change.Comment.class).isPresent()) {
            Change.Comment c = s.change(Change.Comment.class).get();
            return c.table().equals(table) && java.util.Objects.equals(c.column(), column) && c.text() != null
                    && c.text().toLowerCase(Locale.ROOT).contains("deprecat");
        }
        return s.change(Change.Dml.class).filter(d -> d.verb().equals("insert") && d.table().name().equals("_migration_deprecations"))
                .map(d -> names(s, table, column)).orElse(false);
    }

    private static boolean names(StatementAnalysis s, TableName table, String column) {
        List<String> strings = dev.zdm.planner.analyze.SqlTokens.of(s.sql()).remaining().stream()
                .filter(t -> t.type() == TokenType.STRING).map(Token::value).toList();
        return !strings.isEmpty() && strings.get(0).equals(table.name())
                && (column == null || (strings.size() > 1 && strings.get(1).equals(column)));
    }

    private static String comment(TableName table, String column, String text) {
        return "COMMENT ON " + (column == null ? "TABLE " + table.sql() : "COLUMN " + table.sql() + "." + q(column)) + " IS " + text;
    }

    private static String describe(Change c) {
        return c instanceof Change.DropColumn d ? d.table() + "." + d.column() : c.table().toString();
    }

}
