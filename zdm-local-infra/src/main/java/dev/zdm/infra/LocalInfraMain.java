package dev.zdm.infra;

import java.util.concurrent.CountDownLatch;

/**
 * Starts Kafka and PostgreSQL for a developer and keeps them until the process is ended (Ctrl-C or
 * {@code kill}), then stops them and deletes their data. Prints what runs where, and the environment
 * that makes tests and {@code zdm} use these servers instead of starting their own.
 *
 * <pre>java -cp ... dev.zdm.infra.LocalInfraMain</pre>
 */
public final class LocalInfraMain {

    private LocalInfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalInfra infra = LocalInfra.start();
        PgServer pg = infra.pg();
        System.out.println(infra.describe());
        System.out.println("kafka bootstrap: " + infra.kafkaBootstrap());
        System.out.println("postgres jdbc:   " + pg.jdbcUrl(pg.adminDatabase()));
        System.out.println("to use them from tests and zdm:");
        System.out.println("  export " + InfraOptions.ENV_KAFKA_BOOTSTRAP + "='" + infra.kafkaBootstrap() + "' "
                + InfraOptions.ENV_PG_URL + "='" + pg.jdbcUrl(pg.adminDatabase()) + "'");
        System.out.println("running; end with Ctrl-C");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
