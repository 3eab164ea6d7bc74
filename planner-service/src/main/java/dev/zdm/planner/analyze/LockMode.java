package dev.zdm.planner.analyze;

/**
 * PostgreSQL's eight table-level lock modes, weakest first, with the names the manual uses
 * ("Explicit Locking", table 13.2 of the PostgreSQL 15 manual).
 */
public enum LockMode {
    ACCESS_SHARE("ACCESS SHARE"),
    ROW_SHARE("ROW SHARE"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE"),
    SHARE("SHARE"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE"),
    EXCLUSIVE("EXCLUSIVE"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE");

    /**
     * Conflict matrix of the manual's table 13.2: character {@code j} of row {@code i} is 1 when mode
     * {@code i} conflicts with mode {@code j}, both in declaration order.
     */
    private static final String[] CONFLICTS = {
            "00000001",
            "00000011",
            "00001111",
            "00011111",
            "00110111",
            "00111111",
            "01111111",
            "11111111",
    };

    private final String docName;

    LockMode(String docName) {
        this.docName = docName;
    }

    /** The name as the PostgreSQL manual and {@code pg_locks} (with "Lock" appended) spell it. */
    public String docName() {
        return docName;
    }

    /** The mode named {@code name} in the manual's spelling ({@code "SHARE ROW EXCLUSIVE"}) or pg_locks' ({@code "ShareRowExclusiveLock"}). */
    public static LockMode fromName(String name) {
        String squashed = name.replace(" ", "").replace("_", "").toLowerCase();
        for (LockMode m : values()) {
            String mine = m.docName.replace(" ", "").toLowerCase();
            if (squashed.equals(mine) || squashed.equals(mine + "lock")) return m;
        }
        throw new IllegalArgumentException("not a PostgreSQL table lock mode: " + name);
    }

    /** True when a session holding this mode makes a session asking for {@code other} wait. */
    public boolean conflictsWith(LockMode other) {
        return CONFLICTS[ordinal()].charAt(other.ordinal()) == '1';
    }

    /** True when plain {@code SELECT}s (ACCESS SHARE) wait for it. */
    public boolean blocksReads() {
        return conflictsWith(ACCESS_SHARE);
    }

    /** True when {@code INSERT}/{@code UPDATE}/{@code DELETE} (ROW EXCLUSIVE) wait for it. */
    public boolean blocksWrites() {
        return conflictsWith(ROW_EXCLUSIVE);
    }

    /** True when other schema changes and maintenance (SHARE UPDATE EXCLUSIVE) wait for it. */
    public boolean blocksDdl() {
        return conflictsWith(SHARE_UPDATE_EXCLUSIVE);
    }

    /** The stronger of the two. */
    public LockMode max(LockMode other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
