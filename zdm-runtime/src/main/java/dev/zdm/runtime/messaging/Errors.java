package dev.zdm.runtime.messaging;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.SqlStates;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.ErrorInfo;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one classifier of zdm: turns any failure, from the reactive client, JDBC, Kafka or zdm itself,
 * into a {@link ZdmException} (retriable or permanent), and into the Avro {@code ErrorInfo}. Decided by
 * exception type and SQLSTATE (through {@link SqlStates}), never by the wording of a message.
 */
public final class Errors {
    private Errors() {
    }

    /**
     * {@code error} as a ZdmException, looking through wrappers and causes: a ZdmException as it is;
     * a PostgreSQL error (reactive or JDBC) by its SQLSTATE (08xxx and 57Pxx, a lost connection or a
     * server shutting down, are {@link ErrorCode#CONNECTION_LOST}); a closed connection, a refused or
     * broken socket, and a JDBC connection exception without SQLSTATE as {@link ErrorCode#CONNECTION_LOST};
     * anything else as {@link ErrorCode#INTERNAL} (permanent).
     */
    public static ZdmException classify(Throwable error, String location) {
        Throwable top = unwrap(error);
        for (Throwable t = top; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ZdmException z) return z;
            if (t instanceof PgException pg) {
                return new ZdmException(SqlStates.classify(pg.getSqlState()), pg.getErrorMessage() + (pg.getDetail() == null ? "" : " (" + pg.getDetail() + ")"),
                        location, pg.getSqlState(), top);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return new ZdmException(SqlStates.classify(sql.getSQLState()), sql.getMessage(), location, sql.getSQLState(), top);
            }
            if (lostConnection(t)) return new ZdmException(ErrorCode.CONNECTION_LOST, describe(t), location, null, top);
        }
        return new ZdmException(ErrorCode.INTERNAL, describe(top), location, null, top);
    }

    /** The error code alone (see {@link #classify}). */
    public static ErrorCode code(Throwable error) {
        return classify(error, null).code();
    }

    private static boolean lostConnection(Throwable t) {
        return t instanceof ClosedConnectionException || t instanceof IOException || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException || t instanceof org.apache.kafka.common.errors.RetriableException;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    public static ErrorInfo toEvent(ZdmException e) {
        return ErrorInfo.newBuilder().setCode(e.code().code()).setMessage(String.valueOf(e.getMessage()))
                .setRetriable(e.retriable()).setSqlState(e.sqlState()).setLocation(e.location()).build();
    }
}
