package dev.zdm.sync.session;

import dev.zdm.domain.sql.TableName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.junit.TestInfra;
import dev.zdm.infra.junit.ZdmInfraExtension;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.Workload;
import dev.zdm.sync.testing.Harness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Restructure a table by blue-green through change capture: first/last name and phone folded into a
 * JSONB profile. Inserts, updates and deletes run throughout (during the initial copy too); green ends
 * equal to blue through the mapping; the switch holds writes only briefly and the application sees no
 * error across it; writes after the switch flow back to the retired table, so the rollback (a switch
 * back) keeps them; STOP leaves nothing behind.
 */
@ExtendWith(ZdmInfraExtension.class)
class BlueGreenIT {
    private static final String ID = "it-blue-green";
    private static final int ROWS = 10_000;
    static final Map<String, String> FORWARD = Map.of("id", "id", "email", "email", "created_at", "created_at",
            "profile", "jsonb_build_object('firstName', first_name, 'lastName', last_name, 'phone', phone)");
    static final Map<String, String> BACK = Map.of("id", "id", "email", "email", "created_at", "created_at",
            "first_name", "profile->>'firstName'", "last_name", "profile->>'lastName'", "phone", "profile->>'phone'");

    @Test
    void restructures_switches_and_rolls_back_without_losing_a_write(TestInfra infra) throws Exception {
        Db db = new Db(infra.jdbcUrl());
        db.exec("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, first_name text, last_name text, phone text,"
                + " created_at timestamptz NOT NULL DEFAULT now());"
                + "INSERT INTO users (email, first_name, last_name, phone) SELECT 'u' || g || '@example.com', 'F' || g, 'L' || g, '+1-' || g"
                + " FROM generate_series(1, " + ROWS + ") g;"
                + "CREATE TABLE users_green (id bigserial PRIMARY KEY, email text NOT NULL, profile jsonb NOT NULL DEFAULT '{}',"
                + " created_at timestamptz NOT NULL DEFAULT now())");
        try (Harness h = new Harness(infra)) {
            SyncSpec spec = new SyncSpec(ID, Harness.TARGET, SyncMode.BLUE_GREEN, TableName.of("users"), TableName.of("users_green"), List.of("id"), FORWARD, BACK);
            try (Workload app = new Workload(infra.jdbcUrl(), 4, 1_000, BlueGreenIT::oldShapeWrite).start()) {
                SyncReport started = h.ask(new SyncRequest.Start("p2", spec));
                assertThat(started.state()).as(String.valueOf(started.error())).isEqualTo(SyncState.STREAMING);
                assertThat(h.reports).extracting(SyncReport::state).contains(SyncState.COPYING);
                Thread.sleep(500);
                assertThat(app.errors()).as("application errors: " + app.firstError()).isZero();
            }
            assertThat(h.ask(new SyncRequest.Drain(ID, Harness.TARGET, "p3")).state()).isEqualTo(SyncState.CAUGHT_UP);
            assertThat(forwardDifferences(db, "users", "users_green")).isZero();
            SyncReport verified = h.ask(new SyncRequest.Verify(ID, Harness.TARGET, "p3", TableName.of("users"), TableName.of("users_green"), List.of("id"), FORWARD));
            assertThat(verified.state()).as(String.valueOf(verified.error())).isEqualTo(SyncState.VERIFIED);

            try (Workload app = new Workload(infra.jdbcUrl(), 4, 1_000, BlueGreenIT::bothShapesWrite).start()) {
                Thread.sleep(300);
                SyncReport switched = h.ask(new SyncRequest.Switch(ID, Harness.TARGET, "p4", TableName.of("users"), TableName.of("users_green"), "users_old"));
                assertThat(switched.state()).as(String.valueOf(switched.error())).isEqualTo(SyncState.SWITCHED);
                Thread.sleep(700);
                assertThat(app.errors()).as("application errors across the switch: " + app.firstError()).isZero();
            }
            assertThat(db.one("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'profile'"))
                    .isEqualTo("profile");
            db.exec("INSERT INTO users (email, profile) VALUES ('after-switch@example.com', '{\"firstName\": \"After\"}')");
            assertThat(h.ask(new SyncRequest.Drain(ID, Harness.TARGET, "p5")).state()).isEqualTo(SyncState.CAUGHT_UP);
            assertThat(db.one("SELECT first_name FROM users_old WHERE email = 'after-switch@example.com'")).isEqualTo("After");
            SyncReport back = h.ask(new SyncRequest.Verify(ID, Harness.TARGET, "p5", TableName.of("users"), TableName.of("users_old"), List.of("id"), BACK));
            assertThat(back.state()).as(String.valueOf(back.error())).isEqualTo(SyncState.VERIFIED);
            long afterSwitch = db.count("SELECT count(*) FROM users WHERE email LIKE 'b%' OR email LIKE 'after-%'");
            assertThat(afterSwitch).isPositive();

            SyncReport rolledBack = h.ask(new SyncRequest.Switch(ID, Harness.TARGET, "rollback-p4", TableName.of("users"), TableName.of("users_old"), "users_green"));
            assertThat(rolledBack.state()).as(String.valueOf(rolledBack.error())).isEqualTo(SyncState.SWITCHED);
            assertThat(db.one("SELECT first_name FROM users WHERE email = 'after-switch@example.com'")).isEqualTo("After");
            assertThat(db.count("SELECT count(*) FROM users WHERE email LIKE 'b%' OR email LIKE 'after-%'")).isEqualTo(afterSwitch);
            db.exec("UPDATE users SET phone = 'rolled-back' WHERE id = 1");
            assertThat(h.ask(new SyncRequest.Drain(ID, Harness.TARGET, "p6")).state()).isEqualTo(SyncState.CAUGHT_UP);
            assertThat(db.one("SELECT profile->>'phone' FROM users_green WHERE id = 1")).isEqualTo("rolled-back");
            // rows written to the new shape during the rollback window (profile '{}') only round-trip through the reverse mapping
            SyncReport again = h.ask(new SyncRequest.Verify(ID, Harness.TARGET, "p6", TableName.of("users_green"), TableName.of("users"), List.of("id"), BACK));
            assertThat(again.state()).as(String.valueOf(again.error())).isEqualTo(SyncState.VERIFIED);

            assertThat(h.ask(new SyncRequest.Stop(ID, Harness.TARGET, "p7")).state()).isEqualTo(SyncState.STOPPED);
            assertThat(db.zdmLeftovers()).isZero();
        }
    }

