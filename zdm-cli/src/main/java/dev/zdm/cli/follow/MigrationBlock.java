package dev.zdm.cli.follow;

import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.ProgressEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one migration looks like now, built from its plan and its progress events: a header (id,
 * strategy, state, time), a row per phase (state, a bar with rows done / total, rows/s and ETA, the
 * gate it waits for, why it is throttled) and the last few warnings that matter to an operator, one
 * line each. Phases run one after another, so an event of phase n means the phases before it are
 * done. Not thread-safe.
 */
public final class MigrationBlock {
    /** What a phase row shows. */
    public enum RowState { PENDING, QUEUED, RUNNING, THROTTLED, WAITING, PAUSED, DONE, FAILED, UNDOING, UNDONE }

    /** States after which a migration does nothing more. */
    public static final java.util.Set<String> FINAL = java.util.Set.of("COMPLETED", "FAILED", "REJECTED", "CANCELLED", "ROLLED_BACK");

    private static final Pattern STRATEGY = Pattern.compile("strategy (\\S+)");
    private static final Pattern WAITING = Pattern.compile("waiting for ([^@\\s]+)@(\\S+)");
    private static final int WARNINGS = 3;
    private static final int BAR = 20;

    /** One phase. */
    static final class Row {
        final int index;
        String id;
        String name;
        String gate;
        RowState state = RowState.PENDING;
        long rowsDone;
        Long rowsTotal;
        double rowsPerSecond;
        Long etaMs;
        String throttle;

        Row(int index) {
            this.index = index;
        }
    }

    private final String migrationId;
    private final List<Row> rows = new ArrayList<>();
    private final Deque<String> warnings = new ArrayDeque<>();
    private final List<String> notes = new ArrayList<>();
    private String strategy;
    private String state = "REQUESTED";
    private String message = "";
    private long startedAt = -1;
    private long endedAt = -1;

    /** A migration is over (successfully or not) once a final state arrives from the planner. */
    public static boolean isFinal(ProgressEvent e) {
        return FINAL.contains(e.getState()) && "planner".equals(e.getSource());
    }

    public MigrationBlock(String migrationId) {
        this.migrationId = migrationId;
    }

    public String migrationId() {
        return migrationId;
    }

    public String strategy() {
        return strategy;
    }

    /** The migration's state as the planner last said it (RUNNING, WAITING_DEPLOYMENT, COMPLETED...). */
    public String state() {
        return state;
    }

    /** The last message of the migration (its end's reason once it ended). */
    public String message() {
        return message;
    }

    public int phaseCount() {
        return rows.size();
    }

    /**
     * The most rows one of its phases went through (backfilled, copied, verified): the size of the
     * work, without counting the same rows once per phase.
     */
    public long rowsDone() {
        return rows.stream().mapToLong(r -> r.rowsDone).max().orElse(0);
    }

    /** Milliseconds from its first event to its end (or to {@code now} while it runs); 0 before any event. */
    public long elapsedMs(long now) {
        if (startedAt < 0) return 0;
        return Math.max(0, (endedAt >= 0 ? endedAt : now) - startedAt);
    }

    /** True once the planner reported a final state. */
    public boolean ended() {
        return endedAt >= 0;
    }

    /** Its phases by name, kind and gate, from the {@code MigrationPlanned} event. */
    public void plan(MigrationPlanned p) {
        if (p.getRecommendedStrategy() != null) strategy = p.getRecommendedStrategy();
        for (var phase : p.getPhases()) {
            Row r = row(phase.getIndex());
            r.id = phase.getPhaseId();
            r.name = phase.getName();
            if (phase.getWaitsFor() != null) r.gate = phase.getWaitsFor().getService() + "@" + phase.getWaitsFor().getVersion();
        }
    }

    /**
     * The migration as the control schema holds it, for a migration run elsewhere ({@code zdm
     * status}): its state, strategy, end reason and times (epoch ms; {@code endedAt} -1 while it runs).
     */
    public void restore(String status, String strategy, String message, long startedAt, long endedAt) {
        this.state = status;
        this.strategy = strategy;
        this.message = message == null ? "" : message;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
    }

