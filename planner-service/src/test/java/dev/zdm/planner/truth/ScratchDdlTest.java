package dev.zdm.planner.truth;

import dev.zdm.domain.sql.TableName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchDdlTest {
    @Test
    void rebuildsObjectsUnderTheirLiveSchemasAndNamesInDependencyOrder() {
        ScratchDdl.Column id = new ScratchDdl.Column("id", "bigint", null, true, "a", null, null);
        ScratchDdl.Column mood = new ScratchDdl.Column("Mood", "\"Live Data\".mood", "\"pg_catalog\".\"C\"", false, "", null,
                "'ok'::\"Live Data\".mood");
        ScratchDdl.Column total = new ScratchDdl.Column("total", "integer", null, false, "", "(id * 2)", null);
        ScratchDdl.Objects objects = new ScratchDdl.Objects(
                List.of(new ScratchDdl.Extension("citext", "public")),
                List.of(new ScratchDdl.EnumType("Live Data", "mood", List.of("ok", "it's sad"))),
                List.of(new ScratchDdl.Domain("public", "positive", "integer", true, null, List.of("CHECK ((VALUE > 0))"))),
                List.of("CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$"),
                List.of(new ScratchDdl.Sequence("public", "orders_id_seq")),
                List.of(new ScratchDdl.Table("Live Data", "Accounts", true, List.of(id, mood, total))),
                List.of(new ScratchDdl.Constraint(new TableName("Live Data", "Accounts"), "Accounts_pkey", "PRIMARY KEY (id)")),
                List.of(new ScratchDdl.Index(new TableName("Live Data", "Accounts"), "by mood", "CREATE INDEX \"by mood\" ON \"Live Data\".\"Accounts\" USING btree (\"Mood\")", true)),
                List.of("CREATE TRIGGER t BEFORE UPDATE ON \"Live Data\".\"Accounts\" FOR EACH ROW EXECUTE FUNCTION public.touch()"));

        assertThat(ScratchDdl.build(objects)).containsExactly(
                "CREATE SCHEMA IF NOT EXISTS \"Live Data\"",
                "CREATE SCHEMA IF NOT EXISTS public",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public",
                "CREATE TYPE \"Live Data\".mood AS ENUM ('ok', 'it''s sad')",
                "CREATE DOMAIN public.positive AS integer NOT NULL CHECK ((VALUE > 0))",
                "CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$",
                "CREATE SEQUENCE IF NOT EXISTS public.orders_id_seq",
                "CREATE UNLOGGED TABLE \"Live Data\".\"Accounts\" (id bigint NOT NULL GENERATED ALWAYS AS IDENTITY, "
                        + "\"Mood\" \"Live Data\".mood COLLATE \"pg_catalog\".\"C\", total integer GENERATED ALWAYS AS ((id * 2)) STORED)",
                "ALTER TABLE \"Live Data\".\"Accounts\" ALTER COLUMN \"Mood\" SET DEFAULT 'ok'::\"Live Data\".mood",
                "ALTER TABLE \"Live Data\".\"Accounts\" ADD CONSTRAINT \"Accounts_pkey\" PRIMARY KEY (id)",
                "CREATE INDEX \"by mood\" ON \"Live Data\".\"Accounts\" USING btree (\"Mood\")",
                "ALTER TABLE \"Live Data\".\"Accounts\" CLUSTER ON \"by mood\"",
                "CREATE TRIGGER t BEFORE UPDATE ON \"Live Data\".\"Accounts\" FOR EACH ROW EXECUTE FUNCTION public.touch()");
    }

    @Test
    void scratchDatabaseNamesCarryTheirCreationTimeSoLeftOversCanBeAged() {
        Instant now = Instant.ofEpochSecond(1_700_010_000);
        assertThat(ScratchDatabase.name(now)).matches("zdm_scratch_1700010000_[a-z0-9]{8}");
        String left = "zdm_scratch_1700000000_deadbeef";
        assertThat(ScratchDatabase.olderThan(left, now, Duration.ofHours(1))).isTrue();
        assertThat(ScratchDatabase.olderThan(left, now, Duration.ofHours(3))).isFalse();
        assertThat(ScratchDatabase.olderThan("zdm_scratch_of_someone_else", now, Duration.ZERO)).isFalse();
        assertThat(ScratchDatabase.olderThan("app", now, Duration.ZERO)).isFalse();
    }
}
