package dev.zdm.sync.session;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.SqlStates;
import dev.zdm.domain.error.ZdmException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns whatever a session caught into a {@link ZdmException}, classified once: JDBC errors by SQLSTATE. */
final class Failures {
    private Failures() {
    }

    static ZdmException classify(Throwable error, String location) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        if (e instanceof ZdmException z) return z;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ZdmException z) return z;
            if (c instanceof SQLException sql) {
                return new ZdmException(SqlStates.classify(sql.getSQLState()), sql.getMessage(), location, sql.getSQLState(), e);
            }
        }
        return new ZdmException(ErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage(), location, null, e);
    }
}
