package dev.zdm.monitor.probe;

import java.util.Objects;

/**
 * An open transaction and its session.
 *
 * @param session the session holding it
 * @param state   the session state ({@code active}, {@code idle in transaction}...), never null
 * @param ageMs   milliseconds since {@code xact_start}
 */
public record OpenTransaction(Session session, String state, long ageMs) {

    public OpenTransaction {
        Objects.requireNonNull(session, "session");
        state = Objects.requireNonNullElse(state, "");
    }
}
