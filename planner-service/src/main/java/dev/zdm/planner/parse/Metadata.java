package dev.zdm.planner.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Options from a {@code -- @metadata {...}} comment; they apply to every statement after the comment
 * until the next one. Every component is null when the comment did not set it; {@link #NONE} sets
 * nothing. The names are the strategy guide's.
 *
 * @param position           where the comment is (null for {@link #NONE})
 * @param zeroDowntime       the author asks for zero-downtime handling even when the analyzer would not
 * @param phase              the guide's phase label, e.g. {@code expand}, {@code blue-green-switch}
 * @param strategy           a strategy name that overrides the analyzer's choice
 * @param progressive        run as a progressive (batched / concurrent) change
 * @param batchSize          first batch size of a backfill
 * @param delayMs            pause between batches
 * @param maxDurationMs      stop a backfill (resumably) after this long ({@code maxDuration} is accepted too)
 * @param rolloutPercentage  share of the key range (backfill) or first flag step, 1..100
 * @param mapping            target column to source expression, for blue-green
 * @param deploymentVersion  the application version the first APP phase waits for
 * @param deploymentVersions the versions successive APP phases wait for, in order
 * @param service            the application service whose deployments release APP phases
 * @param lockTimeoutMs      lock_timeout for this change's DDL
 * @param statementTimeoutMs statement_timeout for this change's DDL
 * @param flag               feature flag name
 * @param rolloutSteps       flag percentages in order, e.g. 10, 50, 100
 * @param breaker            the circuit breaker that gates flag steps
 * @param partialIndexWhere  build a partial index with this predicate first, then the full one
 * @param keyColumn          the key a backfill walks (default: the table's primary key, else {@code id})
 * @param removalDays        days between deprecating and dropping (expand-contract)
 * @param allow              finding codes the author accepts on purpose, e.g. {@code REWRITE}: reported as accepted, and
 *                           a statement whose every WARNING and DANGER finding is accepted runs as written
 */
public record Metadata(SourcePosition position, Boolean zeroDowntime, String phase, String strategy,
                       Boolean progressive, Integer batchSize, Long delayMs, Long maxDurationMs,
                       Integer rolloutPercentage, Map<String, String> mapping, String deploymentVersion,
                       List<String> deploymentVersions, String service, Long lockTimeoutMs,
                       Long statementTimeoutMs, String flag, List<Integer> rolloutSteps, String breaker,
                       String partialIndexWhere, String keyColumn, Integer removalDays, List<String> allow) {

    /** No metadata: every option at its default. */
    public static final Metadata NONE = new Metadata(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null);

    public Metadata {
        mapping = mapping == null ? null : Map.copyOf(mapping);
        deploymentVersions = deploymentVersions == null ? null : List.copyOf(deploymentVersions);
        rolloutSteps = rolloutSteps == null ? null : List.copyOf(rolloutSteps);
        allow = allow == null ? null : List.copyOf(allow);
    }

    /** The finding codes the author accepts (empty when none). */
    public List<String> allowed() {
        return allow == null ? List.of() : allow;
    }

    /** True when the author set {@code "zeroDowntime": true}. */
    public boolean wantsZeroDowntime() {
        return Boolean.TRUE.equals(zeroDowntime);
    }

    /** True when the author set {@code "progressive": true}. */
    public boolean isProgressive() {
        return Boolean.TRUE.equals(progressive);
    }

    /** The phase label, if any. */
    public Optional<String> phaseLabel() {
        return Optional.ofNullable(phase);
    }

    /** The strategy the author asked for, if any. */
    public Optional<String> requestedStrategy() {
        return Optional.ofNullable(strategy);
    }
}
