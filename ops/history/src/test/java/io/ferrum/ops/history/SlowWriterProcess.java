package io.ferrum.ops.history;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.nio.file.Path;
import java.util.Map;

/** A writer in a JVM of its own, slowed down so that a test can kill it mid-run: args URL JOURNAL LOG-NAME. */
public final class SlowWriterProcess
{
    private SlowWriterProcess()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final HistoryWriter writer = new HistoryWriter(new HistoryContext().url(args[0]).environment(Map.of())
            .journalDir(Path.of(args[1])).logName(args[2]).untilEnd(true).batchRows(50).maxReadBytes(8192).conclude());
        final Agent slow = HistoryWriterTest.slow(writer);
        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        while (!writer.done())
        {
            idle.idle(slow.doWork());
        }
    }
}
