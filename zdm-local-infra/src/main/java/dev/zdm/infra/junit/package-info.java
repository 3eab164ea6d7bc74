/**
 * JUnit 5 support: {@code @ExtendWith(ZdmInfraExtension.class)} injects a
 * {@link dev.zdm.infra.junit.TestInfra} into test constructors, {@code @BeforeAll} and test methods.
 * All test classes of a JVM share one broker and one PostgreSQL ({@link dev.zdm.infra.SharedInfra});
 * each test class gets a fresh database and a topic prefix of its own, so classes never see each
 * other's rows or events. junit-jupiter-api is a {@code provided} dependency: modules using this
 * package have it on their test classpath already.
 */
package dev.zdm.infra.junit;
