package dev.zdm.cli.migrate;

import dev.zdm.cli.folder.Migration;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The tables of the tools zdm reads folders of: Flyway's {@code flyway_schema_history}, golang-migrate's
 * and dbmate's {@code schema_migrations} (one row with the current version and a dirty flag, or a row
 * per version), goose's {@code goose_db_version}, Prisma's {@code _prisma_migrations} and diesel's
 * {@code __diesel_schema_migrations}. Plain numbered folders have none.
 */
final class ToolTables {
    private ToolTables() {
    }

    static Optional<ToolTable> of(String tool) {
        return Optional.ofNullable(switch (tool) {
            case "flyway" -> new Flyway();
            case "golang-migrate" -> new GolangMigrate();
            case "goose" -> new Goose();
            case "dbmate" -> new Dbmate();
            case "diesel" -> new Diesel();
            case "prisma" -> new Prisma();
            default -> null;
        });
    }

    /** Flyway: a row per run, installed_rank in order; the checksum is CRC-32 over the lines without their endings. */
    static final class Flyway implements ToolTable {
        public String tool() {
            return "flyway";
        }

        public String table() {
            return "flyway_schema_history";
        }

        public Map<String, String> applied(Connection c, List<Migration> folder) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            if (!ToolTable.exists(c, table())) return out;
            try (var rs = c.createStatement().executeQuery("SELECT coalesce(version, 'R__' || replace(description, ' ', '_')), checksum "
                    + "FROM flyway_schema_history WHERE success AND type <> 'SCHEMA' AND type <> 'BASELINE' ORDER BY installed_rank")) {
                while (rs.next()) {
                    int sum = rs.getInt(2);
                    out.put(rs.getString(1), rs.wasNull() ? null : Integer.toString(sum));
                }
            }
            return out;
        }

