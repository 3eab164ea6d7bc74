package dev.zdm.runtime.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes and decodes zdm events with Avro single-object encoding. Thread-safe and immutable after
 * construction; build one per process with {@link #standard()}.
 *
 * <p>A reader knows every schema version recorded under {@code dev/zdm/events/history/<Event>/v<N>.avsc}
 * (the schemas module's resources), so an event written by an older producer decodes into today's class
 * through Avro schema resolution.
 */
public final class EventCodec {
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_LENGTH = 10;
    private static final String EVENT_PACKAGE = "dev.zdm.events.";

    private final Map<Long, Entry> byFingerprint;
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders;

    private record Entry(Class<? extends SpecificRecord> type, BinaryMessageDecoder<SpecificRecord> decoder, int version) {
    }

    private EventCodec(Map<Long, Entry> byFingerprint, Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders) {
        this.byFingerprint = Map.copyOf(byFingerprint);
        this.encoders = Map.copyOf(encoders);
    }

    /** A codec for every event type of {@link EventTypes#ALL} and its recorded history. */
    public static EventCodec standard() {
        return of(EventTypes.ALL);
    }

    static EventCodec of(List<Class<? extends SpecificRecord>> types) {
        return of(types, EventCodec::history);
    }

    /** A codec whose readers know the writer schemas {@code history} gives for each type (oldest first). */
    static EventCodec of(List<Class<? extends SpecificRecord>> types, Function<Class<?>, List<Schema>> history) {
        trustEventPackage();
        Map<Long, Entry> byFingerprint = new HashMap<>();
        Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();
        for (Class<? extends SpecificRecord> type : types) {
            Schema current = SpecificData.get().getSchema(type);
            BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current);
            byFingerprint.put(fingerprint(current), new Entry(type, decoder, 0));
            List<Schema> versions = history.apply(type);
            for (int v = 0; v < versions.size(); v++) {
                decoder.addSchema(versions.get(v));
                byFingerprint.putIfAbsent(fingerprint(versions.get(v)), new Entry(type, decoder, v + 1));
            }
            encoders.put(type, new BinaryMessageEncoder<>(SpecificData.get(), current));
        }
        return new EventCodec(byFingerprint, encoders);
    }

    /** The event's bytes: marker, fingerprint of its current schema, Avro binary body. */
    public byte[] encode(SpecificRecord event) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(event.getClass());
        if (encoder == null) throw new IllegalArgumentException(event.getClass().getName() + " is not a zdm event type");
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * The event in {@code bytes}, as today's class of its type.
     *
     * @throws EventDecodingException when the bytes are not single-object encoded, the fingerprint is
     *                                of no known schema, or the body does not match its schema
     */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new EventDecodingException("not an Avro single-object encoded event (missing C3 01 marker"
                    + (bytes == null ? ", null payload)" : ", " + bytes.length + " bytes)"), null);
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Entry entry = byFingerprint.get(fingerprint);
        if (entry == null) {
            throw new EventDecodingException("unknown writer schema fingerprint " + hex(fingerprint)
                    + ": written by a newer or foreign producer; record its schema in the schemas module's history", null);
        }
        try {
            return entry.decoder().decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("corrupt " + entry.type().getSimpleName() + " body: " + e.getMessage(), e);
        }
    }

    /** Like {@link #decode(byte[])}, and checks the event is of {@code type}. */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        SpecificRecord event = decode(bytes);
        if (!type.isInstance(event)) {
            throw new EventDecodingException("expected " + type.getSimpleName() + " but got " + event.getClass().getSimpleName(), null);
        }
        return type.cast(event);
    }

    private static boolean trusted;

    /**
     * Avro 1.12 refuses to instantiate classes outside trusted packages, when decoding and when a
     * builder fills a record-typed default; zdm's events are trusted. Idempotent; call before building
     * or decoding events.
     */
    public static synchronized void trustEventPackage() {
        if (trusted) return;
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), new EventPackagePredicate()));
        trusted = true;
    }

    private static final class EventPackagePredicate implements ClassSecurityValidator.ClassSecurityPredicate {
        @Override
        public boolean isTrusted(Class<?> clazz) {
            return clazz.getName().startsWith(EVENT_PACKAGE);
        }
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static String hex(long fingerprint) {
        byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array();
        return HexFormat.of().formatHex(le);
    }

    private static List<Schema> history(Class<?> type) {
        List<Schema> versions = new java.util.ArrayList<>();
        for (int v = 1; ; v++) {
            String resource = "/dev/zdm/events/history/" + type.getSimpleName() + "/v" + v + ".avsc";
            try (InputStream in = type.getResourceAsStream(resource)) {
                if (in == null) return versions;
                versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema history " + resource, e);
            }
        }
    }
}
