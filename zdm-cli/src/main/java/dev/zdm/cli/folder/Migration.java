package dev.zdm.cli.folder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One migration of a tool's folder, as its tool reads it.
 *
 * @param version       the version as the tool writes it in its history ({@code 1.2}, {@code 20240101120000}); null for a
 *                      repeatable Flyway migration
 * @param order         the version's numbers, for ordering (empty: no version)
 * @param description   what its name says ({@code add users}), as the tool records it
 * @param name          the file (or folder) relative to the migrations folder, for messages
 * @param file          the file holding its up SQL
 * @param up            the SQL that migrates up, with every line where the file has it (other lines blank)
 * @param down          the SQL that migrates down, or null when the format has none for it
 * @param transactional false when the file says its tool must not wrap it in a transaction (goose
 *                      {@code NO TRANSACTION}, dbmate {@code transaction:false}, Flyway
 *                      {@code executeInTransaction=false}); zdm runs each statement in a step of its own either way
 * @param repeatable    a Flyway {@code R__} migration: applied again whenever its checksum changes
 */
public record Migration(String version, List<BigInteger> order, String description, String name, Path file, String up, String down,
                        boolean transactional, boolean repeatable) {
    public Migration {
        order = List.copyOf(order);
    }

    /** SHA-256 of its up SQL as the file has it, hex: what drift is judged by. */
    public String checksum() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(up.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
