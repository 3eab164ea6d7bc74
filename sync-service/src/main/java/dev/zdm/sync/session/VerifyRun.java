package dev.zdm.sync.session;

import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.sync.apply.Link;
import dev.zdm.sync.db.Catalog;
import dev.zdm.sync.db.DbTarget;
import dev.zdm.sync.db.TableInfo;
import dev.zdm.sync.verify.Verifier;
import java.sql.Connection;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a VERIFY request: with a running sync it drains between re-checks; without, it just waits a moment. */
final class VerifyRun {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyRun.class);
    /** Without a sync to drain, how long a re-check waits for the writes in flight to settle. */
    private static final long SETTLE_MS = 500;

    private VerifyRun() {
    }

    static SyncReport run(DbTarget db, SyncRequest.Verify request, SessionSettings settings, BooleanSupplier drain, SessionListener listener) {
        try (Connection c = db.connect("verify")) {
            TableInfo source = Catalog.describe(c, request.sourceTable());
            TableInfo target = Catalog.describe(c, request.targetTable());
            SyncMode mode = source.oid() == target.oid() ? SyncMode.DUAL_WRITE : SyncMode.BLUE_GREEN;
            Link link = Link.of(mode, source, target, request.keyColumns(), request.mapping());
            Verifier.Drain wait = drain == null ? () -> sleep(SETTLE_MS) : drain::getAsBoolean;
            Verifier.Result result = new Verifier(link, settings.verifyChunkRows(), settings.verifyAttempts()).run(c, wait,
                    rows -> listener.progress(request.migrationId(), request.phaseId(), "verify " + link.describe(), rows, null));
            LOG.info("verified {}: {} rows in {} ranges ({} re-checked)", link.describe(), result.rows(), result.ranges(), result.rechecked());
            return SyncReport.bare(request, SyncState.VERIFIED);
        } catch (Exception e) {
            ZdmException error = Errors.classify(e, request.targetTable().qualified());
            LOG.warn("verify {} = {} failed: {}", request.sourceTable(), request.targetTable(), error.toString());
            return SyncReport.failed(request, error);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
