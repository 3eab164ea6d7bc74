package dev.zdm.executor.batch;

import dev.zdm.domain.sql.Identifiers;
import java.util.Objects;

/**
 * The column a backfill walks in order, with its type as the catalog spells it.
 *
 * @param name    column name (exact)
 * @param sqlType {@code format_type()} of the column, e.g. {@code bigint}, {@code uuid}, {@code text}
 * @param numeric true when the type is in PostgreSQL's numeric category, so a share of the key range
 *                can be computed by arithmetic
 */
public record KeyColumn(String name, String sqlType, boolean numeric) {
    public KeyColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sqlType, "sqlType");
    }

    /** The column name as SQL. */
    public String sql() {
        return Identifiers.quote(name);
    }

    /**
     * A parameter carried as text and cast to the key's type on the server, e.g.
     * {@code $1::text::bigint}. Keys travel as text so one code path serves every ordered type.
     */
    public String param(int index) {
        return "$" + index + "::text::" + sqlType;
    }
}
