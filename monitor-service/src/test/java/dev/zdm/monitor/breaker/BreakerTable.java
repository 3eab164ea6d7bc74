package dev.zdm.monitor.breaker;

import dev.zdm.infra.junit.TestInfra;
import dev.zdm.monitor.probe.PgSession;

/** The breakers table as the control-schema setup creates it (zdm-runtime's V1__control_schema.sql). */
final class BreakerTable {
    private BreakerTable() {
    }

    static void create(TestInfra infra) throws Exception {
        try (PgSession s = PgSession.open(infra, "setup")) {
            s.execute("CREATE SCHEMA IF NOT EXISTS zdm");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS zdm._migration_circuit_breakers (
                        breaker_name  text PRIMARY KEY,
                        target        text        NOT NULL DEFAULT '',
                        state         text        NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'half_open')),
                        failure_count integer     NOT NULL DEFAULT 0,
                        success_count integer     NOT NULL DEFAULT 0,
                        opened_at     timestamptz,
                        updated_at    timestamptz NOT NULL DEFAULT now(),
                        last_reason   text
                    )""");
            s.commit();
        }
    }

    static void truncate(TestInfra infra) throws Exception {
        try (PgSession s = PgSession.open(infra, "setup")) {
            s.execute("TRUNCATE zdm._migration_circuit_breakers");
            s.commit();
        }
    }
}
