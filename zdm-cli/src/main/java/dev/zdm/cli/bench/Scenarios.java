package dev.zdm.cli.bench;

import dev.zdm.executor.batch.BackfillSettings;
import java.util.ArrayList;
import java.util.List;

/** The scenarios by name, in the order asked for. The {@code zdm} scenario runs once per target batch time tried. */
final class Scenarios {
    static final List<String> ALL = List.of("none", "single-update", "naive-keyset", "guide-do-loop", "zdm");

    private Scenarios() {
    }

    /**
     * @param names         scenario names from {@link #ALL}
     * @param targetBatchMs target batch times to run zdm with; one row each
     * @param maxBatchRows  zdm's upper cap on a batch
     * @param delayMs       zdm's pause between batches
     * @throws IllegalArgumentException naming an unknown scenario
     */
    static List<Migration> create(List<String> names, List<Long> targetBatchMs, int maxBatchRows, long delayMs) {
        List<Migration> out = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case "none" -> out.add(new NoMigration());
                case "single-update" -> out.add(new SingleUpdate());
                case "naive-keyset" -> out.add(new NaiveKeyset());
                case "guide-do-loop" -> out.add(new GuideDoLoop());
                case "zdm" -> targetBatchMs.forEach(t -> out.add(zdm(t, maxBatchRows, delayMs)));
                default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; choose from " + String.join(", ", ALL));
            }
        }
        return out;
    }

    /** The zdm scenario; named plain {@code zdm} with the executor's defaults, else after what differs. */
    static ZdmBackfill zdm(long targetBatchMs, int maxBatchRows, long delayMs) {
        BackfillSettings d = BackfillSettings.defaults("bench");
        BackfillSettings settings = new BackfillSettings(d.target(), targetBatchMs, d.minBatchRows(), maxBatchRows, d.lockTimeoutMs(),
                d.statementTimeoutMs(), d.progressIntervalMs(), d.backoff());
        return new ZdmBackfill(settings, delayMs, zdmName(settings, d, delayMs));
    }

    static String zdmName(BackfillSettings s, BackfillSettings defaults, long delayMs) {
        List<String> diff = new ArrayList<>();
        if (s.targetBatchMs() != defaults.targetBatchMs()) diff.add("target " + s.targetBatchMs() + " ms");
        if (s.maxBatchRows() != defaults.maxBatchRows()) diff.add("max " + s.maxBatchRows() + " rows");
        if (delayMs != 0) diff.add("delay " + delayMs + " ms");
        return diff.isEmpty() ? "zdm" : "zdm[" + String.join("; ", diff) + "]";
    }
}
