package dev.zdm.sync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.domain.plan.SyncMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The apply SQL for a dual-write and a blue-green link, as golden strings. */
class ApplySqlTest {
    private static final Link DUAL = Link.of(SyncMode.DUAL_WRITE, Tables.users(), Tables.users(), List.of("id"), Map.of("last_name", "upper(first_name)"));
    private static final Link BLUE_GREEN = Link.of(SyncMode.BLUE_GREEN, Tables.users(), Tables.green(), List.of("id"),
            Map.of("id", "id", "email", "email", "profile", "jsonb_build_object('first', first_name)"));

    @Test
    void dual_write_recomputes_the_new_column_from_the_current_row_and_skips_rows_already_equal() {
        assertThat(ApplySql.dualWrite(DUAL)).isEqualTo("UPDATE public.users SET last_name = (upper(first_name))::text"
                + " FROM (SELECT u.k0::bigint AS zdm_k0 FROM unnest(?::text[]) AS u(k0)) AS zdm_k"
                + " WHERE public.users.id = zdm_k.zdm_k0 AND ROW(public.users.last_name) IS DISTINCT FROM ROW((upper(first_name))::text)");
    }

    @Test
    void blue_green_upserts_from_the_source_row_and_leaves_equal_rows_alone() {
        assertThat(ApplySql.upsert(BLUE_GREEN)).isEqualTo("INSERT INTO public.users_green (id, email, profile)"
                + " SELECT (id)::bigint, (email)::character varying(255), (jsonb_build_object('first', first_name))::jsonb FROM public.users"
                + " WHERE (public.users.id) IN (SELECT zdm_k.zdm_k0 FROM (SELECT u.k0::bigint AS zdm_k0 FROM unnest(?::text[]) AS u(k0)) AS zdm_k)"
                + " ORDER BY public.users.id ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, profile = EXCLUDED.profile"
                + " WHERE ROW(public.users_green.email, public.users_green.profile) IS DISTINCT FROM ROW(EXCLUDED.email, EXCLUDED.profile)");
    }

    @Test
    void blue_green_deletes_keys_the_source_no_longer_has() {
        assertThat(ApplySql.delete(BLUE_GREEN)).isEqualTo("DELETE FROM public.users_green USING"
                + " (SELECT u.k0::bigint AS zdm_k0 FROM unnest(?::text[]) AS u(k0)) AS zdm_k WHERE public.users_green.id = zdm_k.zdm_k0"
                + " AND NOT EXISTS (SELECT 1 FROM public.users WHERE public.users.id = zdm_k.zdm_k0)");
    }

    @Test
    void the_copy_locks_source_rows_against_deletes_and_never_overwrites_what_the_stream_wrote() {
        assertThat(ApplySql.copyBatch(BLUE_GREEN, true)).isEqualTo("INSERT INTO public.users_green (id, email, profile)"
                + " SELECT (id)::bigint, (email)::character varying(255), (jsonb_build_object('first', first_name))::jsonb FROM public.users"
                + " WHERE (public.users.id) > (?::bigint) AND (public.users.id) <= (?::bigint) ORDER BY public.users.id"
                + " FOR KEY SHARE OF users ON CONFLICT (id) DO NOTHING");
        assertThat(ApplySql.copyBatch(BLUE_GREEN, false)).contains("WHERE (public.users.id) <= (?::bigint) ORDER BY");
    }

    @Test
    void the_copy_ends_at_the_largest_key_it_found_at_its_start_ordered_as_the_key_not_as_text() {
        assertThat(ApplySql.copyEnd(BLUE_GREEN)).isEqualTo("SELECT public.users.id::text FROM public.users ORDER BY public.users.id DESC LIMIT 1");
        assertThat(ApplySql.copyBoundary(BLUE_GREEN, true)).isEqualTo("SELECT zdm_b.id::text FROM (SELECT id FROM public.users"
                + " WHERE (id) > (?::bigint) AND (id) <= (?::bigint) ORDER BY id LIMIT ?) AS zdm_b ORDER BY zdm_b.id DESC LIMIT 1");
        assertThat(ApplySql.copyBoundary(BLUE_GREEN, false)).isEqualTo("SELECT zdm_b.id::text FROM (SELECT id FROM public.users"
                + " WHERE (id) <= (?::bigint) ORDER BY id LIMIT ?) AS zdm_b ORDER BY zdm_b.id DESC LIMIT 1");
        var t = Tables.table(5, "lines", "order_id integer int4", "line smallint int2", "qty integer int4", "qty2 integer int4");
        Link composite = Link.of(SyncMode.DUAL_WRITE, t, t, List.of("order_id", "line"), Map.of("qty2", "qty"));
        assertThat(ApplySql.copyEnd(composite)).isEqualTo("SELECT public.lines.order_id::text, public.lines.line::text FROM public.lines"
                + " ORDER BY public.lines.order_id DESC, public.lines.line DESC LIMIT 1");
        assertThat(ApplySql.copyBoundary(composite, true)).endsWith("ORDER BY zdm_b.order_id DESC, zdm_b.line DESC LIMIT 1");
    }

    @Test
    void composite_keys_travel_as_one_array_per_column() {
        var t = Tables.table(5, "lines", "order_id integer int4", "line smallint int2", "qty integer int4", "qty2 integer int4");
        Link link = Link.of(SyncMode.DUAL_WRITE, t, t, List.of("order_id", "line"), Map.of("qty2", "qty"));
        assertThat(ApplySql.dualWrite(link)).contains("FROM (SELECT u.k0::integer AS zdm_k0, u.k1::smallint AS zdm_k1 FROM unnest(?::text[], ?::text[])"
                + " AS u(k0, k1)) AS zdm_k WHERE public.lines.order_id = zdm_k.zdm_k0 AND public.lines.line = zdm_k.zdm_k1");
    }
}
