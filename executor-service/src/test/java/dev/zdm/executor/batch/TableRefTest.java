package dev.zdm.executor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableRefTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "orders                 | orders",
            "shop.orders            | shop.orders",
            "Orders                 | \"Orders\"",
            "\"Shop\".\"Order.Lines\" | \"Shop\".\"Order.Lines\"",
            "public.\"a\"\"b\"      | public.\"a\"\"b\"",
            "public.user            | public.\"user\"",
    })
    void quotesEachPart(String text, String sql) {
        assertThat(TableRef.parse(text).sql()).isEqualTo(sql);
    }

    @Test
    void rejectsMalformedNames() {
        assertThatThrownBy(() -> TableRef.parse("a.b.c")).hasMessageContaining("schema.name");
        assertThatThrownBy(() -> TableRef.parse("\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> TableRef.parse("shop.")).hasMessageContaining("empty");
    }
}
