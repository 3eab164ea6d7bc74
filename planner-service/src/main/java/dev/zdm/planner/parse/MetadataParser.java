package dev.zdm.planner.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;

import java.util.Iterator;
import java.util.Set;

/**
 * Parses the JSON of one {@code -- @metadata {...}} comment into {@link Metadata}. Invalid JSON,
 * a key outside {@link #KEYS}, a value of the wrong type or out of range throws
 * {@link ZdmException} with code {@link ErrorCode#BAD_METADATA} located at the offending spot.
 */
public final class MetadataParser {
    /** Every key a metadata comment may use. */
    public static final Set<String> KEYS = Set.of("zeroDowntime", "phase", "strategy", "progressive", "batchSize",
            "delayMs", "maxDurationMs", "maxDuration", "rolloutPercentage", "mapping", "deploymentVersion",
            "deploymentVersions", "service", "lockTimeoutMs", "statementTimeoutMs", "flag", "rolloutSteps", "breaker",
            "partialIndexWhere", "keyColumn", "removalDays", "allow");

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataParser() {
    }

    /**
     * @param json  the text after {@code @metadata}
     * @param where position of the first character of {@code json} in the file
     */
    public static Metadata parse(String json, SourcePosition where) {
        JsonNode root = readTree(json, where);
        if (!root.isObject()) {
            throw bad("metadata must be a JSON object like {\"zeroDowntime\": true}", where);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw bad("unknown metadata key \"" + key + "\"; known keys: " + String.join(", ", KEYS.stream().sorted().toList()), where);
            }
        }
        if (root.has("maxDuration") && root.has("maxDurationMs")) {
            throw bad("give maxDurationMs or maxDuration, not both", where);
        }
        MetadataValues v = new MetadataValues(root, where);
        return new Metadata(where, v.bool("zeroDowntime"), v.text("phase"), v.text("strategy"), v.bool("progressive"),
                v.integer("batchSize", 1, Integer.MAX_VALUE), v.longValue("delayMs"),
                root.has("maxDuration") ? v.longValue("maxDuration") : v.longValue("maxDurationMs"),
                v.integer("rolloutPercentage", 1, 100), v.stringMap("mapping"), v.text("deploymentVersion"),
                v.stringList("deploymentVersions"), v.text("service"), v.longValue("lockTimeoutMs"),
                v.longValue("statementTimeoutMs"), v.text("flag"), v.percentages("rolloutSteps"), v.text("breaker"),
                v.text("partialIndexWhere"), v.text("keyColumn"), v.integer("removalDays", 0, 36_500), v.stringList("allow"));
    }

    private static JsonNode readTree(String json, SourcePosition where) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) throw bad("metadata comment has no JSON after @metadata", where);
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourcePosition exact = at == null || at.getColumnNr() < 1 ? where
                    : new SourcePosition(where.file(), where.line(), where.column() + at.getColumnNr() - 1);
            throw new ZdmException(ErrorCode.BAD_METADATA, "metadata is not valid JSON: " + e.getOriginalMessage(),
                    exact.toString(), null, e);
        }
    }

    static ZdmException bad(String message, SourcePosition where) {
        return new ZdmException(ErrorCode.BAD_METADATA, message, where.toString());
    }
}
