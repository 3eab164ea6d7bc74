package dev.zdm.sync.cdc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Debezium's stand-in for an unchanged TOASTed value that the WAL did not carry
 * ({@code unavailable.value.placeholder}). It must never reach a target column: zdm never writes
 * captured values at all (it recomputes targets from the source row's current values), and treats a
 * placeholder as "unchanged" where it compares old and new images.
 */
public final class Unavailable {
    /** Debezium's default placeholder, configured explicitly in {@link CaptureSettings}. */
    public static final String PLACEHOLDER = "__debezium_unavailable_value";
    private static final byte[] PLACEHOLDER_BYTES = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);

    private Unavailable() {
    }

    /** True when {@code value} is the placeholder in any of the forms Debezium uses (text, bytes, array). */
    public static boolean is(Object value) {
        if (value == null) return false;
        if (value instanceof String s) return PLACEHOLDER.equals(s);
        if (value instanceof byte[] b) return Arrays.equals(PLACEHOLDER_BYTES, b);
        if (value instanceof ByteBuffer bb) return bb.remaining() == PLACEHOLDER_BYTES.length && bb.duplicate().equals(ByteBuffer.wrap(PLACEHOLDER_BYTES));
        if (value instanceof List<?> list) return list.size() == 1 && is(list.get(0));
        return false;
    }
}
