package dev.zdm.infra.junit;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Unique database names and topic prefixes for test classes. */
final class TestNames {

    /** Room for the random suffix within PostgreSQL's 63-character identifiers. */
    private static final int MAX_STEM = 48;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private TestNames() {
    }

    /**
     * A database name for {@code testClass}: its simple name in snake case (nested classes joined
     * with {@code _}), cut to 48 characters, plus {@code _} and six random letters or digits, e.g.
     * {@code order_sync_it_k3v9q2}.
     */
    static String database(Class<?> testClass) {
        String name = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('$', '_').toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (snake.isEmpty() || Character.isDigit(snake.charAt(0))) {
            snake = "t_" + snake;
        }
        if (snake.length() > MAX_STEM) {
            snake = snake.substring(0, MAX_STEM);
        }
        return snake + "_" + random(6);
    }

    /** A topic prefix: {@code t} and eight random letters or digits, e.g. {@code t5f0c2a91}. */
    static String topicPrefix() {
        return "t" + random(8);
    }

    private static String random(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