    /**
     * One phase as the control schema holds it: its status there ({@code PENDING}, {@code DISPATCHED},
     * {@code WAITING_DEPLOYMENT}, {@code COMPLETED}, {@code FAILED}, {@code ROLLING_BACK},
     * {@code ROLLED_BACK}), the release it waits for, and its rows (total null when unknown).
     */
    public void restorePhase(int index, String phaseId, String name, String status, String gate, long rowsDone, Long rowsTotal, String error) {
        Row r = row(index);
        r.id = phaseId;
        r.name = name;
        r.gate = gate;
        r.state = switch (status) {
            case "DISPATCHED", "RUNNING" -> RowState.RUNNING;
            case "WAITING_DEPLOYMENT" -> RowState.WAITING;
            case "COMPLETED" -> RowState.DONE;
            case "FAILED" -> RowState.FAILED;
            case "ROLLING_BACK" -> RowState.UNDOING;
            case "ROLLED_BACK" -> RowState.UNDONE;
            default -> RowState.PENDING;
        };
        r.rowsDone = rowsDone;
        r.rowsTotal = rowsTotal;
        if (error != null && !error.isBlank()) warn("phase " + name + ": " + error);
    }

    /** A line of its own the caller adds (e.g. the demo announcing a deployment). */
    public void note(String line) {
        notes.add(line);
    }

    public void apply(ProgressEvent e) {
        long at = e.getAt().toEpochMilli();
        if (startedAt < 0) startedAt = at;
        String s = e.getState();
        boolean planner = "planner".equals(e.getSource());
        for (int i = rows.size(); i < e.getPhaseCount(); i++) row(i);
        if (planner && "PLANNED".equals(s) && strategy == null) {
            Matcher m = STRATEGY.matcher(e.getMessage());
            if (m.find()) strategy = m.group(1);
        }
        Row r = e.getPhaseIndex() >= 0 ? row(e.getPhaseIndex()) : byId(e.getPhaseId());
        if (r != null) {
            if (e.getPhaseName() != null) r.name = e.getPhaseName();
            if (e.getPhaseId() != null) r.id = e.getPhaseId();
            if (!"ROLLING_BACK".equals(s) && !"ROLLED_BACK".equals(s)) {
                for (Row before : rows) if (before.index < r.index && before.state != RowState.FAILED) before.state = RowState.DONE;
            }
            phase(r, e, planner);
        }
        if (planner) {
            state = s;
            message = e.getMessage();
            if (!FINAL.contains(s)) endedAt = -1; // a rollback after a failure: it runs again
        }
        if (planner && FINAL.contains(s)) {
            endedAt = at;
            if ("COMPLETED".equals(s)) rows.forEach(x -> x.state = RowState.DONE);
            if ("ROLLED_BACK".equals(s)) rows.forEach(x -> x.state = x.state == RowState.PENDING ? RowState.PENDING : RowState.UNDONE);
        }
    }

    private void phase(Row r, ProgressEvent e, boolean planner) {
        String s = e.getState();
        switch (s) {
            case "QUEUED" -> r.state = RowState.QUEUED;
            case "RUNNING" -> r.state = planner && e.getMessage().startsWith("phase ") && e.getMessage().endsWith(" completed")
                    ? RowState.DONE : RowState.RUNNING;
            case "THROTTLED" -> {
                r.state = RowState.THROTTLED;
                r.throttle = e.getThrottleReason() == null ? e.getMessage() : e.getThrottleReason();
                warn(e.getMessage() + (e.getThrottleReason() == null ? "" : " (" + e.getThrottleReason() + ")"));
            }
            case "WAITING_DEPLOYMENT" -> {
                r.state = RowState.WAITING;
                r.gate = gate(e.getMessage(), r.gate);
            }
            case "PAUSED" -> r.state = RowState.PAUSED;
            case "ROLLING_BACK" -> r.state = RowState.UNDOING;
            case "FAILED" -> {
                r.state = RowState.FAILED;
                warn(e.getMessage());
            }
            case "COMPLETED" -> {
                if (!planner && r.state != RowState.DONE) r.state = RowState.RUNNING;
            }
            default -> {
            }
        }
        if (!"THROTTLED".equals(s) && r.state != RowState.THROTTLED) r.throttle = null;
        if (e.getRowsTotal() != null && e.getRowsTotal() > 0) {
            r.rowsTotal = e.getRowsTotal();
            r.rowsDone = e.getRowsDone();
            r.rowsPerSecond = e.getRowsPerSecond();
            r.etaMs = e.getEtaMs();
        } else if (e.getRowsDone() > 0) {
            r.rowsDone = Math.max(r.rowsDone, e.getRowsDone());
        }
    }

    private static String gate(String message, String known) {
        return awaited(message).orElse(known);
    }

    /** The release {@code service@version} a planner's "waiting for service@version" message names, if any. */
    public static java.util.Optional<String> awaited(String message) {
        Matcher m = WAITING.matcher(message);
        return m.find() ? java.util.Optional.of(m.group(1) + "@" + m.group(2)) : java.util.Optional.empty();
    }

    private void warn(String line) {
        if (line == null || line.isBlank() || line.equals(warnings.peekLast())) return;
        warnings.addLast(line);
        while (warnings.size() > WARNINGS) warnings.removeFirst();
    }

