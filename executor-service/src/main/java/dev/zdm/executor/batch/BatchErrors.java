package dev.zdm.executor.batch;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.SqlStates;
import dev.zdm.domain.error.ZdmException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;

/** Classifies what a batch failed with; SQLSTATEs go through {@link SqlStates}, the one place for them. */
public final class BatchErrors {
    private BatchErrors() {
    }

    /** The error code of {@code failure}, looking through its causes. Unknown failures are permanent. */
    public static ErrorCode classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ZdmException zdm) return zdm.code();
            if (t instanceof PgException pg) return SqlStates.classify(pg.getSqlState());
            if (t instanceof ClosedConnectionException || t instanceof IOException) return ErrorCode.CONNECTION_LOST;
        }
        return ErrorCode.INTERNAL;
    }

    /** The SQLSTATE behind {@code failure}, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) return pg.getSqlState();
            if (t instanceof ZdmException zdm) return zdm.sqlState();
        }
        return null;
    }
}
