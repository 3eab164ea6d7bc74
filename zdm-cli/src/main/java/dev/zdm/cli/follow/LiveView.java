package dev.zdm.cli.follow;

import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.ProgressEvent;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Migrations as an operator watches them. On a terminal: one block per migration, redrawn in place
 * (at most ten times a second, and every half second for the clocks); a block that ended is drawn
 * once more and stays above the live ones. Elsewhere (piped, {@code CI=true}, {@code TERM=dumb}):
 * plain appended lines, one when a phase changes state, is throttled or waits, and for progress at
 * most every quarter of the rows or ten seconds. Colour only on a terminal and never with
 * {@code NO_COLOR}. Thread-safe.
 */
public final class LiveView implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final long REDRAW_MS = 100;
    private static final long PROGRESS_EVERY_MS = 10_000;

    private final PrintStream out;
    private final boolean terminal;
    private final Style style;
    private final int width;
    private final int height;
    private final LongSupplier clock;
    private final Map<String, MigrationBlock> blocks = new LinkedHashMap<>();
    private final Set<String> retired = new HashSet<>();
    private final Map<String, String> said = new HashMap<>();
    private final Map<String, long[]> progressSaid = new HashMap<>();
    private int drawn;
    private long drawnAt;
    private Thread ticker;

    /**
     * @param terminal redraw in place (else plain lines)
     * @param width    columns of the terminal (lines are cut to it); ignored for plain lines
     * @param height   rows of the terminal: the live area never scrolls
     */
    public LiveView(PrintStream out, boolean terminal, Style style, int width, int height, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.style = style;
        this.width = width;
        this.height = height;
        this.clock = clock;
    }

    /**
     * A view on {@code out}: when that is standard output, a terminal or not as it finds it (ticking
     * on its own on a terminal); any other stream gets plain lines.
     */
    public static LiveView on(PrintStream out) {
        Terminal t = out == System.out ? Terminal.detect() : new Terminal(false, false, 80, 24);
        LiveView view = new LiveView(out, t.interactive(), t.colour() ? Style.COLOUR : Style.PLAIN,
                t.columns(), t.rows(), System::currentTimeMillis);
        if (t.interactive()) view.startTicking();
        return view;
    }

    /** The terminal's columns, or 0 for plain lines (no limit). */
    public int width() {
        return terminal ? width : 0;
    }

    /** True when it redraws in place. */
    public boolean terminal() {
        return terminal;
    }

    private void startTicking() {
        ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                tick();
            }
        }, "zdm-live-view");
        ticker.setDaemon(true);
        ticker.start();
    }

    public synchronized MigrationBlock block(String migrationId) {
        return blocks.computeIfAbsent(migrationId, MigrationBlock::new);
    }

    public synchronized List<MigrationBlock> blocks() {
        return List.copyOf(blocks.values());
    }

    public synchronized void plan(MigrationPlanned p) {
        block(p.getMigrationId()).plan(p);
        if (terminal) redraw(false);
    }

    public synchronized void accept(ProgressEvent e) {
        MigrationBlock b = block(e.getMigrationId());
        b.apply(e);
        if (!b.ended()) retired.remove(b.migrationId());
        if (terminal) redraw(false);
        else plain(b, e);
    }

    /** A line of the caller's own in the migration's block (plain: printed at once). */
    public synchronized void note(String migrationId, String line) {
        block(migrationId).note(line);
        if (terminal) redraw(true);
        else out.println("  " + line);
    }

    /** Redraws (clocks move) on a terminal; nothing otherwise. */
    public synchronized void tick() {
        if (terminal) redraw(true);
    }

    /** A line above the live blocks (a heading, the summary), printed once. */
    public synchronized void println(String line) {
        if (!terminal) {
            out.println(line);
            return;
        }
        clearLive();
        out.println(Style.cut(line, width));
        drawn = 0;
        redraw(true);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) ticker.interrupt();
        if (terminal) {
            redraw(true);
            blocks.values().forEach(b -> retired.add(b.migrationId()));
        }
        out.flush();
    }

    private void clearLive() {
        if (drawn > 0) out.print("\r\u001b[" + drawn + "A\u001b[J");
    }

    private void redraw(boolean force) {
        long now = clock.getAsLong();
        if (!force && now - drawnAt < REDRAW_MS) return;
        drawnAt = now;
        StringBuilder b = new StringBuilder();
        if (drawn > 0) b.append("\r\u001b[").append(drawn).append("A\u001b[J");
        List<String> live = new ArrayList<>();
        for (MigrationBlock m : blocks.values()) {
            if (retired.contains(m.migrationId())) continue;
            List<String> lines = m.lines(width, style, now);
            if (m.ended()) {
                lines.forEach(l -> b.append(l).append('\n'));
                retired.add(m.migrationId());
            } else {
                live.addAll(lines);
            }
        }
        if (live.size() > height - 1) live = new ArrayList<>(live.subList(0, Math.max(1, height - 1)));
        live.forEach(l -> b.append(l).append('\n'));
        drawn = live.size();
        out.print(b);
        out.flush();
    }

    /** A plain line for {@code e} when it changes what an operator would see, else nothing. */
    private void plain(MigrationBlock b, ProgressEvent e) {
        String at = TIME.format(Instant.ofEpochMilli(e.getAt().toEpochMilli()));
        String id = e.getMigrationId();
        boolean planner = "planner".equals(e.getSource());
        if (e.getPhaseIndex() < 0 && e.getPhaseId() == null) {
            if (!planner) return;
            String line = e.getState() + " " + e.getMessage();
            if (line.equals(said.put(id, line))) return;
            out.println(at + " " + id + " " + (b.ended() ? e.getState() + " in " + MigrationBlock.clock(b.elapsedMs(clock.getAsLong()))
                    + " - " + e.getMessage() : line));
            return;
        }
        List<String> lines = b.lines(0, Style.PLAIN, clock.getAsLong());
        int index = e.getPhaseIndex() >= 0 ? e.getPhaseIndex() : b.indexOf(e.getPhaseId());
        if (index < 0 || index + 1 >= lines.size()) return;
        String row = lines.get(index + 1).strip();
        String state = b.phaseStates().get(index).name();
        String key = id + "#" + index;
        String signature = state + "|" + (e.getThrottleReason() == null ? "" : e.getThrottleReason()) + "|"
                + ("WAITING_DEPLOYMENT".equals(e.getState()) ? e.getMessage() : "");
        boolean changed = !signature.equals(said.put(key, signature));
        boolean progress = false;
        if (!changed && e.getRowsTotal() != null && e.getRowsTotal() > 0) {
            long quarter = 4 * e.getRowsDone() / e.getRowsTotal();
            long[] last = progressSaid.computeIfAbsent(key, k -> new long[] {-1, 0});
            long when = e.getAt().toEpochMilli();
            progress = quarter != last[0] || when - last[1] >= PROGRESS_EVERY_MS;
            if (progress) {
                last[0] = quarter;
                last[1] = when;
            }
        }
        if (changed || progress) {
            out.println(at + " " + id + " " + row);
            if ("THROTTLED".equals(e.getState()) && changed) out.println(at + " " + id + "   ! " + e.getMessage());
        }
    }
}
