package io.ferrum.sequencer.replica;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CncCountersTest
{
    /**
     * What a SIGKILLed member leaves: a CnC file nobody heartbeats any more. It must read as not
     * running, not as the role and positions frozen in it.
     */
    @Test
    void aDriverThatStoppedHeartbeatingIsNotRunning(@TempDir final Path dir) throws Exception
    {
        final File aeronDir = dir.resolve("aeron").toFile();
        final long livenessMs = 2_000;
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.getPath())
            .threadingMode(ThreadingMode.SHARED)
            .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .clientLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(livenessMs))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(false));
        try
        {
            assertTrue(CncCounters.read(aeronDir, counters -> true), "a live driver is read");
        }
        finally
        {
            driver.close();
        }
        assertTrue(new File(aeronDir, "cnc.dat").isFile(), "the file stays behind, as after kill -9");
        Thread.sleep(livenessMs + 1_000);
        assertFalse(CncCounters.read(aeronDir, counters -> true), "a driver that stopped heartbeating is not running");
    }

    @Test
    void noDirectoryIsNotRunning(@TempDir final Path dir)
    {
        assertFalse(CncCounters.read(dir.resolve("absent").toFile(), counters -> true));
    }
}
