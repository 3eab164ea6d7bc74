/**
 * Real infrastructure for tests and for the embedded default ({@code zdm demo}): one Kafka broker
 * (KRaft) and one PostgreSQL with {@code wal_level=logical}.
 *
 * <p>{@link dev.zdm.infra.LocalInfra#start()} picks, for each of the two, the first that applies:
 * <ol>
 *   <li>an existing server named by the environment ({@code ZDM_KAFKA_BOOTSTRAP}, {@code ZDM_PG_URL}
 *       with {@code ZDM_PG_USER} / {@code ZDM_PG_PASSWORD}): nothing is started;</li>
 *   <li>Testcontainers, when {@code ZDM_INFRA=docker} or a Docker engine answers;</li>
 *   <li>in-process: a KRaft broker in this JVM and zonky's embedded PostgreSQL binaries, which need
 *       neither Docker nor root (and run as root too).</li>
 * </ol>
 * {@code ZDM_INFRA=embedded} skips the Docker probe. Tests use {@link dev.zdm.infra.SharedInfra}
 * (one broker and one database server per JVM) through the JUnit extension in
 * {@code dev.zdm.infra.junit}. The launchers themselves live in {@code dev.zdm.infra.launch} and are
 * not part of the API.
 */
package dev.zdm.infra;
