package io.ferrum.sequencer.replica;


import java.io.File;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the members' state hashes while the cluster runs, from outside: it reads each
 * member's {@link StateHashCounters} from the member's CnC file ({@link CncCounters}: read-only,
 * mapped for each poll, so that a restarted member's new CnC is picked up) and keeps the last
 * {@code history} (position, hash) pairs it saw per member. Members apply the log at
 * slightly different times, so two members are compared at every position both were seen
 * at; a difference is a mismatch, reported once to the {@link Listener}. On a quiet cluster
 * every member ends at the same position, so the latest hashes are always compared.
 * <p>
 * Not thread-safe: one thread calls {@link #poll()}; the figures may be read from any thread.
 */
public final class ReplicaHashMonitor
{
    /** Told about every pair of members that disagree at a log position. */
    @FunctionalInterface
    public interface Listener
    {
        void onMismatch(long logPosition, int memberA, long hashA, int memberB, long hashB);
    }

    private final int[] memberIds;
    private final File[] aeronDirs;
    private final long[][] positions;
    private final long[][] hashes;
    private final int[] counts;
    private final long[] latestPositions;
    private final Listener listener;
    private final long[] pair = new long[2];
    private volatile long comparisons;
    private volatile long mismatches;
    private volatile long lastAgreedPosition = -1;
    private volatile String lastMismatch;

    /**
     * @param aeronDirByMember each member's media driver directory (where its {@code cnc.dat} is)
     * @param history          pairs kept per member for comparison at equal positions
     */
    public ReplicaHashMonitor(final Map<Integer, File> aeronDirByMember, final int history, final Listener listener)
    {
        if (history < 1)
        {
            throw new IllegalArgumentException("history must be >= 1: " + history);
        }
        final TreeMap<Integer, File> sorted = new TreeMap<>(aeronDirByMember);
        final int members = sorted.size();
        memberIds = new int[members];
        aeronDirs = new File[members];
        int i = 0;
        for (final Map.Entry<Integer, File> entry : sorted.entrySet())
        {
            memberIds[i] = entry.getKey();
            aeronDirs[i] = entry.getValue();
            i++;
        }
        positions = new long[members][history];
        hashes = new long[members][history];
        counts = new int[members];
        latestPositions = new long[members];
        java.util.Arrays.fill(latestPositions, -1);
        this.listener = listener;
    }

    /**
     * Reads every member once and compares what is new.
     *
     * @return the members whose hash could be read (a stopped member is skipped)
     */
    public int poll()
    {
        int read = 0;
        for (int m = 0; m < memberIds.length; m++)
        {
            if (readMember(m))
            {
                read++;
                final long position = pair[0];
                if (position < latestPositions[m])
                {
                    counts[m] = 0; // restarted from an older snapshot: its history starts again
                }
                if (position != latestPositions[m])
                {
                    latestPositions[m] = position;
                    record(m, position, pair[1]);
                }
            }
        }
        return read;
    }

    private boolean readMember(final int m)
    {
        return CncCounters.read(aeronDirs[m], (counters) -> StateHashCounters.read(counters, memberIds[m], pair));
    }

    private void record(final int m, final long position, final long hash)
    {
        for (int other = 0; other < memberIds.length; other++)
        {
            if (other == m)
            {
                continue;
            }
            final int seen = Math.min(counts[other], positions[other].length);
            for (int k = 0; k < seen; k++)
            {
                if (positions[other][k] == position)
                {
                    comparisons++;
                    if (hashes[other][k] == hash)
                    {
                        lastAgreedPosition = Math.max(lastAgreedPosition, position);
                    }
                    else
                    {
                        mismatches++;
                        lastMismatch = "state hash mismatch at log position " + position + ": member " +
                            memberIds[m] + " " + Long.toHexString(hash) + " != member " + memberIds[other] + " " +
                            Long.toHexString(hashes[other][k]);
                        listener.onMismatch(position, memberIds[m], hash, memberIds[other], hashes[other][k]);
                    }
                }
            }
        }
        final int slot = counts[m] % positions[m].length;
        positions[m][slot] = position;
        hashes[m][slot] = hash;
        counts[m]++;
    }

    /** Pairs of members compared at an equal position so far. */
    public long comparisons()
    {
        return comparisons;
    }

    /** Pairs that differed. */
    public long mismatches()
    {
        return mismatches;
    }

    /** Healthy while no two members ever disagreed. */
    public boolean healthy()
    {
        return 0 == mismatches;
    }

    /** The highest position at which two members were compared and agreed, -1 before any. */
    public long lastAgreedPosition()
    {
        return lastAgreedPosition;
    }

    /** A description of the latest mismatch, or null. */
    public String lastMismatch()
    {
        return lastMismatch;
    }
}
