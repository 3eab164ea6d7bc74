package dev.zdm.runtime.messaging;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one classifier: reactive and JDBC errors by SQLSTATE, client-side failures by type, never by message. */
class ErrorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "55P03, LOCK_TIMEOUT,       true",
            "40001, TRANSIENT_CONFLICT, true",
            "40P01, TRANSIENT_CONFLICT, true",
            "57014, STATEMENT_TIMEOUT,  true",
            "08006, CONNECTION_LOST,    true",
            "57P01, CONNECTION_LOST,    true",
            "57P03, CONNECTION_LOST,    true",
            "42601, SQL_ERROR,          false",
            "42P01, UNKNOWN_TABLE,      false",
            "23505, SQL_ERROR,          false",
    })
    void postgresErrorsByStateFromTheReactiveClientAndFromJdbcAlike(String sqlState, ErrorCode expected, boolean retriable) {
        PgException pg = new PgException("boom", "ERROR", sqlState, "detail");
        ZdmException reactive = Errors.classify(new CompletionException(new RuntimeException("wrapped", pg)), "t");
        assertThat(reactive.code()).isEqualTo(expected);
        assertThat(reactive.sqlState()).isEqualTo(sqlState);
        assertThat(reactive.location()).isEqualTo("t");
        assertThat(expected.retriable()).isEqualTo(retriable);
        assertThat(Errors.code(new RuntimeException(new SQLException("boom", sqlState)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"closed", "io", "refused", "jdbc-io", "other", "closed-word"})
    void clientSideFailuresByTypeNotByWording(String kind) {
        Throwable failure = switch (kind) {
            case "closed" -> ClosedConnectionException.INSTANCE;
            case "io" -> new IOException("Connection reset by peer");
            case "refused" -> new CompletionException(new ConnectException("Connection refused"));
            case "jdbc-io" -> new SQLException("I/O error", (String) null, new java.io.EOFException());
            case "closed-word" -> new VertxException("the pool was closed by a test");
            default -> new IllegalStateException("bug");
        };
        ErrorCode expected = kind.equals("other") || kind.equals("closed-word") ? ErrorCode.INTERNAL : ErrorCode.CONNECTION_LOST;
        assertThat(Errors.code(failure)).isEqualTo(expected);
    }
}
