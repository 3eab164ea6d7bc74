package dev.zdm.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.infra.InfraException;
import dev.zdm.infra.PgServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalPostgresTest {

    @Test
    void takesHostPortDatabaseAndCredentialsFromTheUrl() {
        PgServer pg = ExternalPostgres.parse("jdbc:postgresql://db.internal:6543/admin?user=zdm&password=s%26cret",
                Optional.empty(), Optional.empty());

        assertThat(pg.host()).isEqualTo("db.internal");
        assertThat(pg.port()).isEqualTo(6543);
        assertThat(pg.adminDatabase()).isEqualTo("admin");
        assertThat(pg.user()).isEqualTo("zdm");
        assertThat(pg.password()).isEqualTo("s&cret");
        assertThat(pg.jdbcUrl("app")).isEqualTo("jdbc:postgresql://db.internal:6543/app?user=zdm&password=s%26cret");
    }

    @Test
    void separateCredentialsOverrideTheUrlsAndThePortDefaults() {
        PgServer pg = ExternalPostgres.parse("jdbc:postgresql://db/admin?user=ignored", Optional.of("owner"),
                Optional.of("pw"));

        assertThat(pg.port()).isEqualTo(5432);
        assertThat(pg.adminDatabase()).isEqualTo("admin");
        assertThat(pg.user()).isEqualTo("owner");
        assertThat(pg.password()).isEqualTo("pw");
    }

    @Test
    void refusesWhatIsNotAPostgresJdbcUrl() {
        assertThatThrownBy(() -> ExternalPostgres.parse("postgres://db:5432/x", Optional.empty(), Optional.empty()))
                .isInstanceOf(InfraException.class)
                .hasMessageContaining("ZDM_PG_URL")
                .hasMessageContaining("jdbc:postgresql://");
    }
}
