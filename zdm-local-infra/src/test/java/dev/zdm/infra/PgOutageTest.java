package dev.zdm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgOutageTest {

    @Test
    void postmaster_opts_are_split_into_the_binary_and_its_quoted_options() {
        assertThat(PgOutage.parseOpts("/tmp/pg bin/postgres \"-D\" \"/tmp/epg 1\" \"-p\" \"5432\" \"-c\" \"wal_level=logical\"\n"))
                .containsExactly("/tmp/pg bin/postgres", "-D", "/tmp/epg 1", "-p", "5432", "-c", "wal_level=logical");
        assertThat(PgOutage.parseOpts("\"/opt/pg/bin/postgres\" \"-c\" \"\"")).containsExactly("/opt/pg/bin/postgres", "-c", "");
    }
}
