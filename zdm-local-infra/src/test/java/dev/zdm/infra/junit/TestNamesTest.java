package dev.zdm.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TestNamesTest {

    private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

    @Test
    void aDatabaseNameIsTheClassInSnakeCaseWithARandomSuffix() {
        assertThat(TestNames.database(OrderSyncIT.class)).matches("test_names_test_order_sync_it_[a-z0-9]{6}");
    }

    @Test
    void longClassNamesAreCutToFitPostgresIdentifiers() {
        String name = TestNames.database(AVeryLongTestClassNameThatKeepsGoingAndGoingWellPastSixtyThreeCharactersIT.class);

        assertThat(name).matches(IDENTIFIER).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void namesAndPrefixesDoNotRepeat() {
        Set<String> databases = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            databases.add(TestNames.database(OrderSyncIT.class));
            prefixes.add(TestNames.topicPrefix());
        }
        assertThat(databases).hasSize(1000).allMatch(n -> n.matches(IDENTIFIER));
        assertThat(prefixes).hasSize(1000).allMatch(p -> p.matches("t[a-z0-9]{8}"));
    }

    @Nested
    class OrderSyncIT {
    }

    static class AVeryLongTestClassNameThatKeepsGoingAndGoingWellPastSixtyThreeCharactersIT {
    }
}
