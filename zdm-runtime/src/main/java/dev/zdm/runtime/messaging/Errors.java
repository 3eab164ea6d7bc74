package dev.zdm.runtime.messaging;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.SqlStates;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.events.ErrorInfo;
import io.vertx.pgclient.PgException;

/** Turns any failure into a {@link ZdmException} (classified once) and into the Avro {@code ErrorInfo}. */
public final class Errors {
    private Errors() {
    }

    /** {@code error} as a ZdmException: PostgreSQL errors classified by SQLSTATE, unknown ones as internal. */
    public static ZdmException classify(Throwable error, String location) {
        if (error instanceof ZdmException z) return z;
        if (error instanceof PgException pg) {
            ErrorCode code = SqlStates.classify(pg.getSqlState());
            return new ZdmException(code, pg.getErrorMessage() + (pg.getDetail() == null ? "" : " (" + pg.getDetail() + ")"),
                    location, pg.getSqlState(), error);
        }
        if (error instanceof java.net.ConnectException || error instanceof io.vertx.core.VertxException
                && String.valueOf(error.getMessage()).toLowerCase().contains("closed")) {
            return new ZdmException(ErrorCode.CONNECTION_LOST, String.valueOf(error.getMessage()), location, null, error);
        }
        return new ZdmException(ErrorCode.INTERNAL, error.getClass().getSimpleName() + ": " + error.getMessage(), location, null, error);
    }

    public static ErrorInfo toEvent(ZdmException e) {
        return ErrorInfo.newBuilder().setCode(e.code().code()).setMessage(String.valueOf(e.getMessage()))
                .setRetriable(e.retriable()).setSqlState(e.sqlState()).setLocation(e.location()).build();
    }
}
