package dev.zdm.infra.launch;

import dev.zdm.infra.PgServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from zonky's embedded binaries (a Maven artifact), run as a child process of this JVM on
 * a free loopback port. Its data folder {@code <java.io.tmpdir>/epg*} is deleted on close
 * ({@link dev.zdm.infra.LocalInfra} closes it from a shutdown hook too); what a killed JVM leaves is
 * cleared by {@link StaleData}. After start-up the server is asked for its data folder, so that a
 * server of another process that took the chosen port in the meantime is never mistaken for ours.
 *
 * <p>The binaries are unpacked once per user into {@code <java.io.tmpdir>/zdm-pg-binaries-<user>}
 * (override with the system property {@value #BINARIES_DIR_PROPERTY}); per user because a folder
 * unpacked by root cannot be locked by anyone else. Authentication is {@code trust} for user
 * {@code postgres} on loopback, so any password is accepted.
 */
public final class EmbeddedPostgresServer implements RunningPostgres {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** System property naming the folder zonky unpacks the PostgreSQL binaries into. */
    public static final String BINARIES_DIR_PROPERTY = "zdm.pg.binaries.dir";
    /** PostgreSQL is ready about a second after initdb; a port clash with a non-listener costs this much. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
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
        return Retry.onBindFailure(attempt -> startOn(FreePorts.pick(1)[0], PostgresSettings.withDefaults(settings)));
    }

    /** One attempt on {@code port}; fails with a {@link BindException} cause when the port is taken. */
    static EmbeddedPostgresServer startOn(int port, Map<String, String> settings) {
        Path dataDir = TempDirs.create("epg");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setOverrideWorkingDirectory(binariesDir())
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT);
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            discard(dataDir);
            throw FreePorts.isFree(port) ? new UncheckedIOException("embedded PostgreSQL did not start on port "
                    + port + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e))
                    : portTaken(port, e);
        }
        PgServer server = new PgServer(FreePorts.LOOPBACK, port, USER, PASSWORD, "postgres");
        try {
            Map<String, String> running = server.settings();
            if (!sameFolder(running.get("data_directory"), dataDir)) {
                throw portTaken(port, new IllegalStateException("the server on port " + port + " serves "
                        + running.get("data_directory") + ", not " + dataDir));
            }
            return new EmbeddedPostgresServer(postgres, server, running.get("server_version").split(" ")[0]);
        } catch (RuntimeException e) {
            closeQuietly(postgres, e);
            discard(dataDir);
            throw e;
        }
    }

    /**
     * A failed attempt's data folder: its server stopped if it got that far, then the folder deleted.
     * When the attempt failed because another server answered on the port, this attempt's postmaster
     * may still be starting (writing into the folder) until it fails to bind; every process naming the
     * folder is waited for, and a delete that raced a late file is tried again. Never throws: the
     * caller's failure (a port clash is retried) is what matters.
     */
    private static void discard(Path dataDir) {
        StaleData.stopServerOn(dataDir);
        StaleData.stopProcessesNaming(dataDir);
        for (int attempt = 1; ; attempt++) {
            try {
                TempDirs.delete(dataDir);
                return;
            } catch (UncheckedIOException e) {
                if (attempt >= 5) {
                    LOG.warn("cannot delete {} of a failed PostgreSQL start: {}", dataDir, e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A failure {@link Retry} retries: another process took the port between choosing and binding it. */
    private static UncheckedIOException portTaken(int port, Throwable cause) {
        BindException clash = new BindException("port " + port + " was taken by another process while PostgreSQL"
                + " started");
        clash.initCause(cause);
        return new UncheckedIOException(clash);
    }

    private static boolean sameFolder(String reported, Path expected) {
        try {
            return reported != null && Path.of(reported).toRealPath().equals(expected.toRealPath());
        } catch (IOException e) {
            return false;
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
