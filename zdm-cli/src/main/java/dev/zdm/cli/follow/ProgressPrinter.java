package dev.zdm.cli.follow;

import dev.zdm.events.ProgressEvent;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** Draws progress events as one line each, with a bar when row counts are known. */
public final class ProgressPrinter {
    /** States after which a migration does nothing more. */
    public static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "REJECTED", "CANCELLED", "ROLLED_BACK");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int BAR = 24;
    private final PrintStream out;

    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(ProgressEvent e) {
        out.println(line(e));
        out.flush();
    }

    /** A migration is over (successfully or not) once a final state arrives from the planner. */
    public static boolean isFinal(ProgressEvent e) {
        return FINAL.contains(e.getState()) && "planner".equals(e.getSource());
    }

    static String line(ProgressEvent e) {
        StringBuilder s = new StringBuilder();
        s.append(TIME.format(e.getAt())).append(' ').append(e.getMigrationId()).append(' ');
        if (e.getPhaseIndex() >= 0 && e.getPhaseCount() > 0) {
            s.append("phase ").append(e.getPhaseIndex() + 1).append('/').append(e.getPhaseCount());
            if (e.getPhaseName() != null) s.append(' ').append(e.getPhaseName());
            s.append(' ');
        }
        s.append(String.format("%-18s", e.getState()));
        if (e.getRowsTotal() != null && e.getRowsTotal() > 0) {
            double share = Math.min(1.0, (double) e.getRowsDone() / e.getRowsTotal());
            int filled = (int) Math.round(share * BAR);
            s.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                    .append(String.format("%3.0f%% %,d/%,d rows", share * 100, e.getRowsDone(), e.getRowsTotal()));
            if (e.getRowsPerSecond() > 0) s.append(String.format(" %,.0f rows/s", e.getRowsPerSecond()));
            if (e.getBatchSize() > 0) s.append(" batch ").append(e.getBatchSize());
            if (e.getEtaMs() != null) s.append(" ETA ").append(e.getEtaMs() / 1000).append('s');
            s.append(' ');
        } else if (e.getRowsDone() > 0) {
            s.append(String.format("%,d rows ", e.getRowsDone()));
        }
        s.append(e.getMessage());
        if (e.getThrottleReason() != null) s.append(" [throttled: ").append(e.getThrottleReason()).append(']');
        return s.toString();
    }
}
