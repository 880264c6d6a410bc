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
            final int work = slow.doWork();
            if (work > 0)
            {
                // a tenth of a second per step: the test kills it mid-run however idle the machine is
                // (at 5 ms a step it wrote the whole journal before the test saw its first batch)
                Thread.sleep(100);
            }
            idle.idle(work);
        }
    }
}
