package dev.zdm.planner.strategy;

import java.util.List;

/**
 * One way of running a kind of change without downtime.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #claim} looks at the statements no earlier strategy took and returns the groups it
 *   will handle; a statement whose metadata names another strategy is not eligible
 *   ({@link ClaimBoard#eligible}). It must not take a statement it cannot plan.</li>
 *   <li>{@link #plan} appends the phases of one of its own claims to the plan, each with undo steps
 *   in the order they run and the point-of-no-return flag set on a phase whose completion cannot
 *   be undone. Every DDL step carries the claim's lock_timeout. It may refuse with a
 *   {@link dev.zdm.domain.error.ZdmException} saying why and what to do instead.</li>
 *   <li>Both are pure and deterministic: same input, same claims and phases. Implementations are
 *   stateless and thread-safe.</li>
 * </ul>
 */
public interface Strategy {

    /** Stable name used in plans, events and metadata ({@code "strategy": "dual-write"}). */
    String name();

    /** The groups of still-unclaimed statements this strategy handles, possibly none. */
    List<Claim> claim(ClaimBoard board);

    /** Appends the phases for {@code claim} (one of this strategy's claims). */
    void plan(Claim claim, PlanBuilder plan);
}
