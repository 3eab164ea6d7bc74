package dev.zdm.cli.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each layout's migrations in the order its tool applies them; down and undo files are not migrations. */
class MigrationFolderTest {
    @TempDir
    Path dir;

    private List<String> order(String... files) throws Exception {
        for (String f : files) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "SELECT 1;\n");
        }
        return MigrationFolder.list(dir).stream().map(MigrationFolder.Entry::name).toList();
    }

    @Test
    void flyway_by_version_numbers_then_repeatables_and_no_undo() throws Exception {
        assertThat(order("V10__c.sql", "V2__b.sql", "V1__a.sql", "V1_1__a2.sql", "V1.2__a3.sql", "R__views.sql", "U2__undo_b.sql"))
                .containsExactly("V1__a.sql", "V1_1__a2.sql", "V1.2__a3.sql", "V2__b.sql", "V10__c.sql", "R__views.sql");
    }

    @Test
    void golang_migrate_and_sqlx_up_files_by_version() throws Exception {
        assertThat(order("000010_c.up.sql", "000002_b.up.sql", "000001_a.up.sql", "000001_a.down.sql", "000002_b.down.sql"))
                .containsExactly("000001_a.up.sql", "000002_b.up.sql", "000010_c.up.sql");
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        assertThat(order("20240102000000_b.sql", "20231231235959_a.sql")).containsExactly("20231231235959_a.sql", "20240102000000_b.sql");
    }

    @Test
    void prisma_and_diesel_name_each_migration_by_its_folder() throws Exception {
        assertThat(order("20230202000000_orders/migration.sql", "20230101000000_init/migration.sql", "migration_lock.toml"))
                .containsExactly("20230101000000_init/migration.sql", "20230202000000_orders/migration.sql");
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        assertThat(order("2019-03-05-233828_comment/up.sql", "2019-03-05-233828_comment/down.sql", "2019-02-27-170003_community/up.sql",
                "00000000000000_diesel_initial_setup/up.sql"))
                .containsExactly("00000000000000_diesel_initial_setup/up.sql", "2019-02-27-170003_community/up.sql", "2019-03-05-233828_comment/up.sql");
    }

    @Test
    void plain_numbered_files_by_number_not_by_text() throws Exception {
        assertThat(order("10_c.sql", "2-b.sql", "1_a.sql", "notes.sql")).containsExactly("1_a.sql", "2-b.sql", "10_c.sql", "notes.sql");
    }

    @Test
    void goose_and_dbmate_files_migrate_up_only_and_keep_their_line_numbers() {
        String goose = "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n-- +goose Down\nDROP TABLE a;\n";
        String up = UpSection.of(goose);
        assertThat(up).contains("CREATE TABLE a").contains("SELECT 1;").doesNotContain("DROP TABLE");
        assertThat(up.lines().count()).isEqualTo(goose.lines().count());
        String dbmate = "-- migrate:up\nALTER TABLE a ADD COLUMN b int;\n\n-- migrate:down\nALTER TABLE a DROP COLUMN b;\n";
        assertThat(UpSection.of(dbmate)).contains("ADD COLUMN b").doesNotContain("DROP COLUMN");
        assertThat(UpSection.of("DROP TABLE plain;\n")).isEqualTo("DROP TABLE plain;\n");
    }
}
