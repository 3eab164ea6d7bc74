package dev.zdm.planner.strategy;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.domain.plan.BatchOptions;
import dev.zdm.domain.plan.DeploymentGate;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.domain.sql.TableName;
import dev.zdm.planner.catalog.TableStats;
import dev.zdm.planner.parse.Metadata;

import java.util.List;

/**
 * What a strategy needs besides the statements: the live catalog and the claim's options, each
 * taken from the anchor's metadata when given, else from {@link PlannerSettings}.
 */
public record PlanContext(Catalog catalog, Metadata metadata, PlannerSettings settings) {

    public long lockTimeoutMs() {
        return metadata.lockTimeoutMs() != null ? metadata.lockTimeoutMs() : settings.lockTimeoutMs();
    }

    public long statementTimeoutMs() {
        return metadata.statementTimeoutMs() != null ? metadata.statementTimeoutMs() : 0;
    }

    /** The deployment the {@code n}-th APP phase of this change waits for, from 0. */
    public DeploymentGate gate(int n) {
        String service = metadata.service() != null ? metadata.service() : settings.service();
        List<String> versions = metadata.deploymentVersions() != null ? metadata.deploymentVersions()
                : metadata.deploymentVersion() != null ? List.of(metadata.deploymentVersion()) : settings.versions();
        String version = n < versions.size() ? versions.get(n) : versions.get(versions.size() - 1) + "+" + (n - versions.size() + 1);
        return new DeploymentGate(service, version);
    }

    /** Backfill pacing: the metadata's values over the defaults. */
    public BatchOptions batch() {
        BatchOptions d = settings.batch();
        return new BatchOptions(metadata.batchSize() != null ? metadata.batchSize() : d.batchSize(),
                metadata.delayMs() != null ? metadata.delayMs() : d.delayMs(),
                metadata.maxDurationMs() != null ? metadata.maxDurationMs() : d.maxDurationMs(),
                metadata.rolloutPercentage() != null ? metadata.rolloutPercentage() : d.rolloutPercentage());
    }

    /**
     * The key a backfill or copy walks: metadata {@code keyColumn}, else the primary key; never a guess.
     * Without a database (a plan only shown) an unknown table's key is the placeholder {@code <primary
     * key of t>}; with one, a table without a primary key fails naming it.
     */
    public List<String> keyColumns(TableName table) {
        if (metadata.keyColumn() != null) return List.of(metadata.keyColumn());
        List<String> pk = catalog.table(table).map(TableStats::rowKey).orElse(List.of());
        if (pk.isEmpty() && !catalog.complete() && catalog.table(table).isEmpty()) {
            // Planned without a database: shown, never run (the planner service plans with the live catalog). Say so, do not guess.
            return List.of("<primary key of " + table + ">");
        }
        if (pk.isEmpty()) {
            throw new ZdmException(ErrorCode.INVALID_REQUEST, "the key of " + table + " is unknown (" + (catalog.table(table).isPresent()
                    ? "it has no primary key and no unique index on NOT NULL columns" : "no catalog knows the table") + "); zdm walks a table by its key and never guesses one: "
                    + "plan with --pg, or name it with -- @metadata {\"keyColumn\": \"...\"}");
        }
        return pk;
    }

    public String breaker() {
        return metadata.breaker() != null ? metadata.breaker() : settings.breaker();
    }

    public int removalDays() {
        return metadata.removalDays() != null ? metadata.removalDays() : settings.removalDays();
    }
}
