package dev.zdm.runtime.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.events.DeploymentEvent;
import dev.zdm.events.ErrorInfo;
import dev.zdm.events.MigrationRejected;
import dev.zdm.events.MigrationRequested;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = EventCodec.standard();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void round_trips_an_event_with_nested_records() {
        var rejected = MigrationRejected.newBuilder().setMigrationId("m-1").setTarget("orders-db")
                .setError(ErrorInfo.newBuilder().setCode("ZDM-SQL-PARSE").setMessage("unterminated quote")
                        .setRetriable(false).setLocation("m.sql:3:14").build())
                .setRejectedAt(now).build();

        byte[] bytes = codec.encode(rejected);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decode(bytes)).isEqualTo(rejected);
        assertThat(codec.decode(bytes, MigrationRejected.class).getError().getLocation()).isEqualTo("m.sql:3:14");
    }

    @Test
    void every_event_type_has_recorded_history_that_the_reader_knows() {
        for (var type : EventTypes.ALL) {
            String resource = "/dev/zdm/events/history/" + type.getSimpleName() + "/v1.avsc";
            assertThat(type.getResource(resource)).as(resource).isNotNull();
        }
    }

    @Test
    void decodes_an_event_written_with_an_older_schema_into_todays_class() throws IOException {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"DeploymentEvent","namespace":"dev.zdm.events","fields":[
                  {"name":"service","type":"string"},
                  {"name":"version","type":"string"},
                  {"name":"deployedAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        EventCodec reader = EventCodec.of(List.of(DeploymentEvent.class), type -> List.of(older));
        GenericRecord old = new GenericData.Record(older);
        old.put("service", "checkout");
        old.put("version", "v1.1");
        old.put("deployedAt", now.toEpochMilli());
        var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        DeploymentEvent event = reader.decode(bytes, DeploymentEvent.class);

        assertThat(event.getService()).isEqualTo("checkout");
        assertThat(event.getVersion()).isEqualTo("v1.1");
        assertThat(event.getEnvironment()).isNull();
        assertThat(event.getDeployedAt()).isEqualTo(now);
    }

    @Test
    void rejects_bytes_without_the_single_object_marker() {
        assertThatThrownBy(() -> codec.decode("{\"json\":true}".getBytes()))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("C3 01 marker");
    }

    @Test
    void rejects_an_unknown_fingerprint_naming_it() {
        byte[] bytes = codec.encode(deployment());
        bytes[5] ^= 0x5A;
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("unknown writer schema fingerprint");
    }

    @Test
    void rejects_a_truncated_body() {
        byte[] bytes = codec.encode(MigrationRequested.newBuilder().setMigrationId("m-2").setTarget("t")
                .setSql("ALTER TABLE users ADD COLUMN x int").setRequestedAt(now).setOptions(Map.of()).build());
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
        assertThatThrownBy(() -> codec.decode(truncated))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("corrupt MigrationRequested");
    }

    @Test
    void refuses_the_wrong_expected_type() {
        byte[] bytes = codec.encode(deployment());
        assertThatThrownBy(() -> codec.decode(bytes, MigrationRequested.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("expected MigrationRequested but got DeploymentEvent");
    }

    private DeploymentEvent deployment() {
        return DeploymentEvent.newBuilder().setService("checkout").setVersion("v1.2").setDeployedAt(now).build();
    }
}
