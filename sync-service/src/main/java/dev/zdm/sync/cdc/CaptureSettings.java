package dev.zdm.sync.cdc;

import dev.zdm.sync.db.DbTarget;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The Debezium engine configuration of one capture, declared in one place. Each setting says why.
 *
 * @param tables the captured tables as {@code schema.table}
 */
public record CaptureSettings(DbTarget db, String slot, String publication, List<String> tables) {
    public CaptureSettings {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(publication, "publication");
        tables = List.copyOf(tables);
    }

    public Properties toProperties() {
        Properties p = new Properties();
        // the engine's name keys its offsets; one engine per slot
        p.setProperty("name", slot);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("database.hostname", db.host());
        p.setProperty("database.port", Integer.toString(db.port()));
        p.setProperty("database.dbname", db.database());
        p.setProperty("database.user", db.user());
        p.setProperty("database.password", db.password());
        // names the engine's JMX beans and keys its offsets: unique per slot, stable across restarts
        p.setProperty("topic.prefix", slot);
        p.setProperty("slot.name", slot);
        // zdm creates and drops the slot itself (bounded creation, drop on stop/cancel/failure)
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("publication.name", publication);
        // zdm creates the publication for exactly the tables in flight; should it be gone, Debezium recreates it the same way
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", tables.stream().map(CaptureSettings::regex).collect(Collectors.joining(",")));
        // zdm copies or backfills existing rows itself, after the stream began: no snapshot
        p.setProperty("snapshot.mode", "no_data");
        // the default 500 ms poll puts half a second on every change's lag
        p.setProperty("poll.interval.ms", "10");
        p.setProperty("offset.storage", JdbcOffsetStore.class.getName());
        p.setProperty(JdbcOffsetStore.SLOT, slot);
        // commit offsets after every applied batch: a restart re-delivers at most one batch
        p.setProperty("offset.flush.interval.ms", "0");
        // tell PostgreSQL what was flushed every second, so the slot releases WAL promptly
        p.setProperty("status.update.interval.ms", "1000");
        // zdm's markers: logical decoding messages prefixed with the slot name
        p.setProperty("message.prefix.include.list", regex(slot));
        // deletes are handled from the delete event itself
        p.setProperty("tombstones.on.delete", "false");
        // key values as text-convertible Java values
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("unavailable.value.placeholder", Unavailable.PLACEHOLDER);
        p.setProperty("include.unknown.datatypes", "true");
        // connection losses: Debezium restarts its task a few times before the engine fails
        p.setProperty("errors.max.retries", "5");
        p.setProperty("errors.retry.delay.initial.ms", "300");
        p.setProperty("errors.retry.delay.max.ms", "5000");
        // the slot may still be held for a moment by a sender of an engine that just stopped
        p.setProperty("slot.max.retries", "12");
        p.setProperty("slot.retry.delay.ms", "500");
        // Kafka Connect 4 workers want a bootstrap list even when no Kafka store is used
        p.setProperty("bootstrap.servers", "localhost:9");
        return p;
    }

    static String regex(String name) {
        return name.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\$1");
    }
}
