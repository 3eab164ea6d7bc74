package dev.zdm.cli.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each reader on a real-world layout (origins in src/test/resources/layouts/README.md and the
 * corpus's MANIFEST.tsv): the tool it detects, versions as the tool records them, descriptions, up and
 * down SQL, directives; and what each refuses, naming the file and the reason.
 */
class MigrationFormatsTest {
    private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");

    @TempDir
    Path dir;

    private void write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Corpus files of {@code project} back under their original paths below {@code under}, at most {@code limit}. */
    private int fromCorpus(String project, String under, int limit) throws IOException {
        int n = 0;
        for (String line : Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"))) {
            String[] f = line.split("\t");
            if (!f[0].equals(project) || !f[3].startsWith(under) || n >= limit) continue;
            Path target = dir.resolve(f[3].substring(under.length()));
            Files.createDirectories(target.getParent());
            Files.copy(CORPUS.resolve(f[4]), target);
            n++;
        }
        return n;
    }

    private List<Migration> read() {
        return MigrationFormats.of(dir, null).read(dir);
    }

    @Test
    void flyway_versions_with_dots_undo_repeatables_and_a_script_config() throws Exception {
        for (String name : List.of("V1__initial.sql", "V1_1__initial.sql", "V1_2__worker_heartbeat.sql", "V1_11__execution_parentid.sql",
                "V2__setting.sql", "V10__metric_missing_value.sql")) {
            write(name, "CREATE TABLE t_" + name.length() + " (id int);\n");
        }
        write("U1_2__worker_heartbeat.sql", "DROP TABLE worker_heartbeat;\n");
        write("R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        write("V1_11__execution_parentid.sql.conf", "executeInTransaction=false\n");
        assertThat(MigrationFormats.detect(dir)).map(MigrationFormat::name).contains("flyway");
        List<Migration> m = read();
        assertThat(m).extracting(Migration::version).containsExactly("1", "1.1", "1.2", "1.11", "2", "10", null);
        assertThat(m.get(2).description()).isEqualTo("worker heartbeat");
        assertThat(m.get(2).down()).isEqualTo("DROP TABLE worker_heartbeat;\n");
        assertThat(m.get(3).transactional()).isFalse();
        assertThat(m.get(6).repeatable()).isTrue();
        assertThat(m.get(6).name()).isEqualTo("R__views.sql");

        write("V1.1__again.sql", "SELECT 1;\n");
        assertThatThrownBy(this::read).isInstanceOfSatisfying(ZdmException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("version 1.1").contains("V1_1__initial.sql").contains("V1.1__again.sql");
        });
        Files.delete(dir.resolve("V1.1__again.sql"));
        write("notes.sql", "SELECT 1;\n");
        assertThatThrownBy(this::read).isInstanceOfSatisfying(ZdmException.class,
                e -> assertThat(e.location() + ": " + e.getMessage()).contains("notes.sql: not a Flyway migration name"));
    }

    @Test
    void goose_files_of_hatchet_migrate_up_only() throws Exception {
        assertThat(fromCorpus("hatchet", "cmd/hatchet-migrate/migrate/migrations/", 4)).isEqualTo(4);
        assertThat(MigrationFormats.detect(dir)).map(MigrationFormat::name).contains("goose");
        List<Migration> m = read();
        assertThat(m).hasSize(4);
        assertThat(m.get(0).version()).isEqualTo("20240115180414");
        assertThat(m.get(0).description()).isEqualTo("init");
        assertThat(m.get(0).up()).contains("CREATE TYPE \"TenantMemberRole\"").doesNotContainIgnoringCase("+goose down");
        assertThat(m).extracting(Migration::version).isSorted();

        write("20990101000000_plain.sql", "SELECT 1;\n");
        assertThatThrownBy(this::read).isInstanceOfSatisfying(ZdmException.class,
                e -> assertThat(e.location() + ": " + e.getMessage()).contains("20990101000000_plain.sql: has no '-- +goose up' line"));
    }

    @Test
    void goose_no_transaction_and_down_section() throws Exception {
        write("00001_a.sql", "-- +goose Up\n-- +goose NO TRANSACTION\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\nDROP INDEX i;\n");
        write("00002_b.sql", "-- +goose Up\nALTER TABLE t ADD COLUMN b int;\n");
        List<Migration> m = read();
        assertThat(m).extracting(Migration::version).containsExactly("1", "2");
        assertThat(m.get(0).transactional()).isFalse();
        assertThat(m.get(0).down()).isEqualTo("DROP INDEX i;\n");
        assertThat(m.get(1).transactional()).isTrue();
        assertThat(m.get(1).down()).isNull();
    }

    @Test
    void dbmate_testdata_and_a_version_used_twice() throws Exception {
        for (Path f : Files.list(Path.of("src", "test", "resources", "layouts", "dbmate")).toList()) Files.copy(f, dir.resolve(f.getFileName()));
        write("20230101000000_no_tx.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON posts (name);\n-- migrate:down\nDROP INDEX i;\n");
        assertThat(MigrationFormats.detect(dir)).map(MigrationFormat::name).contains("dbmate");
        List<Migration> m = read();
        assertThat(m).extracting(Migration::version).containsExactly("20200227231541", "20220607110405", "20230101000000");
        assertThat(m.get(0).up()).contains("create table posts").doesNotContain("drop table posts");
        assertThat(m.get(1).down()).isEqualTo("drop table categories;\n");
        assertThat(m.get(2).transactional()).isFalse();

        write("20200227231541_test_status.sql", "-- migrate:up\nalter table posts add column status text;\n");
        assertThatThrownBy(this::read).isInstanceOfSatisfying(ZdmException.class,
                e -> assertThat(e.getMessage()).contains("version 20200227231541").contains("test_posts.sql").contains("test_status.sql"));
    }

    @Test
    void diesel_folders_of_lemmy() throws Exception {
        assertThat(fromCorpus("lemmy", "migrations/", 5)).isEqualTo(5);
        assertThat(MigrationFormats.detect(dir)).map(MigrationFormat::name).contains("diesel");
        List<Migration> m = read();
        assertThat(m).hasSize(5);
        assertThat(m.get(0).version()).isEqualTo("00000000000000");
        assertThat(m.get(1).version()).isEqualTo("20190227170003");
        assertThat(m.get(1).description()).isEqualTo("create community");
        assertThat(m.get(1).name()).isEqualTo("2019-02-27-170003_create_community/up.sql");
    }

    @Test
    void prisma_folders_of_cal_com_two_with_one_timestamp() throws Exception {
        for (String folder : List.of("20210605225044_init", "20210615140247_added_selected_calendar", "20220305233635_rename_indexes",
                "20220305233635_availability_schedules", "20220308100145_")) {
            write(folder + "/migration.sql", "-- " + folder + "\nSELECT 1;\n");
        }
        write("migration_lock.toml", "provider = \"postgresql\"\n");
        assertThat(MigrationFormats.detect(dir)).map(MigrationFormat::name).contains("prisma");
        assertThat(read()).extracting(Migration::version).containsExactly("20210605225044_init", "20210615140247_added_selected_calendar",
                "20220305233635_availability_schedules", "20220305233635_rename_indexes", "20220308100145_");
        write("seed.sql", "INSERT INTO t VALUES (1);\n");
        assertThatThrownBy(this::read).isInstanceOfSatisfying(ZdmException.class,
                e -> assertThat(e.location() + ": " + e.getMessage()).contains("seed.sql: not a prisma migration"));
    }

    @Test
    void golang_migrate_naming_of_kratos_and_its_down_files() throws Exception {
        assertThat(fromCorpus("kratos", "persistence/sql/migrations/legacy/", 3)).isEqualTo(3);
        for (Path up : Files.list(dir).toList()) {
            Files.writeString(up.resolveSibling(up.getFileName().toString().replace(".up.sql", ".down.sql")), "-- down of " + up.getFileName() + "\n");
        }
        assertThat(MigrationFormats.detect(dir)).map(MigrationFormat::name).contains("golang-migrate");
        List<Migration> m = read();
        assertThat(m).hasSize(3);
        assertThat(m.get(0).version()).isEqualTo("20191100000001");
        assertThat(m.get(0).down()).startsWith("-- down of 20191100000001_identities.postgres.up.sql");
    }

    @Test
    void numbered_files_of_appflowy() throws Exception {
        assertThat(fromCorpus("appflowy", "migrations/", 6)).isEqualTo(6);
        assertThat(MigrationFormats.detect(dir)).map(MigrationFormat::name).contains("numbered");
        List<Migration> m = read();
        assertThat(m.get(0).version()).isEqualTo("20230312043024");
        assertThat(m.get(0).description()).isEqualTo("user");
        assertThat(m).extracting(Migration::order).allSatisfy(o -> assertThat(o).hasSize(1));
    }

    @Test
    void a_folder_of_no_known_layout_is_refused_naming_the_layouts() throws Exception {
        write("notes.sql", "SELECT 1;\n");
        write("more/readme.sql", "SELECT 2;\n");
        assertThat(MigrationFormats.detect(dir)).isEmpty();
        assertThatThrownBy(this::read).isInstanceOfSatisfying(ZdmException.class,
                e -> assertThat(e.getMessage()).contains("no migration layout zdm knows").contains("flyway, goose, dbmate"));
        Map<String, Long> names = MigrationFormats.ALL.stream().collect(Collectors.groupingBy(MigrationFormat::name, Collectors.counting()));
        assertThat(names.values()).as("one reader per name").containsOnly(1L);
    }
}
