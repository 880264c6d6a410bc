package io.ferrum.sequencer.journal;

import io.aeron.cluster.ConsensusModule;
import io.ferrum.engine.EngineInput;
import io.ferrum.sequencer.SourceKey;
import io.ferrum.sequencer.replica.CncCounters;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The risk officers' view of the journal: the committed events of a member's log as event
 * JSON lines ({@link EventJson}), each input once. Read-only: it maps the archive's segment
 * files through {@link JournalReader} and reads the member's commit position from its CnC
 * file; it has no Aeron client, so it cannot send anything to the cluster.
 * <ul>
 * <li>Committed only: while the member runs, nothing past its consensus module's commit
 *     position is shown (it is shown once committed); a stopped member's log is shown as
 *     recorded.</li>
 * <li>Each input once: a leader change makes the sequencer re-send what was not acknowledged,
 *     so the log may hold an input twice; like the engine, the tail shows a (sourceId,
 *     sequence) only when it is newer than the last one of its source.</li>
 * <li>{@link #poll()} reads the log again from its start (skipping what it showed), so a
 *     recording that was extended, a new segment file or a new leadership term are all
 *     picked up; what was already shown is never shown again.</li>
 * </ul>
 */
public final class JournalTail implements EngineInput, JournalReader.TimerPositions
{
    private final Path journalDir;
    private final File aeronDir;
    private final long fromPosition;
    private final long fromTimeNs;
    private final Predicate<EventJson> filter;
    private final Consumer<String> sink;
    private final EventJson json = new EventJson();
    private final Int2ObjectHashMap<long[]> lastSequenceBySource = new Int2ObjectHashMap<>();
    private long shownUpTo = -1;
    private long limit;
    private long timerPosition;
    private long shown;

    /**
     * @param journalDir   the member's directory ({@code cluster.dir/member-N})
     * @param aeronDir     the member's media driver directory (for its commit position), or null
     * @param fromPosition show events at log positions after this (0: from the start)
     * @param fromTimeNs   show events whose log time is at or after this (0: any)
     * @param filter       which events to show, looked at after formatting
     * @param sink         gets one JSON line per event
     */
    public JournalTail(
        final Path journalDir,
        final File aeronDir,
        final long fromPosition,
        final long fromTimeNs,
        final Predicate<EventJson> filter,
        final Consumer<String> sink)
    {
        this.journalDir = journalDir;
        this.aeronDir = aeronDir;
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
        limit = commitPosition();
        final JournalReader reader = JournalReader.open(journalDir);
        reader.replay(this);
        return shown - before;
    }

    /** The log position up to which everything was looked at. */
    public long position()
    {
        return shownUpTo;
    }

    private long commitPosition()
    {
        if (null == aeronDir)
        {
            return Long.MAX_VALUE;
        }
        final long[] position = { Long.MAX_VALUE };
        CncCounters.read(aeronDir, (counters) ->
        {
            position[0] = CncCounters.valueOf(
                counters, ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID, Long.MAX_VALUE);
            return true;
        });
        return position[0];
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        if (logPosition <= shownUpTo || logPosition > limit)
        {
            return;
        }
        shownUpTo = logPosition;
        if (SourceKey.hasKey(length))
        {
            final int sourceId = SourceKey.sourceId(buffer, offset);
            final long sequence = SourceKey.sequence(buffer, offset);
            long[] last = lastSequenceBySource.get(sourceId);
            if (null == last)
            {
                last = new long[] { Long.MIN_VALUE };
                lastSequenceBySource.put(sourceId, last);
            }
            if (sequence <= last[0])
            {
                return; // a re-send after a leader change: it took effect the first time
            }
            last[0] = sequence;
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
        if (timerPosition <= shownUpTo || timerPosition > limit)
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
