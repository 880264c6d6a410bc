package io.ferrum.gateway.binance;

import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.TestFeed;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.tuning.jit.StringLiterals;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding trades, quotes and chaining depth diffs allocates nothing once warm (books and
 * buffers grown to the session's size, code compiled): the thread's allocated-bytes counter
 * does not move over a million frames of the recorded session replayed pass after pass, health
 * changes and sync starts aside (cold path, they may build strings). A window that allocated is
 * followed by another (up to {@link #WINDOWS}), which must allocate nothing: a one-off JIT event
 * passes, an allocation per frame never does.
 */
class SteadyStateAllocationTest
{
    private static final int WARM_UP_PASSES = 3;
    /** Windows of a million frames measured at most: the last one must allocate nothing. */
    private static final int WINDOWS = 3;

    /** The session's frames as buffers, made once: building them is the test's allocation, not the decoder's. */
    private final Map<ReplaySession.Entry, UnsafeBuffer> frames = new IdentityHashMap<>();

    @Test
    void decodingRecordedFramesAllocatesNothingOnceWarm() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(0));
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        // HotSpot's one-off allocations on this thread for the string literals of each class it first
        // C2-compiles happen here instead of during the measurement: see StringLiterals.
        StringLiterals.preIntern("io.ferrum.", "org.agrona.", "io.netty.", "org.apache.logging.");
        long allocated = 0;
        long measured = 0;
        final TestFeed feed = new TestFeed(session.snapshotSymbols().toArray(String[]::new));
        final List<Long> windows = new ArrayList<>();
        for (int pass = 0; pass < WARM_UP_PASSES || measured < 1_000_000 || (0 != allocated && windows.size() < WINDOWS - 1); pass++)
        {
            if (measured >= 1_000_000)
            {
                // A window that allocated: measure another. A JIT event on a loaded machine (a late
                // compile resolving literals StringLiterals did not know) allocates once; an
                // allocation per frame would allocate again in every window.
                windows.add(allocated);
                allocated = 0;
                measured = 0;
            }
            feed.feed.books().resetAll("next pass"); // books and buffers keep the capacity they grew to
            feed.snapshotRequests.clear();
            final Map<String, String> recorded = new HashMap<>();
            final boolean measuring = pass >= WARM_UP_PASSES;
            for (final ReplaySession.Entry entry : session.entries())
            {
                if (entry.kind() == ReplaySession.Kind.REST)
                {
                    recorded.put(ReplaySession.queryParameter(entry.url(), "symbol"), entry.payload());
                }
                else if (entry.kind() == ReplaySession.Kind.WS)
                {
                    final UnsafeBuffer frame = frames.computeIfAbsent(entry, (e) ->
                        new UnsafeBuffer(e.payload().getBytes(StandardCharsets.US_ASCII)));
                    final int healthBefore = feed.health.size();
                    final int requestsBefore = feed.snapshotRequests.size();
                    final long before = threads.getCurrentThreadAllocatedBytes();
                    feed.feed.decoder().onFrame(frame, 0, frame.capacity(), 1L);
                    feed.ring.drain(NO_OP);
                    final long after = threads.getCurrentThreadAllocatedBytes();
                    // health changes and snapshot requests (a sync starting) are the cold path: they may build strings
                    if (measuring && feed.health.size() == healthBefore && feed.snapshotRequests.size() == requestsBefore)
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
        }
        windows.add(allocated);
        assertEquals(0L, allocated, "bytes allocated in each window of a million frames after " + WARM_UP_PASSES +
            " warm-up passes: " + windows);
    }

    private static final io.ferrum.gateway.MessageHandler NO_OP = (buffer, offset, length) -> {};
}
