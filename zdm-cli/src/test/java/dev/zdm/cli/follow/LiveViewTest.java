package dev.zdm.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.events.DeploymentRef;
import dev.zdm.events.MigrationPlanned;
import dev.zdm.events.Phase;
import dev.zdm.events.ProgressEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live view driven by a recorded event sequence (a rename by dual-write as the demo runs it: a
 * backfill that is throttled once, two deployment gates): the screen it draws on a terminal, read
 * through a small terminal emulator, and the lines it prints when piped.
 */
class LiveViewTest {
    private static final String ID = "05_rename-20261206-1019";
    private static final long T0 = Instant.parse("2026-12-06T10:19:00Z").toEpochMilli();
    private static TimeZone zone;

    @BeforeAll
    static void utc() {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterAll
    static void back() {
        TimeZone.setDefault(zone);
    }

    private static ProgressEvent.Builder event(String source, String state, int phase, String name, String message, double seconds) {
        ProgressEvent.Builder b = ProgressEvent.newBuilder().setMigrationId(ID).setSource(source).setState(state).setMessage(message)
                .setPhaseIndex(phase).setPhaseCount(4).setAt(Instant.ofEpochMilli(T0 + Math.round(seconds * 1000)));
        if (name != null) b.setPhaseName(name).setPhaseId("p" + (phase + 1));
        return b;
    }

    private static MigrationPlanned plan() {
        List<Phase> phases = new ArrayList<>();
        String[] names = {"add-column", "backfill", "use-new", "drop-old"};
        for (int i = 0; i < names.length; i++) {
            phases.add(Phase.newBuilder().setPhaseId("p" + (i + 1)).setIndex(i).setName(names[i]).setStrategy("dual-write")
                    .setKind(i == 2 ? "APP" : "DB").setSteps(List.of()).setRollback(List.of())
                    .setWaitsFor(i == 2 ? DeploymentRef.newBuilder().setService("shop").setVersion("v1.1").build() : null)
                    .setPointOfNoReturn(i == 3).build());
        }
        return MigrationPlanned.newBuilder().setMigrationId(ID).setTarget("default").setRequiresZeroDowntime(true)
                .setRecommendedStrategy("dual-write").setEstimatedDowntimeMs(0).setStatements(List.of()).setPhases(phases)
                .setPlannedAt(Instant.ofEpochMilli(T0)).build();
    }

    /** The recorded sequence, up to the backfill at 45 % (first part) and on to the end (second part). */
    private static List<ProgressEvent> firstPart() {
        return List.of(
                event("planner", "PLANNED", -1, null, "4 phases, strategy dual-write", 0).build(),
                event("planner", "QUEUED", 0, "add-column", "phase add-column dispatched (attempt 1): waiting for an executor", 0.1).build(),
                event("executor", "RUNNING", 0, "add-column", "phase add-column started on demo/1", 0.2).build(),
                event("planner", "RUNNING", 0, "add-column", "phase add-column completed", 0.4).build(),
                event("planner", "QUEUED", 1, "backfill", "phase backfill dispatched (attempt 1): waiting for an executor", 0.5).build(),
                event("executor", "RUNNING", 1, "backfill", "step p2.s1: backfill orders", 0.6).build(),
                event("executor", "RUNNING", 1, "backfill", "backfill orders: 2 batches", 1.6).setRowsDone(4_000).setRowsTotal(20_000L)
                        .setRowsPerSecond(4_000).setEtaMs(4_000L).setBatchSize(2_000).build(),
                event("executor", "THROTTLED", 1, "backfill", "backfill paused: breaker migration_executor is open", 2.0)
                        .setRowsDone(4_000).setRowsTotal(20_000L).setThrottleReason("lock waits 12 > 5").build(),
                event("executor", "RUNNING", 1, "backfill", "backfill orders: 5 batches", 4.0).setRowsDone(9_000).setRowsTotal(20_000L)
                        .setRowsPerSecond(3_000).setEtaMs(3_700L).setBatchSize(2_000).build());
    }

    private static List<ProgressEvent> secondPart() {
        return List.of(
                event("executor", "COMPLETED", 1, "backfill", "backfilled 20000 rows", 8.0).setRowsDone(20_000).setRowsTotal(20_000L)
                        .setRowsPerSecond(2_700).setEtaMs(0L).build(),
                event("planner", "RUNNING", 1, "backfill", "phase backfill completed", 8.1).build(),
                event("planner", "WAITING_DEPLOYMENT", 2, "use-new", "waiting for shop@v1.1 (the version that reads customer_email)", 8.2).build(),
                event("planner", "RUNNING", 2, "use-new", "deployment shop@v1.1 is live: phase use-new done", 9.0).build(),
                event("planner", "QUEUED", 3, "drop-old", "phase drop-old dispatched (attempt 1): waiting for an executor", 9.1).build(),
                event("executor", "RUNNING", 3, "drop-old", "step p4.s1: sql: ALTER TABLE orders DROP COLUMN user_email", 9.2).build(),
                event("planner", "RUNNING", 3, "drop-old", "phase drop-old completed", 9.5).build(),
                event("planner", "COMPLETED", -1, null, "all 4 phases done", 9.6).build());
    }

    @Test
    void onATerminalItRedrawsOneBlockInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(T0);
        LiveView view = new LiveView(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, Style.PLAIN, 80, 24, clock::get);
        view.println("migration 05_rename.sql:");
        view.plan(plan());
        for (ProgressEvent e : firstPart()) {
            clock.set(e.getAt().toEpochMilli());
            view.accept(e);
        }
        clock.set(T0 + 4_500);
        view.tick();
        assertThat(Screen.of(bytes.toString(StandardCharsets.UTF_8))).isEqualTo(List.of(
                "migration 05_rename.sql:",
                ID + "  dual-write  RUNNING  0:04",
                "  1/4 add-column  done",
                "  2/4 backfill    running   [#####.....]  45% 9,000/20,000 rows 3,000 rows/s ET~",
                "  3/4 use-new     pending   will wait for shop@v1.1",
                "  4/4 drop-old    pending",
                "  ! backfill paused: breaker migration_executor is open (lock waits 12 > 5)"));

        view.note(ID, "(demo deploy system: shop@v1.1 is live)");
        for (ProgressEvent e : secondPart()) {
            clock.set(e.getAt().toEpochMilli());
            view.accept(e);
        }
        view.println("done");
        view.close();
        assertThat(Screen.of(bytes.toString(StandardCharsets.UTF_8))).isEqualTo(List.of(
                "migration 05_rename.sql:",
                ID + "  dual-write  COMPLETED  0:09",
                "  1/4 add-column  done",
                "  2/4 backfill    done      [##########] 100% 20,000/20,000 rows",
                "  3/4 use-new     done",
                "  4/4 drop-old    done",
                "  (demo deploy system: shop@v1.1 is live)",
                "  ! backfill paused: breaker migration_executor is open (lock waits 12 > 5)",
                "done"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).as("no colour without it").doesNotContain("\u001b[3");
    }

    @Test
    void pipedItPrintsALineWhenSomethingChanges() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveView view = new LiveView(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, Style.PLAIN, 80, 24, () -> T0 + 9_600);
        view.plan(plan());
        firstPart().forEach(view::accept);
        view.note(ID, "(demo deploy system: shop@v1.1 is live)");
        secondPart().forEach(view::accept);
        view.close();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "10:19:00 " + ID + " PLANNED 4 phases, strategy dual-write",
                "10:19:00 " + ID + " 1/4 add-column  queued",
                "10:19:00 " + ID + " 1/4 add-column  running",
                "10:19:00 " + ID + " 1/4 add-column  done",
                "10:19:00 " + ID + " 2/4 backfill    queued",
                "10:19:00 " + ID + " 2/4 backfill    running",
                "10:19:01 " + ID + " 2/4 backfill    running   [####................]  20% 4,000/20,000 rows 4,000 rows/s ETA 0:04",
                "10:19:02 " + ID + " 2/4 backfill    throttled [####................]  20% 4,000/20,000 rows (lock waits 12 > 5)",
                "10:19:02 " + ID + "   ! backfill paused: breaker migration_executor is open",
                "10:19:04 " + ID + " 2/4 backfill    running   [#########...........]  45% 9,000/20,000 rows 3,000 rows/s ETA 0:03",
                "  (demo deploy system: shop@v1.1 is live)",
                "10:19:08 " + ID + " 2/4 backfill    running   [####################] 100% 20,000/20,000 rows 2,700 rows/s ETA 0:00",
                "10:19:08 " + ID + " 2/4 backfill    done      [####################] 100% 20,000/20,000 rows",
                "10:19:08 " + ID + " 3/4 use-new     waiting   waits for shop@v1.1",
                "10:19:09 " + ID + " 3/4 use-new     running",
                "10:19:09 " + ID + " 4/4 drop-old    queued",
                "10:19:09 " + ID + " 4/4 drop-old    running",
                "10:19:09 " + ID + " 4/4 drop-old    done",
                "10:19:09 " + ID + " COMPLETED in 0:09 - all 4 phases done");
    }

    @Test
    void aMigrationRunElsewhereReadsAsTheSameBlock() {
        MigrationBlock b = new MigrationBlock(ID);
        b.restore("WAITING_DEPLOYMENT", "dual-write", "", T0, -1);
        b.restorePhase(0, "p1", "add-column", "COMPLETED", null, 0, null, null);
        b.restorePhase(1, "p2", "backfill", "COMPLETED", null, 20_000, 20_000L, null);
        b.restorePhase(2, "p3", "use-new", "WAITING_DEPLOYMENT", "shop@v1.1", 0, null, null);
        b.restorePhase(3, "p4", "drop-old", "PENDING", null, 0, null, null);
        assertThat(b.lines(0, Style.PLAIN, T0 + 65_000)).containsExactly(
                ID + "  dual-write  WAITING_DEPLOYMENT  1:05",
                "  1/4 add-column  done",
                "  2/4 backfill    done      [####################] 100% 20,000/20,000 rows",
                "  3/4 use-new     waiting   waits for shop@v1.1",
                "  4/4 drop-old    pending");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(Terminal.detect(Map.of("TERM", "xterm"), true).colour()).isTrue();
        assertThat(Terminal.detect(Map.of("TERM", "xterm", "NO_COLOR", "1"), true).colour()).isFalse();
        assertThat(Terminal.detect(Map.of("TERM", "xterm", "CI", "true"), true).interactive()).isFalse();
        assertThat(Terminal.detect(Map.of("TERM", "dumb"), true).interactive()).isFalse();
        assertThat(Terminal.detect(Map.of("TERM", "xterm"), false).interactive()).isFalse();
        assertThat(Style.cut("\u001b[32mdone\u001b[0m and more text", 8)).isEqualTo("\u001b[32mdone\u001b[0m an~\u001b[0m");
        assertThat(Style.visibleLength(Style.cut("\u001b[32mdone\u001b[0m and more text", 8))).isEqualTo(8);
    }

    /** A terminal as far as the view uses one: text, CR, LF, cursor up ({@code ESC[nA}), clear below ({@code ESC[J}); colours ignored. */
    static final class Screen {
        static List<String> of(String output) {
            List<StringBuilder> lines = new ArrayList<>();
            lines.add(new StringBuilder());
            int row = 0;
            int col = 0;
            for (int i = 0; i < output.length(); i++) {
                char c = output.charAt(i);
                if (c == '\u001b') {
                    int end = i + 2;
                    while (end < output.length() && !Character.isLetter(output.charAt(end))) end++;
                    String arg = output.substring(i + 2, end);
                    char op = output.charAt(end);
                    if (op == 'A') row = Math.max(0, row - (arg.isEmpty() ? 1 : Integer.parseInt(arg)));
                    if (op == 'J') {
                        lines.get(row).setLength(Math.min(col, lines.get(row).length()));
                        while (lines.size() > row + 1) lines.remove(lines.size() - 1);
                    }
                    i = end;
                } else if (c == '\r') {
                    col = 0;
                } else if (c == '\n') {
                    row++;
                    col = 0;
                    if (lines.size() <= row) lines.add(new StringBuilder());
                } else {
                    StringBuilder line = lines.get(row);
                    while (line.length() < col) line.append(' ');
                    if (col < line.length()) line.setCharAt(col, c);
                    else line.append(c);
                    col++;
                }
            }
            List<String> out = new ArrayList<>(lines.stream().map(StringBuilder::toString).toList());
            while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
            return out;
        }
    }
}
