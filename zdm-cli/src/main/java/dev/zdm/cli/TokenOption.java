package dev.zdm.cli;

import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.auth.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The token a command signs its events with: {@code ZDM_TOKEN}, else the file {@code --token-file},
 * else the token a local {@code zdm up} wrote to {@code ~/.zdm/token}. Never an argument value, which
 * {@code ps} would show.
 */
public final class TokenOption {
    /** Where {@code zdm up} keeps the token it made for this machine's user (mode 600). */
    public static final Path LOCAL = Path.of(System.getProperty("user.home"), ".zdm", "token");
    /** The name of the token {@code zdm up} and {@code zdm demo} make for themselves. */
    public static final String LOCAL_NAME = "local";

    @CommandLine.Option(names = "--token-file", paramLabel = "FILE", description = "file holding the token to sign with (default: $ZDM_TOKEN, else ~/.zdm/token of a local `zdm up`)")
    Path file;

    /** The digest of the token: the key to sign with. */
    public byte[] signingKey() {
        return Tokens.digest(token());
    }

    String token() {
        String env = System.getenv("ZDM_TOKEN");
        if (file == null && env != null && !env.isBlank()) return env.trim();
        Path from = file != null ? file : LOCAL;
        try {
            if (Files.exists(from)) return Files.readString(from).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + from + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("no token: set ZDM_TOKEN, pass --token-file FILE, or start `zdm up` first (it writes " + LOCAL + ")");
    }

    /**
     * The token of this machine's user, made on first use and kept in {@link #LOCAL} (readable by its
     * owner only), for a {@code zdm up} with no tokens configured.
     */
    static String localToken() throws IOException {
        if (Files.exists(LOCAL)) return Files.readString(LOCAL).trim();
        Files.createDirectories(LOCAL.getParent());
        String token = Tokens.generate();
        Files.writeString(LOCAL, token + "\n");
        try {
            Files.setPosixFilePermissions(LOCAL, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the user's home directory protects it
        }
        return token;
    }

    /** Settings that make the services accept {@code token} under {@code name} with every role. */
    public static Map<String, String> allRoles(String name, String token) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("auth.tokens." + name + ".digest", Tokens.digestHex(token));
        out.put("auth.tokens." + name + ".roles", Arrays.stream(Role.values()).map(Role::lowerName).collect(Collectors.joining(",")));
        return out;
    }
}
