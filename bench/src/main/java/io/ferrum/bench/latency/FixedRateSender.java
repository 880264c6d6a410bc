package io.ferrum.bench.latency;

import org.agrona.concurrent.IdleStrategy;

/**
 * Sends a phase's messages at their intended times from the calling thread, between sends doing
 * the receiving side's duty (polling its replies). A send that is late or back-pressured keeps
 * its intended time: the wait is part of the message's latency (coordinated omission avoided).
 * Waits idle with the given strategy, never spinning for long.
 */
final class FixedRateSender
{
    /** Sends message {@code i}; false when back-pressured (tried again). */
    @FunctionalInterface
    interface Send
    {
        boolean send(int i);
    }

    /** Receives what is there; returns the work done (0 when nothing was there). */
    @FunctionalInterface
    interface Duty
    {
        int doWork();
    }

    private FixedRateSender()
    {
    }

    /**
     * @param until waits for replies after the last send until this returns true or {@code drainNs} passed
     */
    static void run(
        final Phase phase,
        final long startNs,
        final IdleStrategy idle,
        final Send send,
        final Duty duty,
        final java.util.function.BooleanSupplier until,
        final long drainNs)
    {
        final int count = phase.count();
        for (int i = 0; i < count; i++)
        {
            final long intendedNs = startNs + phase.offsetNs(i);
            idle.reset();
            while (System.nanoTime() < intendedNs)
            {
                idle.idle(duty.doWork());
            }
            idle.reset();
            while (!send.send(i))
            {
                idle.idle(duty.doWork());
            }
            duty.doWork();
        }
        final long deadline = System.nanoTime() + drainNs;
        idle.reset();
        while (!until.getAsBoolean() && System.nanoTime() < deadline)
        {
            idle.idle(duty.doWork());
        }
    }
}