        public void record(Connection c, Migration m, long ms) throws SQLException {
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank integer NOT NULL CONSTRAINT flyway_schema_history_pk "
                        + "PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, "
                        + "checksum integer, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
                        + "execution_time integer NOT NULL, success boolean NOT NULL);"
                        + "CREATE INDEX IF NOT EXISTS flyway_schema_history_s_idx ON flyway_schema_history (success)");
            }
            try (var ps = c.prepareStatement("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) SELECT coalesce(max(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, current_user, ?, true "
                    + "FROM flyway_schema_history")) {
                ps.setString(1, m.version());
                ps.setString(2, m.description());
                ps.setString(3, m.name());
                ps.setInt(4, Integer.parseInt(checksum(m)));
                ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, ms));
                ps.executeUpdate();
            }
        }

        public void unrecord(Connection c, Migration m, Migration previous) throws SQLException {
            try (var ps = c.prepareStatement("DELETE FROM flyway_schema_history WHERE version = ?")) {
                ps.setString(1, m.version());
                ps.executeUpdate();
            }
        }

        public String checksum(Migration m) {
            CRC32 crc = new CRC32();
            String text = m.up().startsWith("\uFEFF") ? m.up().substring(1) : m.up();
            text.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
            return Integer.toString((int) crc.getValue());
        }
    }

    /** golang-migrate: one row, the current version, and whether a run died halfway (dirty). */
    static final class GolangMigrate implements ToolTable {
        public String tool() {
            return "golang-migrate";
        }

        public String table() {
            return "schema_migrations";
        }

        /** Every version of the folder up to the current one (golang-migrate applies in order); none when the row is dirty. */
        public Map<String, String> applied(Connection c, List<Migration> folder) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            if (!ToolTable.exists(c, table())) return out;
            try (var rs = c.createStatement().executeQuery("SELECT version, dirty FROM schema_migrations")) {
                if (!rs.next() || rs.getBoolean(2)) return out;
                java.math.BigInteger current = java.math.BigInteger.valueOf(rs.getLong(1));
                for (Migration m : folder) {
                    if (m.version() != null && new java.math.BigInteger(m.version()).compareTo(current) <= 0) out.put(m.version(), null);
                }
            }
            return out;
        }

        public void record(Connection c, Migration m, long ms) throws SQLException {
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
                s.execute("DELETE FROM schema_migrations");
            }
            try (var ps = c.prepareStatement("INSERT INTO schema_migrations (version, dirty) VALUES (?, false)")) {
                ps.setLong(1, Long.parseLong(m.version()));
                ps.executeUpdate();
            }
        }

        public void unrecord(Connection c, Migration m, Migration previous) throws SQLException {
            try (var s = c.createStatement()) {
                s.execute("DELETE FROM schema_migrations");
            }
            if (previous == null) return;
            try (var ps = c.prepareStatement("INSERT INTO schema_migrations (version, dirty) VALUES (?, false)")) {
                ps.setLong(1, Long.parseLong(previous.version()));
                ps.executeUpdate();
            }
        }

        public String checksum(Migration m) {
            return null;
        }
    }

    /** goose: a row per up (and down) run; a version is applied when its latest row says so. */
    static final class Goose implements ToolTable {
        public String tool() {
            return "goose";
        }

        public String table() {
            return "goose_db_version";
        }

        public Map<String, String> applied(Connection c, List<Migration> folder) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            if (!ToolTable.exists(c, table())) return out;
            try (var rs = c.createStatement().executeQuery("SELECT DISTINCT ON (version_id) version_id, is_applied FROM goose_db_version "
                    + "WHERE version_id > 0 ORDER BY version_id, id DESC")) {
                while (rs.next()) if (rs.getBoolean(2)) out.put(Long.toString(rs.getLong(1)), null);
            }
            return out;
        }

        public void record(Connection c, Migration m, long ms) throws SQLException {
            try (var s = c.createStatement()) {
                if (!ToolTable.exists(c, table())) {
                    s.execute("CREATE TABLE goose_db_version (id serial NOT NULL PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, "
                            + "tstamp timestamp NULL DEFAULT now())");
                    s.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true)");
                }
            }
            try (var ps = c.prepareStatement("INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, true)")) {
                ps.setLong(1, Long.parseLong(m.version()));
                ps.executeUpdate();
            }
        }

        public void unrecord(Connection c, Migration m, Migration previous) throws SQLException {
            try (var ps = c.prepareStatement("INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, false)")) {
                ps.setLong(1, Long.parseLong(m.version()));
                ps.executeUpdate();
            }
        }

        public String checksum(Migration m) {
            return null;
        }
    }

    /** dbmate and diesel: a row per applied version; each names its fixed table and how its tool creates it. */
    abstract static class VersionRows implements ToolTable {
        /** The tool's CREATE TABLE IF NOT EXISTS. */
        abstract String ddl();

        public Map<String, String> applied(Connection c, List<Migration> folder) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            if (!ToolTable.exists(c, table())) return out;
            try (var rs = c.createStatement().executeQuery("SELECT version FROM " + table() + " ORDER BY version")) {
                while (rs.next()) out.put(rs.getString(1), null);
            }
            return out;
        }

        public void record(Connection c, Migration m, long ms) throws SQLException {
            try (var s = c.createStatement()) {
                s.execute(ddl());
            }
            try (var ps = c.prepareStatement("INSERT INTO " + table() + " (version) VALUES (?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, m.version());
                ps.executeUpdate();
            }
        }

        public void unrecord(Connection c, Migration m, Migration previous) throws SQLException {
            try (var ps = c.prepareStatement("DELETE FROM " + table() + " WHERE version = ?")) {
                ps.setString(1, m.version());
                ps.executeUpdate();
            }
        }

        public String checksum(Migration m) {
            return null;
        }
    }

    static final class Dbmate extends VersionRows {
        public String tool() {
            return "dbmate";
        }

        public String table() {
            return "schema_migrations";
        }

        String ddl() {
            return "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)";
        }
    }

    static final class Diesel extends VersionRows {
        public String tool() {
            return "diesel";
        }

        public String table() {
            return "__diesel_schema_migrations";
        }

        String ddl() {
            return "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version varchar(50) PRIMARY KEY NOT NULL, "
                    + "run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)";
        }
    }

    /** Prisma: a row per migration folder, finished and not rolled back; the checksum is SHA-256 of the file. */
    static final class Prisma implements ToolTable {
        public String tool() {
            return "prisma";
        }

        public String table() {
            return "_prisma_migrations";
        }

        public Map<String, String> applied(Connection c, List<Migration> folder) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            if (!ToolTable.exists(c, table())) return out;
            try (var rs = c.createStatement().executeQuery("SELECT migration_name, checksum FROM _prisma_migrations "
                    + "WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at")) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        }

        public void record(Connection c, Migration m, long ms) throws SQLException {
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS _prisma_migrations (id varchar(36) PRIMARY KEY NOT NULL, checksum varchar(64) NOT NULL, "
                        + "finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, "
                        + "started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0)");
            }
            try (var ps = c.prepareStatement("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) "
                    + "VALUES (?, ?, now(), ?, 1)")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, checksum(m));
                ps.setString(3, m.version());
                ps.executeUpdate();
            }
        }

        public void unrecord(Connection c, Migration m, Migration previous) throws SQLException {
            try (var ps = c.prepareStatement("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ? AND rolled_back_at IS NULL")) {
                ps.setString(1, m.version());
                ps.executeUpdate();
            }
        }

        public String checksum(Migration m) {
            return m.checksum();
        }
    }
}
