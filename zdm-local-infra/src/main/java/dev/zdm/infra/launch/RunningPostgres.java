package dev.zdm.infra.launch;

import dev.zdm.infra.PgServer;

/**
 * A PostgreSQL server this process can use. {@link #close()} stops what was started (nothing for an
 * external server) and deletes its data; it is idempotent.
 */
public sealed interface RunningPostgres extends AutoCloseable
        permits EmbeddedPostgresServer, ContainerPostgres, ExternalPostgres {

    /** How to reach it. */
    PgServer server();

    /** What this is, e.g. {@code embedded 15.19 at 127.0.0.1:40111}. */
    String description();

    @Override
    void close();
}
