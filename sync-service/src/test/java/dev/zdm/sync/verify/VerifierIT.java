package dev.zdm.sync.verify;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import dev.zdm.sync.apply.Link;
import dev.zdm.sync.db.Catalog;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verify against real tables: ranges in key order (numeric keys across a change of digit count), a
 * mismatch that names its range and its first differing key, rows the target has past the source's end.
 */
@ExtendWith(ZdmInfraExtension.class)
class VerifierIT {
    private static final Map<String, String> MAPPING = Map.of("id", "id", "label", "upper(name)", "price", "price");
    private Db db;

    @BeforeEach
    void tables(TestInfra infra) {
        db = new Db(infra.jdbcUrl());
        db.exec("DROP TABLE IF EXISTS src, dst;"
                + "CREATE TABLE src (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2));"
                + "INSERT INTO src SELECT g, 'item ' || g, g / 3.0 FROM generate_series(1, 5000) g;"
                + "CREATE TABLE dst (id bigint PRIMARY KEY, label text NOT NULL, price numeric(12,2));"
                + "INSERT INTO dst SELECT id, upper(name), price FROM src");
    }

    @Test
    void equal_tables_verify_in_ranges_of_the_chunk_size_in_key_order() throws Exception {
        AtomicInteger drains = new AtomicInteger();
        try (Connection c = db.connect()) {
            Verifier.Result result = new Verifier(link(c), 1_000, 3).run(c, drains::incrementAndGet, rows -> { });
            assertThat(result.rows()).isEqualTo(5_000);
            // (start, 1000], (1000, 2000], ... (4000, 5000], then the open range past the source's last key;
            // ordered as text, the first range would have ended at 999
            assertThat(result.ranges()).isEqualTo(6);
            assertThat(result.rechecked()).isZero();
        }
        assertThat(drains.get()).isZero();
    }

    @Test
    void a_range_that_keeps_differing_fails_naming_the_range_and_its_first_differing_key() throws Exception {
        db.exec("UPDATE dst SET label = 'WRONG' WHERE id IN (998, 1000)");
        AtomicInteger drains = new AtomicInteger();
        try (Connection c = db.connect()) {
            ZdmException e = catchThrowableOfType(ZdmException.class, () -> new Verifier(link(c), 1_000, 3).run(c, drains::incrementAndGet, rows -> { }));
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFY_MISMATCH);
            assertThat(e.getMessage()).contains("[id] in (start, 1000]").contains("first differing key: 998")
                    .contains("source 1000 rows").contains("target 1000 rows");
        }
        assertThat(drains.get()).as("the sync is drained between checks").isEqualTo(2);
    }

    @Test
    void rows_the_target_has_past_the_source_end_and_rows_it_lacks_are_caught() throws Exception {
        db.exec("INSERT INTO dst VALUES (7000, 'EXTRA', 1)");
        try (Connection c = db.connect()) {
            ZdmException extra = catchThrowableOfType(ZdmException.class, () -> new Verifier(link(c), 1_000, 1).run(c, () -> { }, rows -> { }));
            assertThat(extra.getMessage()).contains("[id] in (5000, end]").contains("(checked once)").contains("target 1 rows").contains("first differing key: 7000");
        }
        db.exec("DELETE FROM dst WHERE id IN (7000, 4321)");
        try (Connection c = db.connect()) {
            ZdmException missing = catchThrowableOfType(ZdmException.class, () -> new Verifier(link(c), 1_000, 1).run(c, () -> { }, rows -> { }));
            assertThat(missing.getMessage()).contains("[id] in (4000, 5000]").contains("target 999 rows").contains("first differing key: 4321");
        }
    }

    private static Link link(Connection c) throws Exception {
        return Link.of(SyncMode.BLUE_GREEN, Catalog.describe(c, TableName.of("src")), Catalog.describe(c, TableName.of("dst")), List.of("id"), MAPPING);
    }
}
