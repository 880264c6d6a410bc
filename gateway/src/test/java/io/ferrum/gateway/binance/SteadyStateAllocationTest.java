package io.ferrum.gateway.binance;

import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.TestFeed;
import io.ferrum.gateway.sim.ReplaySession;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding trades, quotes and chaining depth diffs allocates nothing once warm (books and
 * buffers grown to the session's size, code compiled): the thread's allocated-bytes counter
 * does not move over the recorded session's frames, health changes and sync starts aside (cold path).
 */
class SteadyStateAllocationTest
{
    @Test
    void decodingRecordedFramesAllocatesNothingOnceWarm() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(0));
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        // The least over the passes after the first: a one-off allocation by the runtime (a C2
        // compilation interning a class's string literals on this thread) can land in any one
        // pass; an allocation per frame lands in all of them.
        long leastAllocated = Long.MAX_VALUE;
        long allocated = 0;
        int measured = 0;
        final TestFeed feed = new TestFeed(session.snapshotSymbols().toArray(String[]::new));
        for (int pass = 0; pass < 5; pass++)
        {
            feed.feed.books().resetAll("next pass"); // books and buffers keep the capacity they grew to
            feed.snapshotRequests.clear();
            final Map<String, String> recorded = new HashMap<>();
            allocated = 0;
            measured = 0;
            for (final ReplaySession.Entry entry : session.entries())
            {
                if (entry.kind() == ReplaySession.Kind.REST)
                {
                    recorded.put(ReplaySession.queryParameter(entry.url(), "symbol"), entry.payload());
                }
                else if (entry.kind() == ReplaySession.Kind.WS)
                {
                    final UnsafeBuffer frame = new UnsafeBuffer(entry.payload().getBytes(StandardCharsets.US_ASCII));
                    final int healthBefore = feed.health.size();
                    final int requestsBefore = feed.snapshotRequests.size();
                    final long before = threads.getCurrentThreadAllocatedBytes();
                    feed.feed.decoder().onFrame(frame, 0, frame.capacity(), 1L);
                    feed.ring.drain(NO_OP);
                    final long after = threads.getCurrentThreadAllocatedBytes();
                    // health changes and snapshot requests (a sync starting) are the cold path: they may build strings
                    if (feed.health.size() == healthBefore && feed.snapshotRequests.size() == requestsBefore)
                    {
                        allocated += after - before;
                        measured++;
                    }
                }
                for (final Iterator<String> it = feed.snapshotRequests.iterator(); it.hasNext(); )
                {
                    final String symbol = it.next();
                    final String body = recorded.remove(symbol);
                    if (body != null)
                    {
                        it.remove();
                        feed.snapshot(symbol, body);
                    }
                }
            }
            final long minimum = 100L * (pass + 1);
            assertTrue(feed.feed.books().all().stream().allMatch(s -> s.inSync() && s.deltasPublished() > minimum));
            if (pass > 0)
            {
                leastAllocated = Math.min(leastAllocated, allocated);
            }
        }
        assertTrue(measured > 11_000, "frames measured: " + measured);
        assertEquals(0L, leastAllocated, "bytes allocated decoding " + measured + " frames, least over the warm passes");
    }

    private static final io.ferrum.gateway.MessageHandler NO_OP = (buffer, offset, length) -> {};
}
