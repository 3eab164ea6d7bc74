package dev.zdm.cli.bench.sync;

import dev.zdm.domain.sql.TableName;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.infra.load.Db;
import dev.zdm.infra.load.Workload;
import dev.zdm.sync.session.SyncSpec;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/** Fold first/last name and phone into a JSONB profile: the strategy guide's blue-green. */
final class BlueGreenScenario implements Scenario {
    static final Map<String, String> FORWARD = Map.of("id", "id", "email", "email",
            "profile", "jsonb_build_object('firstName', first_name, 'lastName', last_name, 'phone', phone)");
    static final Map<String, String> BACK = Map.of("id", "id", "email", "email", "first_name", "profile->>'firstName'",
            "last_name", "profile->>'lastName'", "phone", "profile->>'phone'");

    @Override
    public String name() {
        return "blue-green (restructure table)";
    }

    @Override
    public void create(Db db, String table, int rows) {
        db.exec("DROP TABLE IF EXISTS " + table + ", " + table + "_green, " + table + "_old;"
                + "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, email text NOT NULL, first_name text, last_name text, phone text);"
                + "INSERT INTO " + table + " (email, first_name, last_name, phone) SELECT 'u' || g, 'F' || g, 'L' || g, '+1-' || g"
                + " FROM generate_series(1, " + rows + ") g;"
                + "CREATE TABLE " + table + "_green (id bigserial PRIMARY KEY, email text NOT NULL, profile jsonb NOT NULL DEFAULT '{}')");
        db.exec("VACUUM ANALYZE " + table);
    }

    /** The guide's {@code sync_users_to_green} trigger, after an initial copy. */
    @Override
    public void installTrigger(Db db, String table) {
        db.exec("INSERT INTO " + table + "_green (id, email, profile) SELECT id, email, jsonb_build_object('firstName', first_name,"
                + " 'lastName', last_name, 'phone', phone) FROM " + table + ";"
                + "CREATE OR REPLACE FUNCTION " + table + "_to_green() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO " + table + "_green (id, email, profile) VALUES (NEW.id, NEW.email, jsonb_build_object('firstName', NEW.first_name,"
                + " 'lastName', NEW.last_name, 'phone', NEW.phone)) ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, profile = EXCLUDED.profile;"
                + " RETURN NEW; END $$; CREATE TRIGGER sync_to_green AFTER INSERT OR UPDATE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION " + table + "_to_green()");
    }

    @Override
    public SyncSpec spec(String migrationId, String target, String table) {
        return new SyncSpec(migrationId, target, SyncMode.BLUE_GREEN, TableName.of(table), TableName.of(table + "_green"), List.of("id"), FORWARD, BACK);
    }

    @Override
    public Workload.Op write(String table, int rows) {
        return (c, r) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET first_name = ?, phone = ? WHERE id = ?")) {
                ps.setString(1, "F" + r.nextInt());
                ps.setString(2, "+9-" + r.nextInt(1000));
                ps.setLong(3, 1 + r.nextInt(rows));
                ps.executeUpdate();
            }
        };
    }

    @Override
    public long wrongRows(Db db, String table) {
        return db.count("SELECT count(*) FROM (SELECT id, email, jsonb_build_object('firstName', first_name, 'lastName', last_name,"
                + " 'phone', phone) AS profile FROM " + table + ") b FULL JOIN " + table + "_green g USING (id)"
                + " WHERE ROW(b.email, b.profile) IS DISTINCT FROM ROW(g.email, g.profile)");
    }

    @Override
    public void drop(Db db, String table) {
        db.exec("DROP TABLE IF EXISTS " + table + ", " + table + "_green, " + table + "_old; DROP FUNCTION IF EXISTS " + table + "_to_green()");
    }
}
