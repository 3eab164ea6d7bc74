package dev.zdm.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configured bearer tokens. A token is never stored: configuration holds its <em>digest</em>,
 * {@code HMAC-SHA256(key = token, "zdm-token-v1")}, from which the token cannot be recovered. A
 * presented token is digested and compared with every configured digest in constant time.
 *
 * <p>The digest is also the key events are signed with: whoever holds the
 * token can derive it, and the services that verify hold it in configuration. So a configured digest
 * is a secret too (it can sign events), though it cannot log in over HTTP. Immutable and thread-safe.
 */
public final class Tokens {
    private static final byte[] DIGEST_LABEL = "zdm-token-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Prefix of tokens made by {@link #generate}, so a leaked one is recognizable in a secret scanner. */
    public static final String TOKEN_PREFIX = "zdm_";

    /**
     * A configured token.
     *
     * @param digest its digest, 32 bytes
     */
    public record Entry(Principal principal, byte[] digest) {
        public Entry {
            if (digest.length != 32) throw new IllegalArgumentException("a token digest is 32 bytes (64 hex digits)");
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }
    }

    private final List<Entry> entries;

    public Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Tokens none() {
        return new Tokens(List.of());
    }

    public boolean configured() {
        return !entries.isEmpty();
    }

    public int count() {
        return entries.size();
    }

    /** The caller {@code presented} authenticates, if any; every configured digest is compared, in constant time. */
    public Optional<Principal> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) return Optional.empty();
        byte[] digest = digest(presented);
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(digest, e.digest)) found = e.principal();
        }
        return Optional.ofNullable(found);
    }

    /** Every configured token. */
    public List<Entry> entries() {
        return entries;
    }

    /** The configured token named {@code name}, with its digest (the key its events are signed with). */
    public Optional<Entry> named(String name) {
        return entries.stream().filter(e -> e.principal().name().equals(name)).findFirst();
    }

    /** The digest of {@code token}. */
    public static byte[] digest(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(DIGEST_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The digest of {@code token} as configuration writes it: 64 lower-case hex digits. */
    public static String digestHex(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    /** A new random token: {@value #TOKEN_PREFIX} and 32 random bytes, base64url. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
