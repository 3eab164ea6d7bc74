package dev.zdm.cli;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.parse.ParsedStatement;
import dev.zdm.planner.parse.SqlSplitter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A migration file read as a user wrote it: UTF-8 text, split into statements; every problem says where. */
final class MigrationFile {
    private MigrationFile() {
    }

    /**
     * The file's statements; empty for a file of comments and blank lines only.
     *
     * @throws ZdmException {@code SQL_PARSE} with {@code file:line:column} when the file is not UTF-8
     *                      text or cannot be split
     */
    static List<ParsedStatement> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ZdmException(ErrorCode.SQL_PARSE, "cannot read the file: " + e.getMessage(), file.toString());
        }
        // goose and dbmate keep both directions in one file: only the up section migrates
        String text = dev.zdm.cli.folder.UpSection.of(decode(file, bytes));
        return SqlSplitter.split(file.toString(), text);
    }

    private static String decode(Path file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (!result.isError()) return out.flip().toString();
        int at = in.position();
        int line = 1;
        int column = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        throw new ZdmException(ErrorCode.SQL_PARSE, String.format("not UTF-8 text: byte 0x%02x at offset %d (a binary file?)", bytes[at] & 0xff, at),
                file + ":" + line + ":" + column);
    }
}
