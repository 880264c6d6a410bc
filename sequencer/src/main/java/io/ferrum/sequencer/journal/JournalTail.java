package io.ferrum.sequencer.journal;

import io.ferrum.engine.api.EngineInput;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The risk officers' view of the journal: the committed events of a member's or a backup's
 * log as event JSON lines ({@link EventJson}), each input once, read through a {@link
 * JournalFollower}: read-only (no Aeron client, so it cannot send anything to the cluster) and
 * committed entries only (see the follower for how the bound is kept).
 * <ul>
 * <li>Each input once: a leader change makes the sequencer re-send what was not acknowledged,
 *     so the log may hold an input twice; like the engine, the tail shows a (sourceId,
 *     sequence) only when it is newer than the last one of its source.</li>
 * <li>{@link #poll()} reads on from where the last poll stopped; a log the follower reads again
 *     from its start (recorded afresh) shows nothing twice: positions already shown are skipped.</li>
 * </ul>
 */
public final class JournalTail implements EngineInput, JournalReader.TimerPositions
{
    private final JournalFollower follower;
    private final long fromPosition;
    private final long fromTimeNs;
    private final Predicate<EventJson> filter;
    private final Consumer<String> sink;
    private final EventJson json = new EventJson();
    private final SourceSequences inputs = new SourceSequences();
    private long shownUpTo = -1;
    private long timerPosition;
    private long shown;

    /**
     * @param journalDir   the member's or backup's directory ({@code cluster.dir/member-N}, {@code cluster.dir/backup})
     * @param committed    how far its log is committed, or null for a stopped run's directory (shown as recorded)
     * @param fromPosition show events at log positions after this (0: from the start)
     * @param fromTimeNs   show events whose log time is at or after this (0: any)
     * @param filter       which events to show, looked at after formatting
     * @param sink         gets one JSON line per event
     */
    public JournalTail(
        final Path journalDir,
        final CommittedPosition committed,
        final long fromPosition,
        final long fromTimeNs,
        final Predicate<EventJson> filter,
        final Consumer<String> sink)
    {
        this.follower = new JournalFollower(journalDir, committed, this);
        this.fromPosition = fromPosition;
        this.fromTimeNs = fromTimeNs;
        this.filter = filter;
        this.sink = sink;
    }

    /**
     * Shows what was committed since the last poll.
     *
     * @return events shown by this poll
     */
    public long poll()
    {
        final long before = shown;
        follower.poll();
        return shown - before;
    }

    /**
     * @return whether the last poll could read the committed position (always true without one):
     *         false while the process is not running, when nothing new is shown
     */
    public boolean committedKnown()
    {
        return follower.committedKnown();
    }

    /** The log position up to which everything was looked at. */
    public long position()
    {
        return shownUpTo;
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        if (logPosition <= shownUpTo)
        {
            return;
        }
        shownUpTo = logPosition;
        if (!inputs.isNew(buffer, offset, length))
        {
            return; // a re-send after a leader change: it took effect the first time
        }
        if (logPosition <= fromPosition || timestampNs < fromTimeNs)
        {
            return;
        }
        final String line = json.format(buffer, offset, length, logPosition, timestampNs);
        if (null != line && filter.test(json))
        {
            shown++;
            sink.accept(line);
        }
    }

    public void beforeTimer(final long logPosition)
    {
        timerPosition = logPosition;
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        if (timerPosition <= shownUpTo)
        {
            return;
        }
        shownUpTo = timerPosition;
        if (timerPosition <= fromPosition || timestampNs < fromTimeNs)
        {
            return;
        }
        final String line = json.timer(timerId, timerPosition, timestampNs);
        if (filter.test(json))
        {
            shown++;
            sink.accept(line);
        }
    }
}
