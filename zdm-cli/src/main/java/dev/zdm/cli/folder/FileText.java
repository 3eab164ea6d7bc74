package dev.zdm.cli.folder;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A migration file's text: UTF-8, or {@code SQL_PARSE} naming the line and column where it stops being UTF-8. */
public final class FileText {
    private FileText() {
    }

    public static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ZdmException(ErrorCode.SQL_PARSE, "cannot read the file: " + e.getMessage(), file.toString());
        }
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
