package dev.zdm.planner.analyze;

import dev.zdm.domain.sql.TableName;

/** The findings the recognizers share, worded once. */
public final class Findings {
    private Findings() {
    }

    public static Finding rewrite(TableName table, String why, String alternative) {
        return Finding.danger(FindingCode.REWRITE, why + ": rewrites " + table + " and all its indexes under ACCESS EXCLUSIVE; "
                + "every read and write of the table waits until it finishes", alternative);
    }

    public static Finding scan(TableName table, LockMode lock, String why, String alternative) {
        return Finding.warning(FindingCode.FULL_SCAN, why + ": reads every row of " + table + " while holding " + lock.docName()
                + (lock.blocksReads() ? " (reads and writes wait)" : lock.blocksWrites() ? " (writes wait)" : ""), alternative);
    }

    public static Finding breaksApp(String what, String alternative) {
        return Finding.danger(FindingCode.BREAKS_RUNNING_APP, what, alternative);
    }

    public static Finding unknown(String what) {
        return Finding.danger(FindingCode.UNKNOWN_FORM, "zdm does not know what this statement locks or rewrites (" + what
                + "); it is assumed to take ACCESS EXCLUSIVE and need review",
                "split it into forms zdm knows, or check it with `zdm plan --pg` against a copy of the schema");
    }

    public static Finding nonTransactional(String what) {
        return Finding.info(FindingCode.NOT_IN_TRANSACTION, what + " cannot run inside a transaction block; zdm runs it on its own");
    }
}
