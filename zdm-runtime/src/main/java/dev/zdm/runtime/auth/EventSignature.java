package dev.zdm.runtime.auth;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Signatures of the events a caller sends over Kafka (requests, deployments, control commands), so
 * that a service can tell who sent one and refuse one from a producer without a token: Kafka itself
 * lets anyone who reaches the broker produce. The key is the token's {@link Tokens#digest digest}, which
 * the sender derives from the token and the services hold in configuration; the signature is
 * {@code HMAC-SHA256(digest, topic, record key, value)} (each length-prefixed), in the header
 * {@value #SIGNATURE}, with the header {@value #KEY_ID} naming the key (a hash of the digest, not the
 * token's name, so a sender needs only its token). Pure and thread-safe.
 *
 * <p>What it does not stop: a signed event captured on the broker and produced again. Requests are
 * idempotent by migration id, and a deployment releases only gates of migrations requested before it.
 */
public final class EventSignature {
    public static final String KEY_ID = "zdm.auth.key";
    public static final String SIGNATURE = "zdm.auth.signature";

    private EventSignature() {
    }

    /** Adds the key id and signature headers for {@code value} sent on {@code topic} under {@code key}. */
    public static void sign(Headers headers, byte[] digest, String topic, String key, byte[] value) {
        headers.remove(KEY_ID).remove(SIGNATURE);
        headers.add(KEY_ID, keyId(digest).getBytes(StandardCharsets.US_ASCII));
        headers.add(SIGNATURE, HexFormat.of().formatHex(mac(digest, topic, key, value)).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The caller that signed the record and holds {@code role}.
     *
     * @throws ZdmException {@link ErrorCode#ACCESS_DENIED} (not retriable) naming why: unsigned, an
     *                      unknown key, a signature that does not match, a missing role
     */
    public static Principal verify(Tokens tokens, Role role, String topic, String key, byte[] value, Headers headers) {
        Optional<String> keyId = text(headers, KEY_ID);
        Optional<String> signature = text(headers, SIGNATURE);
        if (keyId.isEmpty() || signature.isEmpty()) throw denied("the event is not signed (send it with a token: ZDM_TOKEN or --token-file)");
        Tokens.Entry entry = tokens.entries().stream().filter(e -> keyId(e.digest()).equals(keyId.get())).findFirst()
                .orElseThrow(() -> denied("the event is signed with a key this service does not know"));
        byte[] expected = mac(entry.digest(), topic, key, value);
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signature.get());
        } catch (IllegalArgumentException e) {
            throw denied("the event's signature is not hex");
        }
        if (!MessageDigest.isEqual(expected, presented)) throw denied("the event's signature does not match its content (altered or forged)");
        if (!entry.principal().has(role)) {
            throw denied("token " + entry.principal().name() + " does not have the role " + role.lowerName());
        }
        return entry.principal();
    }

    static String keyId(byte[] digest) {
        try {
            return HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(digest), 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] mac(byte[] digest, String topic, String key, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(digest, "HmacSHA256"));
            for (byte[] part : new byte[][] {topic.getBytes(StandardCharsets.UTF_8), key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8),
                    value}) {
                mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Optional<String> text(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.US_ASCII));
    }

    private static ZdmException denied(String why) {
        return new ZdmException(ErrorCode.ACCESS_DENIED, why);
    }
}
