package dev.zdm.planner.truth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowDdlTest {
    private static final String SHADOW = "zdm_shadow_1700000000_abc";

    @Test
    void copiesTablesThenConstraintsUnderTheirNamesThenIndexesOnTheShadowTable() {
        List<String> ddl = ShadowDdl.build(SHADOW,
                List.of(new ShadowDdl.Table("users", false), new ShadowDdl.Table("Events", true)),
                List.of(new ShadowDdl.Constraint("users", "users_pkey", "PRIMARY KEY (id)")),
                List.of(new ShadowDdl.Index("users", "users_email_idx", "public.users", false,
                        "CREATE INDEX users_email_idx ON public.users USING btree (lower((email)::text)) WHERE (id > 5)")));

        assertThat(ddl).containsExactly(
                "CREATE SCHEMA " + SHADOW,
                "CREATE TABLE " + SHADOW + ".users (LIKE public.users INCLUDING ALL EXCLUDING INDEXES)",
                "CREATE UNLOGGED TABLE " + SHADOW + ".\"Events\" (LIKE public.\"Events\" INCLUDING ALL EXCLUDING INDEXES)",
                "ALTER TABLE " + SHADOW + ".users ADD CONSTRAINT users_pkey PRIMARY KEY (id)",
                "CREATE INDEX users_email_idx ON " + SHADOW + ".users USING btree (lower((email)::text)) WHERE (id > 5)");
    }

    @Test
    void keepsQuotedIndexNamesAndLeavesOutADefinitionItCannotRead() {
        assertThat(ShadowDdl.index(SHADOW, new ShadowDdl.Index("Events", "\"Events_At\"", "public.\"Events\"", true,
                "CREATE UNIQUE INDEX \"Events_At\" ON public.\"Events\" USING btree (at)")))
                .hasValue("CREATE UNIQUE INDEX \"Events_At\" ON " + SHADOW + ".\"Events\" USING btree (at)");
        assertThat(ShadowDdl.index(SHADOW, new ShadowDdl.Index("users", "users_email_idx", "public.users", false,
                "CREATE INDEX users_email_idx ON ONLY public.users USING btree (email)"))).isEmpty();
    }

    @Test
    void pointsSequenceDefaultsAtASequenceOfTheShadow() {
        assertThat(ShadowDdl.ownSequence(SHADOW, "users", "id", 1)).containsExactly(
                "CREATE SEQUENCE " + SHADOW + ".zdm_seq_1",
                "ALTER TABLE " + SHADOW + ".users ALTER COLUMN id SET DEFAULT nextval('" + SHADOW + ".zdm_seq_1'::regclass)");
    }

    @Test
    void namesShadowsByTheirBirthSoThatOnlyStaleOnesAreDropped() {
        Instant now = Instant.ofEpochSecond(1_700_010_000);
        assertThat(Shadow.name(now)).matches("zdm_shadow_1700010000_[a-z0-9]{8}");
        assertThat(Shadow.stale(SHADOW, now, Duration.ofHours(1))).isTrue();
        assertThat(Shadow.stale(SHADOW, now, Duration.ofHours(3))).isFalse();
        assertThat(Shadow.stale("zdm_shadow_of_someone_else", now, Duration.ZERO)).isFalse();
    }
}
