package dev.zdm.runtime.config;

import dev.zdm.runtime.auth.Tokens;
import dev.zdm.runtime.messaging.Topics;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What every service needs: the broker, topic names, the HTTP endpoint, the target databases, and the accepted tokens. */
public record CommonConfig(String kafkaBootstrap, Topics topics, String httpHost, int httpPort, boolean metricsOpen, String instanceId,
                           Map<String, TargetConfig> targets, Tokens tokens, long outageWindowMs, int partitions) {
    private static final Set<String> TARGET_FIELDS = Set.of("url", "user", "password", "passwordFile", "poolSize", "allow");

    public CommonConfig {
        targets = Map.copyOf(targets);
    }

    /** Reads the common keys and every {@code targets.<name>.*}; problems go to {@code reader}. */
    public static CommonConfig read(ConfigReader reader, Settings settings) {
        String prefix = reader.get(ConfigKeys.TOPIC_PREFIX);
        Topics topics;
        try {
            topics = new Topics(prefix);
        } catch (IllegalArgumentException e) {
            reader.problem(ConfigKeys.TOPIC_PREFIX.name() + ": " + e.getMessage());
            topics = Topics.DEFAULT;
        }
        return new CommonConfig(reader.get(ConfigKeys.KAFKA_BOOTSTRAP), topics, reader.get(ConfigKeys.HTTP_HOST),
                reader.get(ConfigKeys.HTTP_PORT), reader.get(ConfigKeys.HTTP_METRICS_OPEN), reader.get(ConfigKeys.INSTANCE_ID),
                readTargets(reader, settings), AuthConfig.read(reader, settings), reader.get(ConfigKeys.OUTAGE_WINDOW),
                reader.get(ConfigKeys.PARTITIONS));
    }

    public TargetConfig target(String name) {
        return targets.get(name);
    }

    private static Map<String, TargetConfig> readTargets(ConfigReader reader, Settings settings) {
        Map<String, Map<String, String>> raw = new TreeMap<>();
        for (var entry : settings.values().entrySet()) {
            if (!entry.getKey().startsWith(ConfigKeys.TARGETS_PREFIX)) continue;
            String rest = entry.getKey().substring(ConfigKeys.TARGETS_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !TARGET_FIELDS.contains(field)) {
                reader.problem("unknown key " + entry.getKey() + " (targets take targets.<name>.url, .user, .password, .passwordFile, .poolSize, .allow)");
                continue;
            }
            raw.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>()).put(field, entry.getValue());
        }
        Map<String, TargetConfig> targets = new TreeMap<>();
        Set<String> names = new TreeSet<>(raw.keySet());
        for (String name : names) {
            Map<String, String> fields = raw.get(name);
            String url = fields.get("url");
            if (url == null || !validUrl(url)) {
                reader.problem("targets." + name + ".url" + (url == null ? " is required" : "=" + TargetConfig.redact(url)
                        + " must be postgresql://host:port/database (optionally jdbc: prefixed)"));
                continue;
            }
            int poolSize = 4;
            if (fields.containsKey("poolSize")) {
                try {
                    poolSize = Integer.parseInt(fields.get("poolSize"));
                    if (poolSize < 1 || poolSize > 100) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    reader.problem("targets." + name + ".poolSize=" + fields.get("poolSize") + " must be an integer within 1..100");
                }
            }
            Set<String> allow = new TreeSet<>();
            for (String a : fields.getOrDefault("allow", "").split(",")) {
                if (a.isBlank()) continue;
                if (TargetConfig.ALLOWANCES.contains(a.trim())) allow.add(a.trim());
                else reader.problem("targets." + name + ".allow: unknown allowance '" + a.trim() + "' (one of " + new TreeSet<>(TargetConfig.ALLOWANCES) + ")");
            }
            targets.put(name, new TargetConfig(name, url, fields.get("user"), password(reader, name, fields), poolSize, allow));
        }
        return targets;
    }

    /**
     * The target's password: {@code .password}, else the content of the file {@code .passwordFile}
     * (one line; a secret store mounts such files), else {@code PGPASSWORD} from the environment, else
     * none (a password in the URL, or an authentication that needs none). Problems name the key, never
     * the password.
     */
    private static String password(ConfigReader reader, String name, Map<String, String> fields) {
        if (fields.get("password") != null) {
            if (fields.get("passwordFile") != null) reader.problem("targets." + name + ": set .password or .passwordFile, not both");
            return fields.get("password");
        }
        String file = fields.get("passwordFile");
        if (file != null) {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
            } catch (java.io.IOException | RuntimeException e) {
                reader.problem("targets." + name + ".passwordFile=" + file + " cannot be read: " + e.getClass().getSimpleName());
                return null;
            }
        }
        String env = System.getenv("PGPASSWORD");
        return env == null || env.isEmpty() ? null : env;
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
            return ("postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
