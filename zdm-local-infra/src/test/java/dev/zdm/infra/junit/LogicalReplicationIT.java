package dev.zdm.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared PostgreSQL really decodes WAL with pgoutput, as zdm's change capture needs. */
@ExtendWith(ZdmInfraExtension.class)
class LogicalReplicationIT {

    @Test
    void aPgoutputSlotSeesACommittedInsert(TestInfra infra) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, price numeric(12,2))");
            s.execute("CREATE PUBLICATION zdm_pub FOR TABLE orders");
            s.execute("SELECT pg_create_logical_replication_slot('t', 'pgoutput')");
            s.execute("INSERT INTO orders VALUES (1, 9.99)");

            int changes = 0;
            boolean sawInsert = false;
            try (ResultSet rs = s.executeQuery("SELECT data FROM pg_logical_slot_peek_binary_changes('t', NULL, NULL,"
                    + " 'proto_version', '1', 'publication_names', 'zdm_pub')")) {
                while (rs.next()) {
                    byte[] message = rs.getBytes(1);
                    changes++;
                    sawInsert |= message.length > 0 && message[0] == 'I';
                }
            }
            assertThat(changes).as("begin, relation, insert, commit").isGreaterThanOrEqualTo(4);
            assertThat(sawInsert).as("a pgoutput Insert message").isTrue();

            try (ResultSet rs = s.executeQuery("SELECT plugin, database FROM pg_replication_slots WHERE slot_name = 't'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("pgoutput");
                assertThat(rs.getString(2)).isEqualTo(infra.database());
            }
            s.execute("SELECT pg_drop_replication_slot('t')");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 't'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
