/**
 * Internal: the launchers behind {@link dev.zdm.infra.LocalInfra}. Not an API; other modules must
 * not use these classes.
 *
 * <p>Each server comes in three kinds, a sealed interface each: started in-process
 * ({@link dev.zdm.infra.launch.EmbeddedKafka}, {@link dev.zdm.infra.launch.EmbeddedPostgresServer}),
 * in a container ({@link dev.zdm.infra.launch.ContainerKafka},
 * {@link dev.zdm.infra.launch.ContainerPostgres}), or already running
 * ({@link dev.zdm.infra.launch.ExternalKafka}, {@link dev.zdm.infra.launch.ExternalPostgres}).
 * {@link dev.zdm.infra.launch.LaunchPlan} decides which, from the options and whether Docker answers;
 * the decision is pure so it is unit-tested.
 *
 * <p>Why in-process: CI machines have no Docker engine. zonky's embedded PostgreSQL ships relocatable
 * binaries in a Maven artifact and runs as root or not; a KRaft broker runs in the test JVM from the
 * Kafka server jars. Both take loopback ports chosen free at start, and keep their data under a
 * temporary folder deleted on close.
 */
package dev.zdm.infra.launch;
