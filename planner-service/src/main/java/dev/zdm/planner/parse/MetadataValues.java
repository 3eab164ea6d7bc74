package dev.zdm.planner.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zdm.domain.error.ZdmException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one metadata object's values; a wrong type throws {@code BAD_METADATA}. */
final class MetadataValues {
    private final JsonNode root;
    private final SourcePosition where;

    MetadataValues(JsonNode root, SourcePosition where) {
        this.root = root;
        this.where = where;
    }

    Boolean bool(String key) {
        JsonNode n = root.get(key);
        if (n == null) return null;
        if (!n.isBoolean()) throw wrong(key, "true or false", n);
        return n.booleanValue();
    }

    String text(String key) {
        JsonNode n = root.get(key);
        if (n == null) return null;
        if (!n.isTextual() || n.textValue().isBlank()) throw wrong(key, "a non-empty string", n);
        return n.textValue();
    }

    Integer integer(String key, int min, int max) {
        JsonNode n = root.get(key);
        if (n == null) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw wrong(key, "a whole number within " + min + ".." + max, n);
        }
        return n.intValue();
    }

    Long longValue(String key) {
        JsonNode n = root.get(key);
        if (n == null) return null;
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw wrong(key, "a whole number of milliseconds, 0 or more", n);
        }
        return n.longValue();
    }

    Map<String, String> stringMap(String key) {
        JsonNode n = root.get(key);
        if (n == null) return null;
        if (!n.isObject()) throw wrong(key, "an object of column to expression strings", n);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) throw wrong(key + "." + e.getKey(), "a string", e.getValue());
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    List<String> stringList(String key) {
        JsonNode n = root.get(key);
        if (n == null) return null;
        if (!n.isArray() || n.isEmpty()) throw wrong(key, "a non-empty array of strings", n);
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw wrong(key, "a non-empty array of strings", n);
            out.add(e.textValue());
        }
        return out;
    }

    List<Integer> percentages(String key) {
        JsonNode n = root.get(key);
        if (n == null) return null;
        if (!n.isArray() || n.isEmpty()) throw wrong(key, "a non-empty array of percentages", n);
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isIntegralNumber() || e.intValue() < 1 || e.intValue() > 100
                    || (!out.isEmpty() && e.intValue() <= out.get(out.size() - 1))) {
                throw wrong(key, "increasing percentages within 1..100, e.g. [10, 50, 100]", n);
            }
            out.add(e.intValue());
        }
        return out;
    }

    private ZdmException wrong(String key, String expected, JsonNode actual) {
        return MetadataParser.bad(key + " must be " + expected + ", was " + actual, where);
    }
}
