package dev.zdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dual-write and blue-green through the whole pipeline (planner, executor, sync with Debezium, monitor)
 * while an application keeps writing: each ends with the new shape holding exactly what the
 * application last wrote, and no replication slot or publication left behind.
 */
@ExtendWith(ZdmInfraExtension.class)
class SyncPipelineIT {
    private TestInfra infra;
    private TestPipeline zdm;

    @BeforeEach
    void start(TestInfra infra) throws Exception {
        this.infra = infra;
        TestPipeline.exec(infra, "DROP SCHEMA IF EXISTS zdm CASCADE");
        zdm = new TestPipeline(infra);
    }

    @AfterEach
    void stop() {
        if (zdm != null) zdm.close();
    }

    @Test
    void a_column_renamed_by_dual_write_under_concurrent_writes_keeps_every_last_write() throws Exception {
        zdm.exec("DROP TABLE IF EXISTS orders; CREATE TABLE orders (id bigserial PRIMARY KEY, user_email varchar(255), price int);"
                + "INSERT INTO orders (user_email, price) SELECT 'u' || g || '@example.com', g FROM generate_series(1, 20000) g");
        String sql = """
                -- @metadata {"zeroDowntime": true, "service": "shop", "deploymentVersions": ["v1.1", "v1.2"]}
                ALTER TABLE orders RENAME COLUMN user_email TO customer_email;
                """;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        Thread app = writer(writing, writes, "UPDATE orders SET user_email = 'w' || ? || '@example.com' WHERE id = ?", 20_000);
        zdm.submit("rename-1", sql);
        zdm.await("rename-1", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("shop@v1.1"));
        writing.set(false);
        app.join();
        // what the old application wrote last, per row: the new column must end with exactly this
        String expected = zdm.query("SELECT md5(string_agg(id || ':' || coalesce(user_email, ''), ',' ORDER BY id)) FROM orders");
        zdm.deployed("shop", "v1.1");
        zdm.await("rename-1", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("shop@v1.2"));
        zdm.deployed("shop", "v1.2");
        zdm.awaitCompleted("rename-1");

        assertThat(writes.get()).as("the application wrote during the sync").isGreaterThan(100);
        assertThat(zdm.query("SELECT md5(string_agg(id || ':' || coalesce(customer_email, ''), ',' ORDER BY id)) FROM orders")).isEqualTo(expected);
        assertThat(zdm.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'user_email'")).isEqualTo("0");
        assertNothingLeft();
    }

    @Test
    void a_table_restructured_by_blue_green_under_concurrent_writes_matches_its_source() throws Exception {
        zdm.exec("DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS users_old; DROP TABLE IF EXISTS users_green;"
                + "CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(255) NOT NULL, first_name text, last_name text, phone text, "
                + "created_at timestamptz DEFAULT now());"
                + "INSERT INTO users (email, first_name, last_name, phone) SELECT 'u' || g, 'F' || g, 'L' || g, '+1-' || g "
                + "FROM generate_series(1, 20000) g");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        Thread app = writer(writing, writes, "UPDATE users SET phone = 'p' || ? WHERE id = ?", 20_000);
        zdm.submit("bg-1", DemoCommand.resource("demo/06_restructure_users.sql"));
        zdm.await("bg-1", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("app@v1.1"));
        writing.set(false);
        app.join();
        String expected = zdm.query("SELECT md5(string_agg(id || ':' || email || ':' || jsonb_build_object('firstName', first_name, "
                + "'lastName', last_name, 'phone', phone)::text, ',' ORDER BY id)) FROM users");
        zdm.deployed("app", "v1.1");
        zdm.await("bg-1", e -> e.getState().equals("WAITING_DEPLOYMENT") && e.getMessage().contains("app@v1.2"));
        assertThat(zdm.query("SELECT md5(string_agg(id || ':' || email || ':' || profile::text, ',' ORDER BY id)) FROM users"))
                .as("after the switch, users is the green table with the blue data").isEqualTo(expected);
        zdm.deployed("app", "v1.2");
        zdm.awaitCompleted("bg-1");

        assertThat(writes.get()).isGreaterThan(100);
        assertThat(zdm.query("SELECT to_regclass('users_old') IS NULL")).isEqualTo("t");
        assertThat(zdm.query("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE '%users_old%'"))
                .as("the retired table is dropped, under whatever name the switch gave it").isEqualTo("0");
        assertNothingLeft();
    }

    private Thread writer(AtomicBoolean writing, AtomicLong writes, String sql, int rows) {
        Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); var ps = c.prepareStatement(sql)) {
                while (writing.get()) {
                    ps.setString(1, Long.toString(writes.get()));
                    ps.setLong(2, 1 + ThreadLocalRandom.current().nextInt(rows));
                    ps.executeUpdate();
                    writes.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "app-writer");
        t.start();
        return t;
    }

    private void assertNothingLeft() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        String left = "";
        while (System.currentTimeMillis() < deadline) {
            left = zdm.query("SELECT coalesce(string_agg(slot_name, ','), '') FROM pg_replication_slots")
                    + zdm.query("SELECT coalesce(string_agg(pubname, ','), '') FROM pg_publication");
            if (left.isEmpty()) return;
            Thread.sleep(200);
        }
        assertThat(left).as("replication slots and publications left behind").isEmpty();
    }

}
