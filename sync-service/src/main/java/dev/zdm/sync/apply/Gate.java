package dev.zdm.sync.apply;

import dev.zdm.sync.cdc.CapturedEvent;
import dev.zdm.sync.cdc.Unavailable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a dual-write change needs an apply: an insert always does; an update only when it
 * changed a column the mapping reads (with the old image missing, it cannot tell, and applies: the
 * apply is idempotent); a delete never (the row, both shapes of it, is gone). So zdm's echo (it
 * changed only target columns) and a write of the new shape by a newer application version (it did
 * not change the old column) are never copied over.
 */
final class Gate {
    private Gate() {
    }

    static boolean needsApply(CapturedEvent.Change change, Set<String> watched) {
        switch (change.op()) {
            case INSERT:
                return true;
            case DELETE:
                return false;
            default:
                break;
        }
        Map<String, Object> before = change.before();
        Map<String, Object> after = change.after();
        if (after == null) return false;
        if (before == null) return true;
        for (String column : watched) {
            Object now = after.get(column);
            if (Unavailable.is(now)) continue;
            if (!before.containsKey(column) || Unavailable.is(before.get(column))) return true;
            if (!same(before.get(column), now)) return true;
        }
        return false;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof ByteBuffer x && b instanceof ByteBuffer y) return x.duplicate().equals(y.duplicate());
        return Objects.equals(a, b);
    }
}
