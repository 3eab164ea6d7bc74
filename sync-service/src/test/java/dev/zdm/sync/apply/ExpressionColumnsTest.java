package dev.zdm.sync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpressionColumnsTest {
    private static final Set<String> COLUMNS = Set.of("first_name", "last_name", "phone", "price", "Mixed Case", "id");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("first_name", List.of("first_name")),
                Arguments.of("jsonb_build_object('firstName', first_name, 'phone', phone)", List.of("first_name", "phone")),
                Arguments.of("'first_name' || 'literal'", List.of()),
                Arguments.of("upper(LAST_NAME)", List.of("last_name")),
                Arguments.of("\"Mixed Case\" || id::text", List.of("Mixed Case", "id")),
                Arguments.of("price::numeric(12,2)", List.of("price")),
                Arguments.of("$$first_name$$ || phone", List.of("phone")),
                Arguments.of("$q$ first_name $q$ || phone", List.of("phone")),
                Arguments.of("coalesce(nothing_here, 0)", List.of()),
                Arguments.of("'it''s first_name' || last_name", List.of("last_name")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void finds_the_columns_an_expression_reads(String expression, List<String> expected) {
        assertThat(ExpressionColumns.referenced(expression, COLUMNS)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
