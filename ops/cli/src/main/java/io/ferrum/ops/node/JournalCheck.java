package io.ferrum.ops.node;

import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalReader;

import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A member reads its own journal end to end before it starts on it. Aeron replays a member's
 * local log into the service at start: a damaged segment (a flipped page, a bad disk, a file
 * edited by hand) made the member fail deep inside the election (`expected schemaId=111`,
 * `Cluster log must be contiguous`) and stay out of the cluster. Checked first, the damage is
 * named with its file and position, and the member refuses to start with what to do instead.
 * A segment file cut short is damage too: the archive makes every segment file the full segment
 * length when it opens it, so a shorter one lost its end (the member would loop on Aeron's
 * "unexpected end of recording").
 * A log that ends inside a message (a member killed while a fragmented message arrived) is not
 * damage: Aeron truncates that tail itself.
 */
public final class JournalCheck
{
    private JournalCheck()
    {
    }

    /**
     * @param memberDir     the member's {@code cluster.dir/member-N}; a first start (no journal yet) passes
     * @param segmentLength the archive's segment length ({@code cluster.archive.segment.length})
     * @return null when the journal reads (or there is none yet), else what is wrong and what to do
     */
    public static String problem(final Path memberDir, final int memberId, final long segmentLength) throws IOException
    {
        if (!Files.isDirectory(memberDir.resolve("cluster")))
        {
            return null;
        }
        final List<Path> segments;
        try (Stream<Path> files = Files.list(memberDir.resolve("archive")))
        {
            segments = files.filter((f) -> f.toString().endsWith(".rec")).sorted().toList();
        }
        for (final Path segment : segments)
        {
            final long size = Files.size(segment);
            if (size != segmentLength)
            {
                return damaged(memberDir, memberId, "segment file " + segment + " is " + size +
                    " bytes, not the segment length " + segmentLength + ": it was cut short");
            }
        }
        try
        {
            JournalReader.open(memberDir).replay(new JournalReader.Cursor(JournalReader.DISCARD_INPUT), Long.MAX_VALUE);
            return null;
        }
        catch (final JournalException ex)
        {
            if (!ex.isCorrupt())
            {
                return null; // no log recording yet: the member's first term has not started
            }
            return damaged(memberDir, memberId, ex.getMessage());
        }
    }

    private static String damaged(final Path memberDir, final int memberId, final String what)
    {
        return "member " + memberId + "'s journal is damaged: " + what + ". It will not start on it. " +
                "Move " + memberDir + " aside (keep it for analysis) and start the member again: it copies the log " +
                "from the leader. With no other member alive, restore it from the backup first " +
            "(docs/operations.md, \"Restore from the backup\").";
    }
}
