package io.ferrum.sequencer;

import io.aeron.Publication;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sequencer did, written by its thread only and readable from any thread
 * (status line, health, tests).
 */
public final class SequencerCounters
{
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong backPressured = new AtomicLong();
    private final AtomicLong notConnected = new AtomicLong();
    private final AtomicLong pendingFull = new AtomicLong();
    private final AtomicLong leaderChanges = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();

    /** Inputs offered to the cluster for the first time. */
    public long sent()
    {
        return sent.get();
    }

    /** Inputs offered again after a leader change or reconnect. */
    public long resent()
    {
        return resent.get();
    }

    /** Inputs sent but not yet acknowledged as applied. */
    public long pending()
    {
        return pending.get();
    }

    /** Offers refused by back-pressure or an admin action (retried). */
    public long backPressured()
    {
        return backPressured.get();
    }

    /** Offers refused because there was no leader to take them (retried after the new leader). */
    public long notConnected()
    {
        return notConnected.get();
    }

    /** Times the ring was held back because too much was unacknowledged. */
    public long pendingFull()
    {
        return pendingFull.get();
    }

    public long leaderChanges()
    {
        return leaderChanges.get();
    }

    public long connects()
    {
        return connects.get();
    }

    public long disconnects()
    {
        return disconnects.get();
    }

    void onSent()
    {
        sent.lazySet(sent.get() + 1);
        pending.lazySet(pending.get() + 1);
    }

    void onResent()
    {
        resent.lazySet(resent.get() + 1);
    }

    void onAcknowledged(final int stillPending)
    {
        pending.lazySet(stillPending);
    }

    void onOfferFailed(final long result)
    {
        if (Publication.BACK_PRESSURED == result || Publication.ADMIN_ACTION == result)
        {
            backPressured.lazySet(backPressured.get() + 1);
        }
        else
        {
            notConnected.lazySet(notConnected.get() + 1);
        }
    }

    void onPendingFull()
    {
        pendingFull.lazySet(pendingFull.get() + 1);
    }

    void onLeaderChange()
    {
        leaderChanges.lazySet(leaderChanges.get() + 1);
    }

    void onConnect()
    {
        connects.lazySet(connects.get() + 1);
    }

    void onDisconnect()
    {
        disconnects.lazySet(disconnects.get() + 1);
    }
}
