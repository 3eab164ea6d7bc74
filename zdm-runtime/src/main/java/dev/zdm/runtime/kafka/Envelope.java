package dev.zdm.runtime.kafka;

import org.apache.avro.specific.SpecificRecord;

/** A decoded event with where it came from. */
public record Envelope(String topic, int partition, long offset, String key, SpecificRecord event) {
    /** {@code topic/partition@offset}, for log lines and error locations. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
