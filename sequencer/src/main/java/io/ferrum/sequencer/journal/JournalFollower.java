package io.ferrum.sequencer.journal;

import io.ferrum.engine.api.EngineInput;

import java.nio.file.Path;

/**
 * Follows a member's log read-only, for every reader beside the engine (the journal tail,
 * analytics): each {@link #poll()} hands the inputs and timer events committed since the last
 * poll to one {@link EngineInput}, in log order. It maps the archive's segment files through
 * {@link JournalReader} and reads the committed position from the process's CnC file ({@link
 * CommittedPosition}: a member's commit position or a backup's live log position); it has no
 * Aeron client, takes no lock the process takes, and so can neither send anything to the
 * cluster nor hold its engine back.
 * <ul>
 * <li>Committed only: nothing past the committed position is read (it is read once committed);
 *     while that position cannot be read (the process is restarting or stopped) nothing new is
 *     read. Committed entries are never truncated, so the highest position seen stays the
 *     bound. Without a {@link CommittedPosition} (a stopped run's directory) the log is read
 *     as recorded.</li>
 * <li>Each poll reads on from where the last one stopped. When the journal as last opened
 *     holds nothing new although more was committed (a new segment file, a log recorded
 *     afresh) or after an error, it is opened again (recording log, segment files); a log
 *     recorded afresh is read from its start (readers drop what they already saw by its
 *     source sequence, as the engine does).</li>
 * </ul>
 * One thread polls; the input runs on it.
 */
public final class JournalFollower
{
    private final Path journalDir;
    private final CommittedPosition committed;
    private final JournalReader.Cursor cursor;
    private JournalReader reader;
    private long limit = Long.MIN_VALUE;
    private boolean committedKnown;

    /**
     * @param journalDir the member's directory ({@code cluster.dir/member-N})
     * @param committed  how far the log is committed, or null for a stopped run's log (read as recorded)
     * @param input      gets every committed input and timer event (and {@link
     *                   JournalReader.TimerPositions#beforeTimer} when it implements it)
     */
    public JournalFollower(final Path journalDir, final CommittedPosition committed, final EngineInput input)
    {
        this.journalDir = journalDir;
        this.committed = committed;
        this.cursor = new JournalReader.Cursor(input);
    }

    /**
     * Reads what was committed since the last poll.
     *
     * @return what this poll read
     * @throws JournalException when the journal cannot be read (not there yet, being rewritten,
     *                          corrupt); what was read before the problem stays read, and the
     *                          next poll tries again from there
     */
    public JournalReader.Summary poll()
    {
        return poll(Long.MAX_VALUE);
    }

    /**
     * As {@link #poll()}, reading at most {@code maxBytes} of log past where the last poll stopped,
     * for a reader that holds what it reads until it has written it (the history writer): its memory
     * stays bounded however far behind it starts. {@code maxBytes} must be at least the longest
     * message's frames (a term length / 8), or the poll never gets past that message.
     */
    public JournalReader.Summary poll(final long maxBytes)
    {
        final long position = null == committed ? Long.MAX_VALUE : committed.read();
        committedKnown = CommittedPosition.UNKNOWN != position;
        limit = Math.max(limit, position);
        if (limit <= cursor.position())
        {
            return new JournalReader.Summary(-1, cursor.position(), cursor.position(), 0, 0);
        }
        try
        {
            if (null != reader)
            {
                final JournalReader.Summary summary = reader.replay(cursor, bound(maxBytes));
                if (summary.endPosition() > summary.startPosition() || cursor.position() >= limit)
                {
                    return summary;
                }
            }
            reader = JournalReader.open(journalDir);
            return reader.replay(cursor, bound(maxBytes));
        }
        catch (final JournalException ex)
        {
            reader = null;
            throw ex;
        }
    }

    private long bound(final long maxBytes)
    {
        final long from = cursor.position() < 0 ? reader.startPosition() : cursor.position();
        return from >= limit - maxBytes ? limit : from + maxBytes;
    }

    /** The log position up to which the log was read (-1 before the first poll). */
    public long position()
    {
        return cursor.position();
    }

    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * @return whether the last poll could read the committed position (always true without one):
     *         false while the process is not running, when nothing new is read
     */
    public boolean committedKnown()
    {
        return committedKnown;
    }
}
