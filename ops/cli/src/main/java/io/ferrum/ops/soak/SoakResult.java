package io.ferrum.ops.soak;

import java.util.ArrayList;
import java.util.List;

/** What a soak did and saw; filled in by {@link Soak} as it goes. */
public final class SoakResult
{
    int kills;
    int leaderKills;
    int restarts;
    int doubleLosses;
    int stallsHeld;
    int falseElections;
    final List<Long> takeoversMs = new ArrayList<>();
    boolean caughtUp;
    boolean gatewayStopped;
    String gatewaySummary;

    public int kills()
    {
        return kills;
    }

    public int leaderKills()
    {
        return leaderKills;
    }

    public int restarts()
    {
        return restarts;
    }

    /** Failures that took two members of three at once. */
    public int doubleLosses()
    {
        return doubleLosses;
    }

    /** Of those, how many left the survivor committing nothing while it had no majority. */
    public int stallsHeld()
    {
        return stallsHeld;
    }

    /** Elections while the leader's process lived. */
    public int falseElections()
    {
        return falseElections;
    }

    /** Kill of the leader to the first commit of its successor, in ms (-1: none within 30 s). */
    public List<Long> takeoversMs()
    {
        return takeoversMs;
    }

    /** Every member at the same commit position at the end. */
    public boolean caughtUp()
    {
        return caughtUp;
    }

    /** The gateway stopped on SIGTERM and printed its {@code gateway_stopped} summary (not killed after the grace). */
    public boolean gatewayStopped()
    {
        return gatewayStopped;
    }

    /** The gateway's last JSON line ({@code gateway_stopped}), or null. */
    public String gatewaySummary()
    {
        return gatewaySummary;
    }

    /**
     * Every failure healed as it must: no commit without a majority, every takeover within 30 s, the
     * members caught up, the gateway stopped with its summary. A false election is counted and printed,
     * not failed: it costs a takeover's pause and loses nothing, and how often it happens depends on how
     * busy the machine is (the timeouts' trade-off, docs/operations.md).
     */
    public boolean passed()
    {
        return caughtUp && stallsHeld == doubleLosses && !takeoversMs.contains(-1L) && gatewayStopped;
    }
}
