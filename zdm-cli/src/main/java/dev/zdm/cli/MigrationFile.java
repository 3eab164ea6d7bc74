package dev.zdm.cli;

import dev.zdm.planner.parse.ParsedStatement;
import dev.zdm.planner.parse.SqlSplitter;
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
        // goose and dbmate keep both directions in one file: only the up section migrates
        String text = dev.zdm.cli.folder.UpSection.of(dev.zdm.cli.folder.FileText.read(file));
        return SqlSplitter.split(file.toString(), text);
    }
}