    /** Before the switch: updates of the old shape's columns, inserts, deletes. */
    static void oldShapeWrite(Connection c, SplittableRandom r) throws SQLException {
        int kind = r.nextInt(10);
        String sql = kind < 5 ? "UPDATE users SET first_name = ?, phone = ? WHERE id = ?"
                : kind < 8 ? "INSERT INTO users (email, first_name, last_name, phone) VALUES (?, ?, 'L', ?)"
                : "DELETE FROM users WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (kind < 5) {
                ps.setString(1, "F" + r.nextInt());
                ps.setString(2, "+9-" + r.nextInt(1000));
                ps.setLong(3, 1 + r.nextInt(ROWS));
            } else if (kind < 8) {
                ps.setString(1, "a" + r.nextInt() + "@example.com");
                ps.setString(2, "N" + r.nextInt());
                ps.setString(3, "+7-" + r.nextInt(1000));
            } else {
                ps.setLong(1, 2 + r.nextInt(ROWS - 1));
            }
            ps.executeUpdate();
        }
    }

    /** Across the switch: writes valid against both shapes (the columns they share). */
    static void bothShapesWrite(Connection c, SplittableRandom r) throws SQLException {
        int kind = r.nextInt(10);
        String sql = kind < 6 ? "UPDATE users SET email = ? WHERE id = ?" : kind < 9 ? "INSERT INTO users (email) VALUES (?)" : "DELETE FROM users WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (kind < 6) {
                ps.setString(1, "b" + r.nextInt() + "@example.com");
                ps.setLong(2, 2 + r.nextInt(ROWS));
            } else if (kind < 9) {
                ps.setString(1, "b" + r.nextInt() + "@example.com");
            } else {
                ps.setLong(1, 2 + r.nextInt(ROWS - 1));
            }
            ps.executeUpdate();
        }
    }

    /** Rows of {@code blue} and {@code green} that differ through the forward mapping, or exist on one side only. */
    static long forwardDifferences(Db db, String blue, String green) {
        return db.count("SELECT count(*) FROM (SELECT id, email, created_at, jsonb_build_object('firstName', first_name, 'lastName', last_name,"
                + " 'phone', phone) AS profile FROM " + blue + ") b FULL JOIN " + green + " g USING (id)"
                + " WHERE ROW(b.email, b.created_at, b.profile) IS DISTINCT FROM ROW(g.email, g.created_at, g.profile)");
    }
}
