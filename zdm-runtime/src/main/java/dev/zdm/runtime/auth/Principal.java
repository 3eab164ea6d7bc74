package dev.zdm.runtime.auth;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller: the name of the token it presented and what that token allows.
 *
 * @param name    the token's name; it travels into events as who sent them, never the token
 * @param roles   what it may do
 * @param targets the targets a submitter may submit to; {@code *} for all
 */
public record Principal(String name, Set<Role> roles, Set<String> targets) {
    public static final String ALL_TARGETS = "*";

    public Principal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        targets = Set.copyOf(targets);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when it may submit migrations to {@code target}. */
    public boolean maySubmitTo(String target) {
        return has(Role.SUBMITTER) && (targets.contains(ALL_TARGETS) || targets.contains(target));
    }
}
