package dev.zdm.sync.apply;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.sync.cdc.Unavailable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Set;

/**
 * Turns a key value as Debezium delivers it into the text PostgreSQL parses back into the key
 * column's type ({@code '42'::int8}, {@code '\x00ff'::bytea}, {@code '2024-05-01'::date}). Keys travel
 * as text arrays and are cast in SQL, which keeps one code path for every supported type.
 */
public final class KeyCodec {
    /** Key column types whose Debezium value converts to text without loss (base type names, {@code pg_type.typname}). */
    public static final Set<String> SUPPORTED = Set.of("int2", "int4", "int8", "numeric", "text", "varchar", "bpchar", "uuid",
            "bool", "bytea", "date", "timestamptz", "citext", "oid");

    private KeyCodec() {
    }

    public static boolean supports(String typeName) {
        return SUPPORTED.contains(typeName);
    }

    /**
     * {@code value} as text for a column of base type {@code typeName}; null stays null.
     *
     * @throws ZdmException {@code INTERNAL} for Debezium's unavailable-value placeholder: a key is never TOASTed away
     */
    public static String toText(Object value, String typeName) {
        if (value == null) return null;
        if (Unavailable.is(value)) {
            throw new ZdmException(ErrorCode.INTERNAL, "a key value arrived as Debezium's unavailable-value placeholder; keys are never TOASTed away");
        }
        if ("date".equals(typeName) && value instanceof Integer days) return LocalDate.ofEpochDay(days).toString();
        if (value instanceof byte[] bytes) return "\\x" + HexFormat.of().formatHex(bytes);
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof BigDecimal decimal) return decimal.toPlainString();
        return value.toString();
    }
}
