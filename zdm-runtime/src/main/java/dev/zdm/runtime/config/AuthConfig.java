package dev.zdm.runtime.config;

import dev.zdm.runtime.auth.Principal;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.auth.Tokens;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tokens a process accepts: {@code auth.tokens.<name>.digest} (from {@code zdm token new}),
 * {@code .roles} (comma-separated: submitter, deployer, operator, viewer) and {@code .targets} (the
 * targets a submitter may submit to, comma-separated; {@code *}, the default, for all), in the
 * configuration, or the same keys without the {@code auth.tokens.} prefix in the properties file
 * {@code auth.tokensFile}. Every problem goes to the reader, naming the key, never a digest.
 */
public final class AuthConfig {
    public static final String TOKENS_PREFIX = "auth.tokens.";
    public static final Key<String> TOKENS_FILE = new Key<>("auth.tokensFile",
            "a properties file of tokens (<name>.digest, <name>.roles, <name>.targets), kept apart from the rest of the configuration",
            "", s -> s, s -> true, "");
    private static final Set<String> FIELDS = Set.of("digest", "roles", "targets");

    private AuthConfig() {
    }

    public static Tokens read(ConfigReader reader, Settings settings) {
        Map<String, Map<String, String>> raw = new TreeMap<>();
        collect(reader, settings.values(), TOKENS_PREFIX, TOKENS_PREFIX, raw);
        String file = reader.get(TOKENS_FILE);
        if (file != null && !file.isBlank()) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                p.load(in);
                Map<String, String> values = new TreeMap<>();
                p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
                collect(reader, values, "", file + ": ", raw);
            } catch (IOException e) {
                reader.problem(TOKENS_FILE.name() + "=" + file + " cannot be read: " + e.getMessage());
            }
        }
        List<Tokens.Entry> entries = new ArrayList<>();
        raw.forEach((name, fields) -> entry(reader, name, fields).ifPresent(entries::add));
        return new Tokens(entries);
    }

    private static void collect(ConfigReader reader, Map<String, String> values, String prefix, String where,
                                Map<String, Map<String, String>> raw) {
        for (var e : values.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            String rest = e.getKey().substring(prefix.length());
            int dot = rest.lastIndexOf('.');
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !FIELDS.contains(field)) {
                reader.problem("unknown key " + where + rest + " (tokens take <name>.digest, .roles, .targets)");
                continue;
            }
            String name = rest.substring(0, dot);
            if (raw.computeIfAbsent(name, n -> new TreeMap<>()).put(field, e.getValue()) != null) {
                reader.problem("token " + name + " is configured twice (" + field + ")");
            }
        }
    }

    private static java.util.Optional<Tokens.Entry> entry(ConfigReader reader, String name, Map<String, String> fields) {
        String digest = fields.get("digest");
        if (digest == null || !digest.trim().matches("[0-9a-fA-F]{64}")) {
            reader.problem("token " + name + ": digest " + (digest == null ? "is required" : "must be 64 hex digits") + " (zdm token new makes one)");
            return java.util.Optional.empty();
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (String r : fields.getOrDefault("roles", "").split(",")) {
            if (r.isBlank()) continue;
            try {
                roles.add(Role.parse(r));
            } catch (IllegalArgumentException e) {
                reader.problem("token " + name + ": " + e.getMessage());
                return java.util.Optional.empty();
            }
        }
        if (roles.isEmpty()) {
            reader.problem("token " + name + ": roles are required (" + Role.names() + ")");
            return java.util.Optional.empty();
        }
        Set<String> targets = new LinkedHashSet<>(Arrays.stream(fields.getOrDefault("targets", Principal.ALL_TARGETS).split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).toList());
        return java.util.Optional.of(new Tokens.Entry(new Principal(name, roles, targets), HexFormat.of().parseHex(digest.trim())));
    }
}
