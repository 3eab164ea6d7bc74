package dev.zdm.runtime.kafka;

import dev.zdm.runtime.auth.EventSignature;
import dev.zdm.runtime.auth.Principal;
import dev.zdm.runtime.auth.Role;
import dev.zdm.runtime.auth.Tokens;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * A decoded event with where it came from, its headers and the bytes it was decoded from.
 *
 * @param value   the record's value as it arrived (what a signature covers)
 * @param headers the record's headers; may be empty, never null
 */
public record Envelope(String topic, int partition, long offset, String key, SpecificRecord event, byte[] value, Headers headers) {
    /** {@code topic/partition@offset}, for log lines and error locations. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }

    /**
     * The caller that signed this event and holds {@code role}; fails with a non-retriable
     * ACCESS_DENIED, which dead-letters the event with the reason, otherwise.
     */
    public Principal signer(Tokens tokens, Role role) {
        return EventSignature.verify(tokens, role, topic, key, value, headers);
    }
}
