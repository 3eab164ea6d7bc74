package dev.zdm.infra.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Db#execRetryingConflicts} runs a statement again after PostgreSQL picks it as a deadlock victim. */
@ExtendWith(ZdmInfraExtension.class)
class DbIT {

    @Test
    void a_deadlock_victim_is_run_again_and_its_write_lands_once(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE pair (id int PRIMARY KEY, v int NOT NULL); INSERT INTO pair VALUES (1, 0), (2, 0)");
        long deadlocksBefore = db.count("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            // the other side never detects the deadlock, so the statement under test is the victim
            s.execute("SET LOCAL deadlock_timeout = '60s'");
            s.execute("UPDATE pair SET v = v + 1 WHERE id = 2");
            // a sequential scan of two rows locks row 1, then waits for row 2
            CompletableFuture<Void> victim = CompletableFuture.runAsync(() -> db.execRetryingConflicts("UPDATE pair SET v = v + 1 WHERE id IN (1, 2)"));
            awaitWaiting(db, victim);
            s.execute("UPDATE pair SET v = v + 1 WHERE id = 1");
            other.commit();
            victim.get(30, TimeUnit.SECONDS);
        }
        assertThat(db.count("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"))
                .as("a deadlock happened").isGreaterThan(deadlocksBefore);
        assertThat(db.one("SELECT string_agg(id || '=' || v, ',' ORDER BY id) FROM pair")).isEqualTo("1=2,2=2");
    }

    @Test
    void any_other_error_is_thrown_at_once_naming_the_statement(TestInfra infra) {
        Db db = new Db(infra.jdbcUrl());
        assertThatThrownBy(() -> db.execRetryingConflicts("UPDATE no_such_table SET v = 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UPDATE no_such_table SET v = 1")
                .hasMessageContaining("does not exist");
    }

    private static void awaitWaiting(Db db, CompletableFuture<Void> victim) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                + " AND query LIKE 'UPDATE pair SET v = v + 1 WHERE id IN%'") == 0) {
            assertThat(victim).as("the statement under test should wait for row 2").isNotDone();
            assertThat(System.nanoTime()).as("waiting for the lock wait").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
