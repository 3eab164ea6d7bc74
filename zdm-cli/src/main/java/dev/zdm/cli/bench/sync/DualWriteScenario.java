package dev.zdm.cli.bench.sync;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.Workload;
import dev.zdm.sync.session.SyncSpec;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/** Rename {@code email} to {@code customer_email}: the strategy guide's dual-write. */
final class DualWriteScenario implements Scenario {
    @Override
    public String name() {
        return "dual-write (rename column)";
    }

    @Override
    public void create(Db db, String table, int rows) {
        db.exec("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (id bigserial PRIMARY KEY, email text, note text);"
                + "INSERT INTO " + table + " (email, note) SELECT 'u' || g || '@example.com', 'note ' || g FROM generate_series(1, " + rows + ") g;"
                + "ALTER TABLE " + table + " ADD COLUMN customer_email text; UPDATE " + table + " SET customer_email = email");
        db.exec("VACUUM ANALYZE " + table);
    }

    /** The guide's trigger as PostgreSQL needs it (a trigger calls a function), copying only when the old column changed. */
    @Override
    public void installTrigger(Db db, String table) {
        db.exec("CREATE OR REPLACE FUNCTION " + table + "_dual_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF TG_OP = 'INSERT' OR NEW.email IS DISTINCT FROM OLD.email THEN NEW.customer_email := NEW.email; END IF; "
                + "RETURN NEW; END $$; CREATE TRIGGER dual_write BEFORE INSERT OR UPDATE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION " + table + "_dual_write()");
    }

    @Override
    public SyncSpec spec(String migrationId, String target, String table) {
        return new SyncSpec(migrationId, target, SyncMode.DUAL_WRITE, TableName.of(table), TableName.of(table), List.of("id"), Map.of("customer_email", "email"),
                Map.of("email", "customer_email"));
    }

    @Override
    public Workload.Op write(String table, int rows) {
        return (c, r) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET email = ?, note = ? WHERE id = ?")) {
                ps.setString(1, "w" + r.nextInt() + "@example.com");
                ps.setString(2, "n" + r.nextInt());
                ps.setLong(3, 1 + r.nextInt(rows));
                ps.executeUpdate();
            }
        };
    }

    @Override
    public long wrongRows(Db db, String table) {
        return db.count("SELECT count(*) FROM " + table + " WHERE customer_email IS DISTINCT FROM email");
    }

    @Override
    public void drop(Db db, String table) {
        db.exec("DROP TABLE IF EXISTS " + table + "; DROP FUNCTION IF EXISTS " + table + "_dual_write()");
    }
}
