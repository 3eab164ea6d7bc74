package dev.zdm.sync.cdc;

import dev.zdm.sync.lag.SlotInspector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The replication slot and publication name of a migration: {@code zdm_} plus the migration id in
 * lower case with every other character than a letter or digit turned into {@code _}, cut to 40
 * characters; when that changed the id, a short hash of the original id follows, so two ids never
 * share a slot. The prefix is what {@link SlotInspector} recognises as zdm's.
 */
public final class SlotNames {
    /** Room for the prefix, 40 characters and a 7-character hash suffix within PostgreSQL's 63. */
    private static final int MAX_ID = 40;

    private SlotNames() {
    }

    public static String of(String migrationId) {
        String lower = migrationId.toLowerCase(Locale.ROOT);
        String clean = lower.replaceAll("[^a-z0-9]", "_");
        String cut = clean.length() > MAX_ID ? clean.substring(0, MAX_ID) : clean;
        String name = SlotInspector.SLOT_PREFIX + cut;
        return cut.equals(migrationId) ? name : name + "_" + hash(migrationId);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
