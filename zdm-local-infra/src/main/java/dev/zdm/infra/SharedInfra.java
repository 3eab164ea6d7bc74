package dev.zdm.infra;

/**
 * The one {@link LocalInfra} of this JVM, for tests: started on first use (as the environment says,
 * see {@link InfraOptions#fromEnvironment()}), stopped by a shutdown hook when the JVM ends. Calling
 * {@code close()} on it does nothing. If starting fails, every later call fails at once with the same
 * cause instead of trying again. Thread-safe.
 */
public final class SharedInfra {

    private static LocalInfra instance;
    private static RuntimeException failure;

    private SharedInfra() {
    }

    /**
     * The JVM's infrastructure, started on the first call (about 5 s in-process; later calls return
     * at once).
     *
     * @throws InfraException when it could not be started, now or on an earlier call
     */
    public static synchronized LocalInfra get() {
        if (instance != null) {
            return instance;
        }
        if (failure != null) {
            throw new InfraException("the shared infrastructure failed to start earlier in this JVM: "
                    + failure.getMessage(), failure);
        }
        try {
            instance = LocalInfra.start(InfraOptions.fromEnvironment(), true);
            return instance;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }
}
