package dev.zdm.planner.strategy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.Change;
import dev.zdm.planner.analyze.SqlTokens;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.planner.analyze.StatementKind;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables and columns of one blue-green restructure, read from its claim: green is the table
 * the claim creates; blue is the table green is renamed to, else the table the initial copy reads,
 * else green's name without {@code _green}; the retired name is what blue is renamed to, else
 * {@code <blue>_old}. The column mapping comes from metadata {@code mapping}, else from the
 * author's {@code INSERT INTO green (...) SELECT ... FROM blue}, else from the columns both share.
 *
 * @param reverse blue column to expression over green; null when some mapping is not a plain
 *                column (no reverse sync then: the switch becomes a point of no return)
 */
record BlueGreenShape(TableName blue, TableName green, TableName retired, Change.CreateTable create,
                      Map<String, String> mapping, Map<String, String> reverse, List<String> keys) {

    static BlueGreenShape of(Claim claim) {
        Change.CreateTable create = claim.anchor().change(Change.CreateTable.class).orElseThrow();
        TableName green = create.table();
        TableName blue = renameOf(claim, green).map(green::withName)
                .or(() -> copy(claim, green).flatMap(c -> c.tables().stream().filter(t -> !t.equals(green)).findFirst()))
                .orElse(green.withName(green.name().replaceAll("_green$", "")));
        if (blue.equals(green)) throw refuse(claim, "cannot tell which table " + green + " replaces; name it <table>_green or rename it in the migration");
        TableName retired = renameOf(claim, blue).map(blue::withName).orElse(blue.withName(blue.name() + "_old"));
        Map<String, String> mapping = mapping(claim, green, blue, create);
        Map<String, String> reverse = reverse(mapping, claim.context().catalog().table(blue));
        return new BlueGreenShape(blue, green, retired, create, mapping, reverse, keys(create, claim, blue));
    }

    /**
     * Blue column to expression over green: a plain column maps back to itself; a green JSONB column
     * built by {@code jsonb_build_object('k', column, ...)} of plain columns maps each column back to
     * {@code (green->>'k')}, cast to the blue column's type when the catalog knows it. Null when any
     * mapping is another expression (no reverse sync then).
     */
    static Map<String, String> reverse(Map<String, String> mapping, Optional<TableStats> blue) {
        Map<String, String> reverse = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            SqlTokens expr = SqlTokens.of(e.getValue());
            String column = expr.name();
            if (column != null && expr.atEnd()) {
                reverse.put(column, SqlText.q(e.getKey()));
                continue;
            }
            Map<String, String> fromJson = JsonObjectMapping.reverse(e.getKey(), e.getValue(), blue);
            if (fromJson == null) return null;
            reverse.putAll(fromJson);
        }
        return reverse;
    }

    /** The new name the claim gives {@code table} by {@code ALTER TABLE table RENAME TO x}. */
    private static Optional<String> renameOf(Claim claim, TableName table) {
        return claim.statements().stream().map(s -> s.change(Change.RenameTable.class)).flatMap(Optional::stream)
                .filter(r -> r.table().equals(table)).map(Change.RenameTable::newName).findFirst();
    }

    /** The author's initial copy {@code INSERT INTO green ... SELECT ... FROM blue}. */
    static Optional<StatementAnalysis> copy(Claim claim, TableName green) {
        return claim.statements().stream().filter(s -> s.kind() == StatementKind.INSERT)
                .filter(s -> s.change(Change.Dml.class).map(d -> d.table().equals(green)).orElse(false)).findFirst();
    }

    private static Map<String, String> mapping(Claim claim, TableName green, TableName blue, Change.CreateTable create) {
        if (claim.metadata().mapping() != null) return new LinkedHashMap<>(claim.metadata().mapping());
        Optional<Map<String, String>> fromCopy = copy(claim, green).map(s -> fromInsertSelect(s.sql()));
        if (fromCopy.isPresent() && !fromCopy.get().isEmpty()) return fromCopy.get();
        Optional<TableStats> live = claim.context().catalog().table(blue);
        Map<String, String> shared = new LinkedHashMap<>();
        live.ifPresent(b -> create.columns().stream().map(ColumnInfo::name).filter(n -> b.column(n).isPresent())
                .forEach(n -> shared.put(n, SqlText.q(n))));
        if (shared.isEmpty()) {
            throw refuse(claim, "no column mapping from " + blue + " to " + green + ": add \"mapping\": {\"green_column\": \"expression over "
                    + blue + "\", ...} to the metadata, or an INSERT INTO " + green + " (...) SELECT ... FROM " + blue);
        }
        return shared;
    }

    /** {@code INSERT INTO g (a, b) SELECT x, f(y) FROM t} gives {@code a -> x, b -> f(y)}. */
    static Map<String, String> fromInsertSelect(String sql) {
        SqlTokens t = SqlTokens.of(sql);
        t.accept("insert", "into");
        t.tableName();
        String columns = t.parenthesized();
        if (columns == null || !t.accept("select")) return Map.of();
        String select = t.textUntil("from");
        List<SqlTokens> targets = SqlTokens.of(columns).splitTopLevel();
        List<SqlTokens> values = SqlTokens.of(select).splitTopLevel();
        if (targets.size() != values.size()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) out.put(targets.get(i).name(), values.get(i).rest().replaceAll("\\s+", " "));
        return out;
    }

    private static List<String> keys(Change.CreateTable create, Claim claim, TableName blue) {
        return create.constraints().stream().filter(c -> c.type() == ConstraintInfo.Type.PRIMARY_KEY).findFirst()
                .map(c -> List.of(c.definition().replaceAll("(?i)^primary key\\s*\\((.*)\\)$", "$1").split("\\s*,\\s*")))
                .orElseGet(() -> claim.context().keyColumns(blue));
    }

    static ZdmException refuse(Claim claim, String why) {
        return new ZdmException(ErrorCode.INVALID_REQUEST, "blue-green refused: " + why, claim.anchor().statement().position().toString());
    }

}
