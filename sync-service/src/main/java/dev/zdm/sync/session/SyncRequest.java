package dev.zdm.sync.session;

import dev.zdm.domain.sql.TableName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A command to the sync service. A closed set; every request names its migration, target and phase. */
public sealed interface SyncRequest {
    String migrationId();

    String target();

    /** The phase that asked, echoed in the answer so the asker can match it. */
    String phaseId();

    /** Start capturing and applying (and, for blue-green, copy the existing rows). */
    record Start(String phaseId, SyncSpec spec) implements SyncRequest {
        public Start {
            Objects.requireNonNull(spec, "spec");
        }

        @Override
        public String migrationId() {
            return spec.migrationId();
        }

        @Override
        public String target() {
            return spec.target();
        }
    }

    /** Dual-write: apply new to old from now on. */
    record Reverse(String migrationId, String target, String phaseId) implements SyncRequest {
    }

    /** Wait until every change committed before now is applied. */
    record Drain(String migrationId, String target, String phaseId) implements SyncRequest {
    }

    /** Compare counts and checksums per key range of {@code sourceTable} through {@code mapping} with {@code targetTable}. */
    record Verify(String migrationId, String target, String phaseId, TableName sourceTable, TableName targetTable,
                  List<String> keyColumns, Map<String, String> mapping) implements SyncRequest {
        public Verify {
            Objects.requireNonNull(sourceTable, "sourceTable");
            Objects.requireNonNull(targetTable, "targetTable");
            keyColumns = List.copyOf(keyColumns);
            mapping = Map.copyOf(mapping);
        }
    }

    /** Cut over: {@code blueTable} becomes {@code retiredName}, {@code greenTable} becomes {@code blueTable}. */
    record Switch(String migrationId, String target, String phaseId, TableName blueTable, TableName greenTable, String retiredName)
            implements SyncRequest {
        public Switch {
            Objects.requireNonNull(blueTable, "blueTable");
            Objects.requireNonNull(greenTable, "greenTable");
        }
    }

    /** Stop and clean up: engine, slot, publication, replica identity, stored offsets. */
    record Stop(String migrationId, String target, String phaseId) implements SyncRequest {
    }
}
