package dev.zdm.planner.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In an explicit transaction ({@code BEGIN ... COMMIT}) a lock is held from the statement that takes
 * it until the transaction ends, so what it blocks lasts as long as everything after it in the
 * transaction: {@code BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(5); COMMIT} blocks
 * every reader of {@code t} for five seconds, not for the moment the LOCK itself takes. Each blocking
 * statement's estimate becomes the time to the end of its transaction (unknown when a statement after
 * it has no estimate). Pure.
 */
final class HeldLocks {
    private static final Pattern SLEEP = Pattern.compile("(?i)\\bpg_sleep\\s*\\(\\s*(\\d+(?:\\.\\d+)?)\\s*\\)");
    /** A statement that neither blocks nor has a size: a row or two, or a call that returns at once. */
    private static final long INSTANT_MS = 1;

    private HeldLocks() {
    }

    static List<StatementAnalysis> apply(List<StatementAnalysis> statements, long catalogOnlyMs) {
        List<StatementAnalysis> out = new ArrayList<>(statements);
        int begin = -1;
        for (int i = 0; i < statements.size(); i++) {
            StatementAnalysis s = statements.get(i);
            if (s.kind() != StatementKind.TRANSACTION_CONTROL) continue;
            String word = s.sql().strip().toLowerCase(Locale.ROOT).split("\\s+")[0];
            if (word.equals("begin") || word.equals("start")) {
                begin = i;
            } else if (begin >= 0 && (word.equals("commit") || word.equals("end") || word.equals("rollback") || word.equals("abort"))) {
                hold(out, begin + 1, i, catalogOnlyMs);
                begin = -1;
            }
        }
        return out;
    }

    /** Statements {@code from} (inclusive) to {@code end} (the COMMIT, exclusive) form one transaction. */
    private static void hold(List<StatementAnalysis> out, int from, int end, long catalogOnlyMs) {
        for (int j = from; j < end; j++) {
            StatementAnalysis s = out.get(j);
            if (!s.blocks()) continue;
            long held = 0;
            boolean guess = s.estimate().guess();
            for (int k = j; k < end && held >= 0; k++) {
                long ms = runtime(out.get(k), catalogOnlyMs);
                guess |= out.get(k).estimate().guess();
                held = ms < 0 ? -1 : held + ms;
            }
            if (held >= 0 && held <= Math.max(0, s.estimate().millis())) continue;
            List<Finding> findings = new ArrayList<>(s.findings());
            findings.add(Finding.info(FindingCode.HELD_UNTIL_COMMIT, "its " + s.lockMode().docName() + " lock is held until the transaction ends at "
                    + out.get(end).statement().position() + (held < 0 ? ", after statements whose run time is unknown" : ": about " + held + " ms")));
            BlockingEstimate estimate = new BlockingEstimate(held, held < 0 || guess ? BlockingEstimate.Basis.UNKNOWN_SIZE
                    : BlockingEstimate.Basis.HELD_IN_TRANSACTION);
            out.set(j, new StatementAnalysis(s.statement(), s.kind(), s.tables(), s.locks(), s.lockMode(), s.rewritesTable(), s.scansTable(),
                    s.blocksReads(), s.blocksWrites(), s.breaksRunningApp(), s.transactional(), estimate, findings, s.changes()));
        }
    }

    /**
     * How long a statement runs: its blocking estimate, plus any {@code pg_sleep}; an instant for small
     * work; -1 when unknown (a DO block, an unknown form, a read of a whole table).
     */
    private static long runtime(StatementAnalysis s, long catalogOnlyMs) {
        Matcher sleep = SLEEP.matcher(s.sql());
        long slept = 0;
        while (sleep.find()) slept += (long) (Double.parseDouble(sleep.group(1)) * 1000);
        if (s.kind() == StatementKind.DO_BLOCK || s.kind() == StatementKind.UNKNOWN) return -1;
        if (s.blocks()) return s.estimate().unknown() ? -1 : Math.max(s.estimate().millis(), catalogOnlyMs) + slept;
        if (s.scansTable()) return -1;
        return INSTANT_MS + slept;
    }
}
