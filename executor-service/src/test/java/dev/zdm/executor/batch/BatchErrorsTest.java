package dev.zdm.executor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.error.ErrorCode;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "55P03, LOCK_TIMEOUT,       true",
            "40001, TRANSIENT_CONFLICT, true",
            "40P01, TRANSIENT_CONFLICT, true",
            "57014, STATEMENT_TIMEOUT,  true",
            "08006, CONNECTION_LOST,    true",
            "42601, SQL_ERROR,          false",
            "42P01, UNKNOWN_TABLE,      false",
            "23505, SQL_ERROR,          false",
    })
    void postgresErrorsByState(String sqlState, ErrorCode expected, boolean retriable) {
        PgException pg = new PgException("boom", "ERROR", sqlState, "detail");
        assertThat(BatchErrors.classify(new RuntimeException("wrapped", pg))).isEqualTo(expected);
        assertThat(expected.retriable()).isEqualTo(retriable);
        assertThat(BatchErrors.sqlState(pg)).isEqualTo(sqlState);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"closed", "io", "other"})
    void clientSideFailures(String kind) {
        Throwable failure = switch (kind) {
            case "closed" -> ClosedConnectionException.INSTANCE;
            case "io" -> new IOException("Connection reset by peer");
            default -> new IllegalStateException("bug");
        };
        ErrorCode expected = kind.equals("other") ? ErrorCode.INTERNAL : ErrorCode.CONNECTION_LOST;
        assertThat(BatchErrors.classify(failure)).isEqualTo(expected);
    }
}
