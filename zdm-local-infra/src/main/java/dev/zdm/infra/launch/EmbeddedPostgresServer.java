package dev.zdm.infra.launch;

import dev.zdm.infra.PgServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PostgreSQL from zonky's embedded binaries (a Maven artifact), run as a child process of this JVM on
 * a free loopback port. Its data folder is zonky's, under {@code java.io.tmpdir}, deleted on close
 * ({@link dev.zdm.infra.LocalInfra} closes it from a shutdown hook too); at its next start zonky
 * stops servers orphaned by a JVM that was killed and deletes their data.
 *
 * <p>The binaries are unpacked once per user into {@code <java.io.tmpdir>/zdm-pg-binaries-<user>}
 * (override with the system property {@value #BINARIES_DIR_PROPERTY}); per user because a folder
 * unpacked by root cannot be locked by anyone else. Authentication is {@code trust} for user
 * {@code postgres} on loopback, so any password is accepted.
 */
public final class EmbeddedPostgresServer implements RunningPostgres {

    /** System property naming the folder zonky unpacks the PostgreSQL binaries into. */
    public static final String BINARIES_DIR_PROPERTY = "zdm.pg.binaries.dir";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final PgServer server;
    private final String version;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, PgServer server, String version) {
        this.postgres = postgres;
        this.server = server;
        this.version = version;
    }

    /**
     * Starts a server with the {@link PostgresSettings#withDefaults default settings} plus
     * {@code settings}.
     *
     * @throws UncheckedIOException when it does not start; nothing is left running then
     */
    public static EmbeddedPostgresServer start(Map<String, String> settings) {
        StaleData.sweepOnce();
        return Retry.onBindFailure(attempt -> startOnce(PostgresSettings.withDefaults(settings)));
    }

    private static EmbeddedPostgresServer startOnce(Map<String, String> settings) {
        int port = FreePorts.pick(1)[0];
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setOverrideWorkingDirectory(binariesDir())
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT);
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port + ": "
                    + e.getMessage(), e);
        }
        PgServer server = new PgServer(FreePorts.LOOPBACK, postgres.getPort(), USER, PASSWORD, "postgres");
        try {
            return new EmbeddedPostgresServer(postgres, server, server.serverVersion());
        } catch (RuntimeException e) {
            closeQuietly(postgres, e);
            throw e;
        }
    }

    private static File binariesDir() {
        String configured = System.getProperty(BINARIES_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new File(configured);
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return new File(System.getProperty("java.io.tmpdir"), "zdm-pg-binaries-" + user);
    }

    private static void closeQuietly(EmbeddedPostgres postgres, RuntimeException failure) {
        try {
            postgres.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public PgServer server() {
        return server;
    }

    @Override
    public String description() {
        return "embedded " + version + " at " + server.host() + ":" + server.port();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL on port " + server.port()
                        + " did not stop cleanly", e);
            }
        }
    }
}
