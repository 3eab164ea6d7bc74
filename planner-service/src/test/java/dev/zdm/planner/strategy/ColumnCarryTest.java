package dev.zdm.planner.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.ColumnInfo;
import dev.zdm.planner.catalog.ConstraintInfo;
import dev.zdm.planner.catalog.IndexInfo;
import dev.zdm.planner.catalog.TableStats;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a type change through a new column carries over, read from the catalog. */
class ColumnCarryTest {
    private static final TableName T = new TableName("public", "Meters");
    private static final TableStats LIVE = new TableStats("public", "Meters", 1_000_000, 1L << 30,
            List.of(new ColumnInfo("id", "bigint", true, null, null), new ColumnInfo("B", "integer", true, "5", null),
                    new ColumnInfo("b", "integer", false, null, null)),
            List.of(new IndexInfo("Meters_pkey", 0, true, true, "CREATE UNIQUE INDEX \"Meters_pkey\" ON public.\"Meters\" USING btree (id)", List.of("id")),
                    new IndexInfo("by B", 0, false, true, "CREATE INDEX \"by B\" ON public.\"Meters\" USING btree (\"B\", id)", List.of("B", "id")),
                    new IndexInfo("Meters_B_key", 0, true, true, "CREATE UNIQUE INDEX \"Meters_B_key\" ON public.\"Meters\" USING btree (\"B\")", List.of("B")),
                    new IndexInfo("by_b", 0, false, true, "CREATE INDEX by_b ON public.\"Meters\" USING btree (b)", List.of("b")),
                    new IndexInfo("partial", 0, false, true, "CREATE INDEX partial ON public.\"Meters\" USING btree (\"B\") WHERE (\"B\" > 0)", List.of())),
            List.of(new ConstraintInfo("Meters_pkey", ConstraintInfo.Type.PRIMARY_KEY, "PRIMARY KEY (id)", true, null),
                    new ConstraintInfo("B positive", ConstraintInfo.Type.CHECK, "CHECK ((\"B\" >= 0))", true, null),
                    new ConstraintInfo("b small", ConstraintInfo.Type.CHECK, "CHECK ((b < 10))", true, null),
                    new ConstraintInfo("Meters_B_key", ConstraintInfo.Type.UNIQUE, "UNIQUE (\"B\")", true, null)),
            List.of());

    @Test
    void default_not_null_checks_and_plain_indexes_of_the_column_are_carried_and_nothing_of_its_lowercase_twin() {
        ColumnCarry carry = ColumnCarry.of(T, "B", "B_new", true, Optional.of(LIVE));
        assertThat(carry.defaultExpression()).isEqualTo("5");
        assertThat(carry.notNull()).isTrue();
        assertThat(carry.checks()).containsExactly(new ColumnCarry.Check("B positive", "B positive_zdm_new", "CHECK ((\"B_new\" >= 0))"));
        assertThat(carry.indexes()).extracting(ColumnCarry.Index::name).containsExactly("by B", "Meters_B_key");
        assertThat(carry.indexes().get(0).createConcurrently())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"by B_zdm_new\" ON public.\"Meters\" USING btree (\"B_new\", id)");
        assertThat(carry.indexes().get(1).constraint()).isTrue();
        assertThat(carry.afterSwap()).hasSize(5);
        assertThat(carry.afterSwap().get(0)).isEqualTo("ALTER TABLE \"Meters\" ALTER COLUMN \"B\" SET NOT NULL");
        assertThat(carry.afterSwap().get(1)).isEqualTo("ALTER TABLE \"Meters\" DROP CONSTRAINT IF EXISTS \"Meters_B_new_not_null_zdm_new\"");
        assertThat(carry.afterSwap().get(2)).contains("RENAME CONSTRAINT \"B positive_zdm_new\" TO \"B positive\"");
        assertThat(carry.afterSwap().get(3)).isEqualTo("ALTER INDEX IF EXISTS \"by B_zdm_new\" RENAME TO \"by B\"");
        assertThat(carry.afterSwap().get(4)).contains("ADD CONSTRAINT \"Meters_B_key\" UNIQUE USING INDEX \"Meters_B_key_zdm_new\"");
    }

    @Test
    void a_foreign_key_from_the_column_and_its_comment_are_carried_and_the_referenced_column_keeps_its_name() {
        TableStats t = new TableStats("public", "meters", 10, 8192,
                List.of(new ColumnInfo("id", "bigint", true, null, null), new ColumnInfo("level", "integer", false, null, null, "the meter's level")),
                List.of(), List.of(new ConstraintInfo("meters_level_fkey", ConstraintInfo.Type.FOREIGN_KEY,
                        "FOREIGN KEY (level) REFERENCES levels(level)", true, new TableName("public", "levels"))), List.of());
        ColumnCarry carry = ColumnCarry.of(new TableName("public", "meters"), "level", "level_new", true, Optional.of(t));
        assertThat(carry.checks()).containsExactly(new ColumnCarry.Check("meters_level_fkey", "meters_level_fkey_zdm_new",
                "FOREIGN KEY (level_new) REFERENCES levels(level)"));
        assertThat(carry.afterSwap()).last().isEqualTo("COMMENT ON COLUMN meters.level IS 'the meter''s level'");
    }

    @Test
    void a_rename_carries_the_same_onto_the_new_name_and_column_grants_go_to_the_new_column_at_once() {
        TableStats t = new TableStats("public", "orders", 10, 8192,
                List.of(new ColumnInfo("id", "bigint", true, null, null), new ColumnInfo("user_email", "text", true, null, null, "who ordered",
                        List.of(new ColumnInfo.Grant("UPDATE", "shop app"), new ColumnInfo.Grant("SELECT", null)))),
                List.of(), List.of(), List.of());
        ColumnCarry carry = ColumnCarry.of(new TableName("public", "orders"), "user_email", "customer_email", false, Optional.of(t));
        assertThat(carry.grantsOnTarget()).containsExactly("GRANT UPDATE (customer_email) ON orders TO \"shop app\"",
                "GRANT SELECT (customer_email) ON orders TO PUBLIC");
        assertThat(carry.afterSwap()).containsExactly("ALTER TABLE orders ALTER COLUMN customer_email SET NOT NULL",
                "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_email_not_null_zdm_new",
                "COMMENT ON COLUMN orders.customer_email IS 'who ordered'");
    }

    @Test
    void a_table_named_like_the_column_and_a_function_named_like_it_stay() {
        assertThat(ColumnCarry.rename("CHECK ((lower(lower) <> ''::text))", "lower", "lower_new", 0))
                .isEqualTo("CHECK ((lower(lower_new) <> ''::text))");
        assertThat(ColumnCarry.temporary("x".repeat(63))).hasSize(63).endsWith("_zdm_new");
    }

    @Test
    void without_a_catalog_nothing_is_carried() {
        ColumnCarry carry = ColumnCarry.of(T, "B", "B_new", true, Optional.empty());
        assertThat(carry.afterSwap()).isEmpty();
        assertThat(carry.indexes()).isEmpty();
    }
}
