package dev.zdm.sync.apply;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.GrowingTable;
import dev.zdm.infra.load.Workload;
import dev.zdm.sync.db.Catalog;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The blue-green initial copy against a table that never stops getting inserts. */
@ExtendWith(ZdmInfraExtension.class)
class InitialCopyIT {
    private static final int ROWS = 20_000;
    /** Application connections inserting as fast as they can: enough that there is always a newer row than the last batch's. */
    private static final int INSERTERS = 4;

    @Test
    void finishes_while_the_application_keeps_inserting_and_copies_every_row_up_to_its_end(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE items_green (id bigint PRIMARY KEY, name text NOT NULL)");
        try (Connection c = db.connect(); GrowingTable items = new GrowingTable(db, ROWS, INSERTERS).start(100)) {
            Workload app = items.app();
            Link link = Link.of(SyncMode.BLUE_GREEN, Catalog.describe(c, TableName.of("items")), Catalog.describe(c, TableName.of("items_green")), List.of("id"),
                    Map.of("id", "id", "name", "name"));
            long before = app.writes();
            CompletableFuture<Long> copy = CompletableFuture.supplyAsync(() -> {
                try {
                    // each batch pauses as a session's does to record its cursor, so inserts land between batches
                    return new InitialCopy(link, new BatchSizer(5, 500, 100, 2_000)).run(c, null, () -> false, (key, rows, size) -> {
                        items.batchDone();
                        pause(10);
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // a copy that chased the newest key would never return while the inserts go on
            long copied = copy.get(60, TimeUnit.SECONDS);
            assertThat(app.writes()).as("the application inserted while the copy ran").isGreaterThan(before);
            assertThat(app.errors()).as("application errors: " + app.firstError()).isZero();

            // rows committed after the copy started are the stream's to carry (not running here); the copy owes the
            // rows committed before: the table's first ROWS, and at least 100 inserts more
            assertThat(copied).isEqualTo(db.count("SELECT count(*) FROM items_green")).isGreaterThanOrEqualTo(ROWS + 100);
            assertThat(copied).as("rows copied, bounded by the end key read at the start").isLessThanOrEqualTo(items.mostRowsOwed());
            assertThat(items.seededRowsMissingFrom("items_green", "g.name = s.name")).as("rows of the table as it was missing from the target").isZero();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
