package io.ferrum.sequencer.journal;

import io.aeron.cluster.ConsensusModule;
import io.ferrum.engine.EngineInput;
import io.ferrum.sequencer.replica.CncCounters;

import java.io.File;
import java.nio.file.Path;

/**
 * Follows a member's log read-only, for every reader beside the engine (the journal tail,
 * analytics): each {@link #poll()} hands the inputs and timer events committed since the last
 * poll to one {@link EngineInput}, in log order. It maps the archive's segment files through
 * {@link JournalReader} and reads the member's commit position from its CnC file; it has no
 * Aeron client, takes no lock the member takes, and so can neither send anything to the
 * cluster nor hold its engine back.
 * <ul>
 * <li>Committed only: while the member runs, nothing past its consensus module's commit
 *     position is read (it is read once committed); a stopped member's log (no CnC file, or
 *     no commit-position counter in it) is read as recorded.</li>
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
    private final File aeronDir;
    private final JournalReader.Cursor cursor;
    private JournalReader reader;

    /**
     * @param journalDir the member's directory ({@code cluster.dir/member-N})
     * @param aeronDir   the member's media driver directory (for its commit position), or null
     *                   for a stopped member's log
     * @param input      gets every committed input and timer event (and {@link
     *                   JournalReader.TimerPositions#beforeTimer} when it implements it)
     */
    public JournalFollower(final Path journalDir, final File aeronDir, final EngineInput input)
    {
        this.journalDir = journalDir;
        this.aeronDir = aeronDir;
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
        final long limit = commitPosition();
        try
        {
            if (null != reader)
            {
                final JournalReader.Summary summary = reader.replay(cursor, limit);
                if (summary.endPosition() > summary.startPosition() || cursor.position() >= limit)
                {
                    return summary;
                }
            }
            reader = JournalReader.open(journalDir);
            return reader.replay(cursor, limit);
        }
        catch (final JournalException ex)
        {
            reader = null;
            throw ex;
        }
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
}
