package dev.zdm.infra.junit;

import dev.zdm.infra.LocalInfra;
import dev.zdm.infra.SharedInfra;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link TestInfra} parameter into test constructors, {@code @BeforeAll} / {@code @BeforeEach}
 * methods and test methods. The first injection in a test class starts the JVM's shared
 * infrastructure if needed ({@link SharedInfra}) and creates the class's database; the database is
 * dropped when the class is done (with any replication slot the tests left in it). Nested classes get
 * databases of their own.
 *
 * <pre>
 * &#64;ExtendWith(ZdmInfraExtension.class)
 * class OrderSyncIT {
 *     &#64;Test
 *     void copiesRows(TestInfra infra) { ... infra.jdbcUrl() ... infra.kafkaBootstrap() ... }
 * }
 * </pre>
 */
public final class ZdmInfraExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ZdmInfraExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestInfra.class;
    }

    @Override
    public TestInfra resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(testClass, ClassDatabase::create, ClassDatabase.class)
                .infra();
    }

    /** The context of the test class itself, above any method or template context. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** A test class's database, dropped when JUnit closes the class's store. */
    private record ClassDatabase(TestInfra infra) implements AutoCloseable {

        static ClassDatabase create(Class<?> testClass) {
            LocalInfra shared = SharedInfra.get();
            String database = TestNames.database(testClass);
            shared.pg().createDatabase(database);
            return new ClassDatabase(new TestInfra(shared.kafkaBootstrap(), shared.pg(), database,
                    TestNames.topicPrefix()));
        }

        @Override
        public void close() {
            infra.pg().dropDatabase(infra.database());
        }
    }
}