    private Row row(int index) {
        while (rows.size() <= index) rows.add(new Row(rows.size()));
        return rows.get(index);
    }

    private Row byId(String phaseId) {
        if (phaseId == null) return null;
        return rows.stream().filter(r -> phaseId.equals(r.id)).findFirst().orElse(null);
    }

    /** The index of the phase with this id, or -1 when no phase of its plan has it. */
    public int indexOf(String phaseId) {
        Row r = byId(phaseId);
        return r == null ? -1 : r.index;
    }

    /** Its phase rows' states, in order (for tests and summaries). */
    public List<RowState> phaseStates() {
        return rows.stream().map(r -> r.state).toList();
    }

    /**
     * The block as lines, each at most {@code width} characters when {@code width > 0}.
     *
     * @param style how states are coloured (or not)
     * @param now   the clock, for the time of a migration that still runs
     */
    public List<String> lines(int width, Style style, long now) {
        List<String> out = new ArrayList<>();
        String shown = shownState();
        String head = migrationId + "  " + (strategy == null ? "" : strategy + "  ") + style.state(shown, shown) + "  " + clock(elapsedMs(now));
        out.add(head);
        int nameWidth = Math.max(8, rows.stream().mapToInt(r -> name(r).length()).max().orElse(8));
        int digits = Integer.toString(Math.max(1, rows.size())).length() * 2 + 1;
        for (Row r : rows) {
            String n = String.format("%" + digits + "s", (r.index + 1) + "/" + rows.size());
            String word = r.state.name().toLowerCase(Locale.ROOT);
            StringBuilder line = new StringBuilder("  ").append(n).append(' ').append(String.format("%-" + nameWidth + "s", name(r)))
                    .append("  ").append(style.row(r.state, String.format("%-9s", word)));
            String detail = detail(r, width > 0 && width < 100 ? BAR / 2 : BAR);
            if (!detail.isEmpty()) line.append(' ').append(detail);
            out.add(line.toString().stripTrailing());
        }
        notes.forEach(n -> out.add("  " + n));
        warnings.forEach(w -> out.add("  " + style.warning("! " + w)));
        if (ended() && !"COMPLETED".equals(state)) out.add("  " + style.warning(state + ": " + message));
        if (width <= 0) return out;
        return out.stream().map(l -> Style.cut(l, width)).toList();
    }

    /**
     * The state the header shows: the final one once it ended; else what its current phase does
     * (waiting for a deployment, throttled, paused, undoing), else the planner's (PLANNED, RUNNING).
     */
    public String shownState() {
        if (ended()) return state;
        Row current = null;
        for (Row r : rows) if (r.state != RowState.PENDING) current = r;
        if (current != null) {
            switch (current.state) {
                case WAITING -> { return "WAITING_DEPLOYMENT"; }
                case THROTTLED -> { return "THROTTLED"; }
                case PAUSED -> { return "PAUSED"; }
                case UNDOING -> { return "ROLLING_BACK"; }
                default -> { }
            }
        }
        return "QUEUED".equals(state) ? "RUNNING" : state;
    }

    private static String name(Row r) {
        return r.name == null ? "phase " + (r.index + 1) : r.name;
    }

    private static String detail(Row r, int bar) {
        StringBuilder d = new StringBuilder();
        if (r.rowsTotal != null && r.rowsTotal > 0) {
            double share = Math.min(1.0, (double) r.rowsDone / r.rowsTotal);
            int filled = (int) Math.round(share * bar);
            d.append('[').append("#".repeat(filled)).append(".".repeat(bar - filled)).append("] ")
                    .append(String.format("%3.0f%% %,d/%,d rows", share * 100, r.rowsDone, r.rowsTotal));
            if (r.state == RowState.RUNNING || r.state == RowState.THROTTLED) {
                if (r.rowsPerSecond > 0) d.append(String.format(" %,.0f rows/s", r.rowsPerSecond));
                if (r.etaMs != null) d.append(" ETA ").append(clock(r.etaMs));
            }
        } else if (r.rowsDone > 0) {
            d.append(String.format("%,d rows", r.rowsDone));
        }
        if (r.gate != null && (r.state == RowState.WAITING || r.state == RowState.PENDING)) {
            d.append(d.length() == 0 ? "" : " ").append(r.state == RowState.WAITING ? "waits for " : "will wait for ").append(r.gate);
        }
        if (r.throttle != null && r.state == RowState.THROTTLED) d.append(d.length() == 0 ? "" : " ").append("(").append(r.throttle).append(')');
        return d.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    public static String clock(long ms) {
        long s = ms / 1000;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
