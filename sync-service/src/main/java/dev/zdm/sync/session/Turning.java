package dev.zdm.sync.session;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.SyncMode;
import dev.zdm.runtime.messaging.Errors;
import dev.zdm.sync.apply.Link;
import dev.zdm.sync.db.Catalog;
import dev.zdm.sync.db.TableInfo;
import dev.zdm.sync.switchover.Switchover;
import java.sql.Connection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ways a sync turns around. REVERSE (dual-write): drained, then new to old. SWITCH
 * (blue-green): the cut-over, after which changes flow from the new table (under blue's name) back to
 * the retired one. A SWITCH naming the retired table as green and the new one as blue switches back:
 * that is the rollback. Both are recorded before they take effect, and both answer at once when
 * already done.
 */
final class Turning {
    private static final Logger LOG = LoggerFactory.getLogger(Turning.class);

    private Turning() {
    }

    static SyncReport reverse(SyncSession session, String phaseId) {
        SessionRecord r = session.record();
        SyncSpec spec = r.spec();
        if (r.reversed()) return answered(session, phaseId, SyncState.REVERSED);
        if (spec.mode() != SyncMode.DUAL_WRITE) {
            return session.failedAnswer(phaseId, new ZdmException(ErrorCode.NOT_ALLOWED, "a blue-green sync turns around at SWITCH, not REVERSE",
                    r.slot()));
        }
        if (spec.reverseMapping().isEmpty()) {
            return session.failedAnswer(phaseId, new ZdmException(ErrorCode.INVALID_REQUEST, "REVERSE needs the START's reverse mapping; it was empty",
                    r.slot()));
        }
        if (!session.awaitCaughtUp(session.settings().drainTimeoutMs())) {
            return session.failedAnswer(phaseId, new ZdmException(ErrorCode.STATEMENT_TIMEOUT, "the forward sync did not catch up within "
                    + session.settings().drainTimeoutMs() + " ms; REVERSE not done, try again", r.slot()));
        }
        try (Connection c = session.db().connect("control")) {
            TableInfo table = Catalog.describe(c, r.sourceOid());
            Link back = Link.of(SyncMode.DUAL_WRITE, table, table, spec.keyColumns(), spec.reverseMapping());
            SessionRecord next = r.withDirection(true, r.sourceOid(), r.targetOid(), spec.reverseMapping(), r.switches())
                    .withState(phaseId, SyncState.STREAMING);
            SessionStore.save(c, next);
            session.record(next);
            session.applier().link(back);
        } catch (Exception e) {
            return session.failedAnswer(phaseId, Errors.classify(e, r.slot()));
        }
        return answered(session, phaseId, SyncState.REVERSED);
    }

    static SyncReport switchover(SyncSession session, SyncRequest.Switch request) {
        SessionRecord r = session.record();
        String phaseId = request.phaseId();
        if (r.spec().mode() != SyncMode.BLUE_GREEN) {
            return session.failedAnswer(phaseId, new ZdmException(ErrorCode.NOT_ALLOWED, "SWITCH applies to blue-green syncs only", r.slot()));
        }
        try (Connection c = session.db().connect("switch")) {
            TableInfo blue = Catalog.describe(c, request.blueTable());
            String retired = request.retiredName() == null || request.retiredName().isBlank() ? blue.name() + "_old" : request.retiredName();
            if (r.switches() > 0 && blue.oid() == r.sourceOid() && Catalog.describe(c, r.targetOid()).name().equals(retired)) {
                return answered(session, phaseId, SyncState.SWITCHED);
            }
            TableInfo green = Catalog.describe(c, request.greenTable());
            if (blue.oid() != r.sourceOid() || green.oid() != r.targetOid()) {
                return session.failedAnswer(phaseId, new ZdmException(ErrorCode.NOT_ALLOWED, "the sync runs " + Catalog.describe(c, r.sourceOid()).displayName()
                        + " -> " + Catalog.describe(c, r.targetOid()).displayName() + ", not " + blue.displayName() + " -> " + green.displayName(), r.slot()));
            }
            Map<String, String> back = r.reversed() ? r.spec().mapping() : r.spec().reverseMapping();
            if (back.isEmpty()) {
                return session.failedAnswer(phaseId, new ZdmException(ErrorCode.INVALID_REQUEST,
                        "SWITCH needs the START's reverse mapping to sync back for the rollback window; it was empty", r.slot()));
            }
            Link.of(SyncMode.BLUE_GREEN, green, blue, r.spec().keyColumns(), back);
            var plan = new Switchover.Plan(blue, green, retired, r.slot(), session.settings().switchLockTimeoutMs(), session.settings().switchDrainTimeoutMs());
            return attempt(session, c, plan, back, phaseId);
        } catch (Exception e) {
            return session.failedAnswer(phaseId, Errors.classify(e, request.blueTable().qualified()));
        }
    }

    private static SyncReport attempt(SyncSession session, Connection c, Switchover.Plan plan, Map<String, String> back, String phaseId)
            throws InterruptedException {
        SessionSettings settings = session.settings();
        for (int attempt = 1; ; attempt++) {
            SessionRecord before = session.record();
            Link old = session.applier().link();
            try {
                Switchover.Result result = Switchover.run(c, plan, session::awaitCaughtUp, conn -> {
                    Link next = Link.of(SyncMode.BLUE_GREEN, Catalog.describe(conn, plan.green().oid()), Catalog.describe(conn, plan.blue().oid()),
                            before.spec().keyColumns(), back);
                    SessionRecord turned = before.withDirection(!before.reversed(), plan.green().oid(), plan.blue().oid(), back, before.switches() + 1)
                            .withState(phaseId, SyncState.STREAMING);
                    SessionStore.save(conn, turned);
                    session.record(turned);
                    session.applier().link(next);
                });
                SyncReport done = answered(session, phaseId, SyncState.SWITCHED);
                session.progress(phaseId, "switched " + plan.blue().displayName() + ": writes held " + result.writeStallMs() + " ms");
                return done;
            } catch (Exception e) {
                session.record(before);
                session.applier().link(old);
                ZdmException z = e instanceof ZdmException ze ? ze : Errors.classify(e, plan.blue().displayName());
                if (!rolledBackWhole(z) || attempt >= settings.switchAttempts()) return session.failedAnswer(phaseId, z);
                LOG.info("switch of {} attempt {} gave up ({}); trying again in {} ms", plan.blue().displayName(), attempt, z.getMessage(),
                        settings.switchRetryDelayMs());
                Thread.sleep(settings.switchRetryDelayMs());
            }
        }
    }

    /**
     * A lock not granted in time, or a deadlock / serialization failure (the application's transaction
     * took a lock the switch waits for while waiting for one the switch queued ahead of it): the switch's
     * transaction rolled back whole, so another attempt is safe.
     */
    private static boolean rolledBackWhole(ZdmException e) {
        return e.code() == ErrorCode.LOCK_TIMEOUT || e.code() == ErrorCode.TRANSIENT_CONFLICT;
    }

    private static SyncReport answered(SyncSession session, String phaseId, SyncState state) {
        return session.report().answer(phaseId, state);
    }
}
