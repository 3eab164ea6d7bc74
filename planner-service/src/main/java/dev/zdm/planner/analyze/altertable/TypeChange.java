package dev.zdm.planner.analyze.altertable;

import java.util.List;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE} from one type to another rewrites the table, and whether
 * the new type can hold every value of the old one (else the running application may fail).
 * Follows PostgreSQL 15: a binary-coercible cast with a length/precision check that cannot fail
 * ({@code varchar_support}, {@code numeric_support}, {@code timestamp_support}) skips the rewrite.
 */
final class TypeChange {
    /** Types where more is wider: a move along one of these chains keeps every value. */
    private static final List<List<String>> WIDENINGS = List.of(
            List.of("int2", "int4", "int8", "numeric"), List.of("float4", "float8"), List.of("int2", "int4", "float8"),
            List.of("date", "timestamp", "timestamptz"), List.of("bpchar", "varchar", "text"), List.of("json", "text"));
    private static final Set<String> TEXTS = Set.of("varchar", "text");

    private TypeChange() {
    }

    /** True when PostgreSQL changes only the catalog (no new relfilenode). */
    static boolean isMetadataOnly(String oldType, String newType) {
        SqlType from = SqlType.parse(oldType);
        SqlType to = SqlType.parse(newType);
        if (from.equals(to)) return true;
        if (from.array() != to.array()) return false;
        if (TEXTS.contains(from.base()) && to.base().equals("text")) return true;
        if (from.base().equals("text") && to.base().equals("varchar")) return to.modifiers().isEmpty();
        if (from.base().equals("cidr") && to.base().equals("inet")) return true;
        if (!from.base().equals(to.base())) return false;
        return switch (from.base()) {
            case "varchar", "varbit" -> to.modifiers().isEmpty() || (!from.modifiers().isEmpty() && to.modifier(0) >= from.modifier(0));
            case "numeric" -> to.modifiers().isEmpty()
                    || (!from.modifiers().isEmpty() && from.modifier(1) == to.modifier(1) && to.modifier(0) >= from.modifier(0))
                    || (!from.modifiers().isEmpty() && from.modifier(1) == -1 && to.modifier(1) == -1 && to.modifier(0) >= from.modifier(0));
            case "timestamp", "timestamptz", "time", "timetz", "interval" -> to.modifiers().isEmpty()
                    || (!from.modifiers().isEmpty() && to.modifier(0) >= from.modifier(0));
            default -> false;
        };
    }

    /** True when some value of the old type may not fit the new one, or mean something else in it. */
    static boolean isNarrowing(String oldType, String newType) {
        if (isMetadataOnly(oldType, newType)) return false;
        SqlType from = SqlType.parse(oldType);
        SqlType to = SqlType.parse(newType);
        if (from.array() != to.array()) return true;
        if (from.base().equals(to.base())) {
            return from.base().equals("numeric") ? !to.modifiers().isEmpty() && (from.modifiers().isEmpty()
                    || to.modifier(1) < from.modifier(1) || to.modifier(0) - to.modifier(1) < from.modifier(0) - from.modifier(1))
                    : !to.modifiers().isEmpty() && (from.modifiers().isEmpty() || to.modifier(0) < from.modifier(0));
        }
        if (to.base().equals("text") || (to.base().equals("varchar") && to.modifiers().isEmpty())) return false;
        for (List<String> chain : WIDENINGS) {
            int a = chain.indexOf(from.base());
            int b = chain.indexOf(to.base());
            if (a >= 0 && b > a && (!to.base().equals("numeric") || to.modifiers().isEmpty())) return false;
        }
        return true;
    }
}
