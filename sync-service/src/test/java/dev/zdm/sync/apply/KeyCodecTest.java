package dev.zdm.sync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.sync.cdc.Unavailable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

    @Test
    void renders_each_supported_value_as_text_postgresql_casts_back() {
        assertThat(KeyCodec.toText(42L, "int8")).isEqualTo("42");
        assertThat(KeyCodec.toText((short) 7, "int2")).isEqualTo("7");
        assertThat(KeyCodec.toText("a'b", "text")).isEqualTo("a'b");
        assertThat(KeyCodec.toText(new BigDecimal("1E+3"), "numeric")).isEqualTo("1000");
        assertThat(KeyCodec.toText("12.50", "numeric")).isEqualTo("12.50");
        assertThat(KeyCodec.toText(new byte[] {0, (byte) 255}, "bytea")).isEqualTo("\\x00ff");
        assertThat(KeyCodec.toText(ByteBuffer.wrap(new byte[] {1}), "bytea")).isEqualTo("\\x01");
        assertThat(KeyCodec.toText(19_845, "date")).isEqualTo("2024-05-02");
        assertThat(KeyCodec.toText(true, "bool")).isEqualTo("true");
        assertThat(KeyCodec.toText(null, "int4")).isNull();
    }

    @Test
    void a_placeholder_key_is_a_bug_not_a_value() {
        assertThatThrownBy(() -> KeyCodec.toText(Unavailable.PLACEHOLDER, "text")).isInstanceOf(ZdmException.class);
    }
}
