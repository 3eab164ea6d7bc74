package dev.zdm.sync.cdc;

import dev.zdm.domain.sql.TableName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns Debezium's Connect records into {@link CapturedEvent}s. Records that are neither a row change
 * nor zdm's marker (heartbeats, tombstones, truncates, other prefixes) decode to null.
 */
public final class EventDecoder {
    private final String markerPrefix;

    /** @param markerPrefix the logical message prefix of this capture's markers (its slot name) */
    public EventDecoder(String markerPrefix) {
        this.markerPrefix = markerPrefix;
    }

    public CapturedEvent decode(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) return null;
        String op = value.getString("op");
        Struct source = value.schema().field("source") == null ? null : value.getStruct("source");
        long lsn = source == null || source.get("lsn") == null ? 0 : source.getInt64("lsn");
        long commitMillis = source == null || source.get("ts_ms") == null ? 0 : source.getInt64("ts_ms");
        if ("m".equals(op)) return marker(value, lsn, commitMillis);
        CapturedEvent.Op kind = switch (op) {
            case "c", "r" -> CapturedEvent.Op.INSERT;
            case "u" -> CapturedEvent.Op.UPDATE;
            case "d" -> CapturedEvent.Op.DELETE;
            default -> null;
        };
        if (kind == null || source == null) return null;
        long txId = source.get("txId") == null ? 0 : source.getInt64("txId");
        TableName table = new TableName(source.getString("schema"), source.getString("table"));
        return new CapturedEvent.Change(table, kind, row(value, "before"), row(value, "after"), lsn, commitMillis, txId);
    }

    private CapturedEvent marker(Struct value, long lsn, long commitMillis) {
        Struct message = value.getStruct("message");
        if (message == null || !markerPrefix.equals(message.getString("prefix"))) return null;
        Object content = message.get("content");
        String text;
        if (content instanceof byte[] bytes) text = new String(bytes, StandardCharsets.UTF_8);
        else if (content instanceof ByteBuffer buffer) text = StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        else text = String.valueOf(content);
        return new CapturedEvent.Marker(text, lsn, commitMillis);
    }

    private static Map<String, Object> row(Struct value, String name) {
        if (value.schema().field(name) == null) return null;
        Struct row = value.getStruct(name);
        if (row == null) return null;
        Map<String, Object> out = new HashMap<>();
        for (Field field : row.schema().fields()) out.put(field.name(), row.get(field));
        return out;
    }
}
