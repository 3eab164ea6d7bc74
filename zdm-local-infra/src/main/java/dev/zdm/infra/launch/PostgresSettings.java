package dev.zdm.infra.launch;

import java.util.LinkedHashMap;
import java.util.Map;

/** The server settings of every PostgreSQL started here, embedded or in a container. */
public final class PostgresSettings {

    private PostgresSettings() {
    }

    /**
     * The defaults, with {@code overrides} applied on top.
     *
     * <ul>
     *   <li>{@code wal_level=logical}: change data capture through {@code pgoutput} needs it.</li>
     *   <li>{@code max_replication_slots} and {@code max_wal_senders} 32: each sync and each test class
     *       may hold a slot and a sender at once; the server default of 10 runs out.</li>
     *   <li>{@code synchronous_commit=on}: zonky turns it off, which makes change capture wait for the
     *       WAL writer (p50 ~200 ms instead of ~11 ms).</li>
     *   <li>{@code fsync=off}: the data lives in a temporary folder deleted on close, so surviving an
     *       operating-system crash is worthless; not flushing keeps backfills fast on shared disks.</li>
     *   <li>{@code max_connections=300}: several services, pools and tests share one server.</li>
     *   <li>{@code listen_addresses=127.0.0.1}: loopback only (ignored in a container, which must listen
     *       on its own network).</li>
     * </ul>
     */
    public static Map<String, String> withDefaults(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("wal_level", "logical");
        settings.put("max_replication_slots", "32");
        settings.put("max_wal_senders", "32");
        settings.put("synchronous_commit", "on");
        settings.put("fsync", "off");
        settings.put("max_connections", "300");
        settings.put("listen_addresses", FreePorts.LOOPBACK);
        settings.put("timezone", "UTC");
        settings.putAll(overrides);
        return settings;
    }
}
