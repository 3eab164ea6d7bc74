package dev.zdm.infra.junit;

import dev.zdm.infra.PgServer;

/**
 * What a test class gets from {@link ZdmInfraExtension}: the JVM's broker and PostgreSQL, a database
 * of its own (created empty before its first test, dropped after its last), and a topic prefix of its
 * own. The same instance is given to every test of the class.
 *
 * @param kafkaBootstrap bootstrap servers of the shared broker
 * @param pg             the shared PostgreSQL server
 * @param database       this class's database, e.g. {@code order_sync_it_k3v9q2}
 * @param topicPrefix    this class's topic prefix, e.g. {@code t5f0c2a91}; use it as the prefix of
 *                       every topic the test creates (zdm's {@code Topics} record takes it as is)
 */
public record TestInfra(String kafkaBootstrap, PgServer pg, String database, String topicPrefix) {

    /** JDBC URL of {@link #database()}, with user and password as parameters. */
    public String jdbcUrl() {
        return pg.jdbcUrl(database);
    }
}
