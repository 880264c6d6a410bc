package io.ferrum.gateway.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults requested from any thread, consumed by the simulator's event loop at the next
 * frame it sends (or the next REST request it answers).
 */
final class Faults
{
    final AtomicInteger gaps = new AtomicInteger();
    final AtomicInteger malformed = new AtomicInteger();
    final AtomicInteger oversize = new AtomicInteger();
    final AtomicInteger serverShutdowns = new AtomicInteger();
    final AtomicInteger tooManyRequests = new AtomicInteger();
    final AtomicInteger teapots = new AtomicInteger();
    final AtomicInteger unansweredCloses = new AtomicInteger();
    final AtomicLong staleUntilNs = new AtomicLong();

    static boolean take(final AtomicInteger pending)
    {
        int n;
        while ((n = pending.get()) > 0)
        {
            if (pending.compareAndSet(n, n - 1))
            {
                return true;
            }
        }
        return false;
    }
}
