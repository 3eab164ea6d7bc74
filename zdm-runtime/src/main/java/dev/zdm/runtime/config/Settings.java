package dev.zdm.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Raw configuration text: a properties file, overridden by {@code ZDM_*} environment variables that
 * name a known key, overridden by explicit settings (command-line flags). Immutable.
 */
public final class Settings {
    private static final String ENV_PREFIX = "ZDM_";
    private final Map<String, String> values;
    private final String source;

    private Settings(Map<String, String> values, String source) {
        this.values = Map.copyOf(values);
        this.source = source;
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values, "settings");
    }

    /**
     * Layers {@code file} (may be null), then environment variables, then {@code overrides}.
     * An environment variable {@code ZDM_X_Y} overrides the file's key whose {@link #envName} it is;
     * {@code ZDM_TARGETS_<NAME>_URL} / {@code _USER} / {@code _PASSWORD} / {@code _PASSWORDFILE} declare a target.
     */
    public static Settings load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return load(file, env, overrides, java.util.List.of());
    }

    /** Like {@link #load(Path, Map, Map)}, also mapping {@code ZDM_*} variables onto {@code keys}. */
    public static Settings load(Path file, Map<String, String> env, Map<String, String> overrides,
                                java.util.Collection<Key<?>> keys) {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration file " + file, e);
            }
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        }
        Map<String, String> byEnvName = new TreeMap<>();
        values.keySet().forEach(k -> byEnvName.put(envName(k), k));
        ConfigKeys.COMMON.forEach(k -> byEnvName.putIfAbsent(k.envName(), k.name()));
        keys.forEach(k -> byEnvName.putIfAbsent(k.envName(), k.name()));
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX)) return;
            String key = byEnvName.get(name);
            if (key == null && name.startsWith("ZDM_TARGETS_")) key = targetKeyFromEnv(name);
            if (key != null) values.put(key, value.trim());
        });
        values.putAll(overrides);
        return new Settings(values, file == null ? "environment" : file.toString());
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase().replace('.', '_');
    }

    private static String targetKeyFromEnv(String envName) {
        String rest = envName.substring("ZDM_TARGETS_".length());
        int last = rest.lastIndexOf('_');
        if (last <= 0) return null;
        String field = rest.substring(last + 1).toLowerCase();
        String target = rest.substring(0, last).toLowerCase().replace('_', '-');
        return switch (field) {
            case "poolsize" -> "targets." + target + ".poolSize";
            case "passwordfile" -> "targets." + target + ".passwordFile";
            default -> "targets." + target + "." + field;
        };
    }

    public Map<String, String> values() {
        return values;
    }

    public String source() {
        return source;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** A copy with {@code key} set. */
    public Settings with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Settings(copy, source);
    }
}
