package dev.zdm.sync.cdc;

import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Debezium engine streaming a slot. The engine runs on its own thread (and Debezium's
 * pools), never on an event loop. Each batch is decoded and handed to the {@link Sink}; only when the
 * sink returns are the batch's records marked processed, so offsets are stored only for applied
 * changes. A sink that throws stops the engine; so does a failure Debezium gives up on. Either way
 * {@code onFailure} hears about it, unless {@link #stop()} was asked for.
 */
public final class Capture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
    /** How long {@link #stop()} waits for the engine to wind down (it flushes offsets first). */
    private static final long STOP_WAIT_MS = 30_000;

    /** Receives each decoded batch on the engine's thread, in WAL order; returns once the batch is applied. */
    @FunctionalInterface
    public interface Sink {
        void accept(List<CapturedEvent> events) throws Exception;
    }

    private final CaptureSettings settings;
    private final EventDecoder decoder;
    private final Sink sink;
    private final Consumer<Throwable> onFailure;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ExecutorService thread;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean stopping;

    public Capture(CaptureSettings settings, Sink sink, Consumer<Throwable> onFailure) {
        this.settings = settings;
        this.decoder = new EventDecoder(settings.slot());
        this.sink = sink;
        this.onFailure = onFailure;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zdm-capture-" + settings.slot());
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the engine and runs it on the capture's own thread. */
    public synchronized void start() {
        if (engine != null) throw new IllegalStateException("capture " + settings.slot() + " already started");
        forgetStaleBeans();
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(settings.toProperties())
                .using(Capture.class.getClassLoader())
                .using(this::completed)
                .notifying(this::handleBatch)
                .build();
        thread.execute(engine);
        LOG.info("capture of slot {} started for {}", settings.slot(), settings.tables());
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records, DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<CapturedEvent> events = new ArrayList<>(records.size());
        for (var record : records) {
            CapturedEvent event = decoder.decode(record.record());
            if (event != null) events.add(event);
        }
        try {
            if (!events.isEmpty()) sink.accept(events);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ZdmException(ErrorCode.INTERNAL, "applying a captured batch failed: " + e, settings.slot(), null, e);
        }
        for (var record : records) committer.markProcessed(record);
        committer.markBatchFinished();
    }

    private void completed(boolean success, String message, Throwable error) {
        finished.countDown();
        if (stopping) {
            LOG.info("capture of slot {} stopped", settings.slot());
            return;
        }
        Throwable cause = error != null ? error : new ZdmException(ErrorCode.INTERNAL, "the capture engine of " + settings.slot()
                + " ended by itself: " + message, settings.slot());
        LOG.warn("capture of slot {} ended: {} {}", settings.slot(), message, error == null ? "" : error.toString());
        onFailure.accept(cause);
    }

    /** True until the engine has ended. */
    public boolean running() {
        return engine != null && finished.getCount() > 0;
    }

    /**
     * Stops the engine gracefully (it stores the offsets of what was processed) and waits for it.
     * Must not be called from the engine's own thread (that is, from the {@link Sink}).
     */
    public void stop() {
        DebeziumEngine<?> running;
        synchronized (this) {
            stopping = true;
            running = engine;
        }
        if (running == null) return;
        long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
        while (finished.getCount() > 0 && System.currentTimeMillis() < deadline) {
            try {
                running.close();
                break;
            } catch (IllegalStateException e) {
                // the engine refuses to stop while its tasks are starting, or is stopping already
                if (String.valueOf(e.getMessage()).contains("already")) break;
                sleep(100);
            } catch (Exception e) {
                LOG.warn("capture of slot {} did not close cleanly: {}", settings.slot(), e.toString());
                break;
            }
        }
        try {
            if (!finished.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                LOG.warn("capture of slot {} did not stop within {} ms", settings.slot(), STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public String slot() {
        return settings.slot();
    }

    /**
     * An engine of this slot that died in this JVM without shutting down may have left its JMX beans
     * registered; a new engine would then wait a minute for their names. At most one capture per slot
     * runs, so any such bean is stale.
     */
    private void forgetStaleBeans() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("debezium.postgres:server=" + settings.slot() + ",*"), null)) {
                server.unregisterMBean(name);
                LOG.info("unregistered stale Debezium bean {}", name);
            }
        } catch (JMException e) {
            LOG.warn("cannot clear stale Debezium beans of {}: {}", settings.slot(), e.toString());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
