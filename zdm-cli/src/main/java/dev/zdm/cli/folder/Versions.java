package dev.zdm.cli.folder;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Versions as migration tools order them: each number of a dotted, dashed or underscored version compared as a number. */
public final class Versions {
    private Versions() {
    }

    /** The numbers of {@code version} ({@code 1_10} and {@code 1.10} are [1, 10]). */
    public static List<BigInteger> parse(String version) {
        List<BigInteger> out = new ArrayList<>();
        for (String part : version.split("[._-]")) if (!part.isEmpty()) out.add(new BigInteger(part));
        return out;
    }

    public static int compare(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
