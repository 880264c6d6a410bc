package io.ferrum.ops.analytics;

import io.ferrum.gateway.logging.LogFields;
import org.agrona.concurrent.EpochNanoClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The analytics consumer on its own thread, fed from a recorded session file instead of
 * the sequenced log (a stand-in until the journal reader lands): the thread replays the
 * file once, then keeps republishing reports on its duty cycle so that health keeps
 * moving. Readers use {@link #cache()} from any thread.
 */
public final class RecordedSessionAnalytics implements AutoCloseable
{
    private static final long IDLE_SLEEP_MS = 50;

    private final AnalyticsConsumer consumer;
    private final Thread thread;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long messages;
    private volatile long skippedLines;

    public RecordedSessionAnalytics(final Path session, final EpochNanoClock clock)
    {
        if (!Files.isReadable(session))
        {
            throw new IllegalArgumentException("cannot read session file " + session);
        }
        consumer = new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(clock));
        thread = new Thread(() -> run(session), "ferrum-analytics");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(final Path session)
    {
        LogFields.component("analytics");
        try
        {
            final RecordedSession reader = new RecordedSession();
            reader.replay(session, consumer::onMessage);
            messages = reader.messages();
            skippedLines = reader.skippedLines();
            consumer.publishAll();
        }
        catch (final IOException | RuntimeException | LinkageError ex)
        {
            // LinkageError too: a JVM without Agrona's --add-opens fails here, and must not serve an empty cache.
            failure = ex;
        }
        finally
        {
            loaded.countDown();
        }
        while (running)
        {
            consumer.doWork();
            try
            {
                Thread.sleep(IDLE_SLEEP_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits for the file to be replayed and the first reports published; rethrows a read failure. */
    public void awaitLoaded(final long timeout, final TimeUnit unit) throws Exception
    {
        if (!loaded.await(timeout, unit))
        {
            throw new IllegalStateException("session not loaded within " + unit.toMillis(timeout) + " ms");
        }
        if (null != failure)
        {
            throw new IllegalStateException("cannot load the session: " + failure, failure);
        }
    }

    public ReportCache cache()
    {
        return consumer.cache();
    }

    public long messages()
    {
        return messages;
    }

    public long skippedLines()
    {
        return skippedLines;
    }

    public void close()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
