package dev.zdm.infra.launch;

import dev.zdm.infra.InfraException;
import dev.zdm.infra.PgServer;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * A PostgreSQL server that already runs elsewhere; nothing is started or stopped. The database in its
 * URL serves as the admin database (test databases are created and dropped from it); the user must be
 * allowed to create databases and replication slots.
 */
public final class ExternalPostgres implements RunningPostgres {

    private final PgServer server;
    private final String version;

    private ExternalPostgres(PgServer server, String version) {
        this.server = server;
        this.version = version;
    }

    /**
     * Connects to the server of {@code jdbcUrl} and checks that it has {@code wal_level=logical}.
     *
     * @param user     overrides the URL's user when present
     * @param password overrides the URL's password when present
     * @throws InfraException when the URL is not a PostgreSQL JDBC URL, the server does not answer, or
     *                        logical decoding is off
     */
    public static ExternalPostgres connect(String jdbcUrl, Optional<String> user, Optional<String> password) {
        PgServer server = parse(jdbcUrl, user, password);
        String walLevel;
        String version;
        try {
            var settings = server.settings();
            walLevel = settings.get("wal_level");
            version = settings.getOrDefault("server_version", "unknown").split(" ")[0];
        } catch (InfraException e) {
            throw new InfraException("PostgreSQL at " + server.host() + ":" + server.port()
                    + " (ZDM_PG_URL) does not answer: " + e.getMessage()
                    + "; check the URL and credentials or unset ZDM_PG_URL to start a server", e);
        }
        if (!"logical".equals(walLevel)) {
            throw new InfraException("PostgreSQL at " + server.host() + ":" + server.port() + " has wal_level="
                    + walLevel + "; zdm's change capture needs wal_level=logical (set it and restart the server)");
        }
        return new ExternalPostgres(server, version);
    }

    static PgServer parse(String jdbcUrl, Optional<String> user, Optional<String> password) {
        Properties p = Driver.parseURL(jdbcUrl, new Properties());
        if (p == null) {
            throw new InfraException("ZDM_PG_URL '" + dev.zdm.domain.sql.ConnectionUrls.redact(jdbcUrl)
                    + "' is not a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/postgres?user=u&password=p");
        }
        String host = PGProperty.PG_HOST.getOrDefault(p).split(",")[0];
        int port = Integer.parseInt(PGProperty.PG_PORT.getOrDefault(p).split(",")[0]);
        String database = Optional.ofNullable(PGProperty.PG_DBNAME.getOrDefault(p)).filter(s -> !s.isBlank())
                .orElse("postgres");
        String u = user.or(() -> Optional.ofNullable(PGProperty.USER.getOrDefault(p))).orElse("postgres");
        String pw = password.or(() -> Optional.ofNullable(PGProperty.PASSWORD.getOrDefault(p))).orElse("");
        return new PgServer(host, port, u, pw, database);
    }

    @Override
    public PgServer server() {
        return server;
    }

    @Override
    public String description() {
        return "external " + version + " at " + server.host() + ":" + server.port();
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
