package dev.zdm.infra.launch;

import dev.zdm.infra.PgServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a Testcontainers container, with the same settings as the embedded server (except
 * {@code listen_addresses}, which must stay the container's). The image defaults to
 * {@value #DEFAULT_IMAGE}, the major version of the embedded binaries; {@value #IMAGE_ENV} overrides
 * it.
 */
public final class ContainerPostgres implements RunningPostgres {

    /** Environment variable naming the image, e.g. {@code postgres:16}. */
    public static final String IMAGE_ENV = "ZDM_PG_IMAGE";
    static final String DEFAULT_IMAGE = "postgres:15";

    private final PostgreSQLContainer container;
    private final PgServer server;
    private final String image;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerPostgres(PostgreSQLContainer container, PgServer server, String image) {
        this.container = container;
        this.server = server;
        this.image = image;
    }

    /** Starts the container and waits until the server accepts connections. */
    public static ContainerPostgres start(Map<String, String> settings) {
        String image = System.getenv().getOrDefault(IMAGE_ENV, DEFAULT_IMAGE);
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("postgres"))
                .withCommand(command(PostgresSettings.withDefaults(settings)));
        try {
            container.start();
            PgServer server = new PgServer(container.getHost(), container.getMappedPort(5432),
                    container.getUsername(), container.getPassword(), "postgres");
            return new ContainerPostgres(container, server, image);
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }

    private static String[] command(Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of("postgres"));
        settings.forEach((name, value) -> {
            if (!name.equals("listen_addresses")) {
                command.add("-c");
                command.add(name + "=" + value);
            }
        });
        return command.toArray(String[]::new);
    }

    @Override
    public PgServer server() {
        return server;
    }

    @Override
    public String description() {
        return "container " + image + " at " + server.host() + ":" + server.port();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.close();
        }
    }
}
