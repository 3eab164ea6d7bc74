package dev.zdm.planner.analyze.altertable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TypeChangeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "character varying(20)|varchar(50)|true|false",
            "varchar(20)|VARCHAR(20)|true|false",
            "varchar(20)|text|true|false",
            "text|varchar|true|false",
            "text|varchar(10)|false|true",
            "varchar(20)|varchar(10)|false|true",
            "integer|bigint|false|false",
            "bigint|integer|false|true",
            "numeric(10,2)|numeric(12,2)|true|false",
            "numeric(10,2)|decimal|true|false",
            "numeric(10,2)|numeric(10,4)|false|true",
            "numeric|numeric(10,2)|false|true",
            "timestamp without time zone|timestamp(3)|false|true",
            "timestamp(3)|timestamp|true|false",
            "timestamp|timestamptz|false|false",
            "cidr|inet|true|false",
            "text|jsonb|false|true",
            "int[]|bigint[]|false|false",
            "char(5)|varchar(5)|false|false"})
    void rewriteAndNarrowing(String from, String to, boolean metadataOnly, boolean narrowing) {
        assertThat(TypeChange.isMetadataOnly(from, to)).as("metadata only").isEqualTo(metadataOnly);
        assertThat(TypeChange.isNarrowing(from, to)).as("narrowing").isEqualTo(narrowing);
    }
}
