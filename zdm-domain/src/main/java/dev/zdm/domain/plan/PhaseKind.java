package dev.zdm.domain.plan;

/** Who acts in a phase. */
public enum PhaseKind {
    /** zdm runs the phase's steps against the database. */
    DB,
    /** zdm waits for an application deployment; the phase has no steps of its own. */
    APP
}
