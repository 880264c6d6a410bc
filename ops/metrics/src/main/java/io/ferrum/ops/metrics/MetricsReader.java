package io.ferrum.ops.metrics;

import io.aeron.CncFileDescriptor;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.replica.StateHashCounters;
import io.ferrum.sequencer.telemetry.FerrumCounters;
import io.ferrum.sequencer.telemetry.LatencyFile;
import io.ferrum.sequencer.telemetry.Stage;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads Ferrum's metrics from the processes on this host, read-only: for each Aeron directory, the
 * CnC's Ferrum counters and cluster counters (through {@link CncCounters}, which skips a driver that
 * stopped heartbeating) and the {@link LatencyFile} beside it (skipped when its writer has not
 * published for {@link #STALE_MS}). The directories are given, or found under a root (every
 * directory holding a {@code cnc.dat} within a few levels, looked for again at every read, so that
 * processes may come and go). Nothing is kept open between reads; any thread.
 */
public final class MetricsReader
{
    /** Where {@code ./ferrum demo}, {@code node} and {@code gateway} keep their data by default. */
    public static final Path DEFAULT_ROOT = Path.of("ferrum-data");
    /** A latency file not published for this long belongs to a process that died. */
    public static final long STALE_MS = TimeUnit.SECONDS.toMillis(5);
    private static final int SEARCH_DEPTH = 5;

    private final List<File> aeronDirs;
    private final Path root;

    private MetricsReader(final List<File> aeronDirs, final Path root)
    {
        this.aeronDirs = aeronDirs;
        this.root = root;
    }

    /** Reads these Aeron directories. */
    public static MetricsReader of(final List<File> aeronDirs)
    {
        return new MetricsReader(List.copyOf(aeronDirs), null);
    }

    /** Reads every Aeron directory found under {@code root} at each read. */
    public static MetricsReader under(final Path root)
    {
        return new MetricsReader(null, root);
    }

    /** The directories the next read looks at. */
    public List<File> aeronDirs()
    {
        return null == root ? aeronDirs : find(root);
    }

    private static List<File> find(final Path root)
    {
        if (!Files.isDirectory(root))
        {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, SEARCH_DEPTH))
        {
            return walk.filter((p) -> p.getFileName().toString().equals(CncFileDescriptor.CNC_FILE))
                .map((p) -> p.getParent().toFile()).sorted().toList();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return List.of(); // a run's directory deleted while walking: the next read looks again
        }
    }

    public MetricsSnapshot read()
    {
        final long nowMs = System.currentTimeMillis();
        final List<String> sources = new ArrayList<>();
        final List<Series> series = new ArrayList<>();
        final List<long[]> memberFigures = new ArrayList<>(); // id, role, commit position
        final List<String> memberDirs = new ArrayList<>();
        final Map<Stage, Histogram> latency = MetricsSnapshot.newLatencyMap();
        for (final File dir : aeronDirs())
        {
            final long[] member = { -1, -1, -1 };
            final boolean live = CncCounters.read(dir, (counters) ->
            {
                FerrumCounters.forEach(counters, (label, kind, exponent, value) ->
                {
                    final Series parsed = Series.parse(label, kind, exponent, value);
                    if (null != parsed)
                    {
                        series.add(parsed);
                        if (null != parsed.label("member"))
                        {
                            member[0] = Integer.parseInt(parsed.label("member"));
                        }
                    }
                });
                readMember(counters, member);
                return true;
            });
            if (!live)
            {
                continue;
            }
            sources.add(dir.getPath());
            if (member[2] >= 0)
            {
                memberFigures.add(member);
                memberDirs.add(dir.getPath());
            }
            final LatencyFile.Contents contents = LatencyFile.read(dir);
            if (null != contents && nowMs - contents.heartbeatMs() <= STALE_MS)
            {
                for (final Stage stage : Stage.values())
                {
                    final Histogram histogram = contents.histogram(stage);
                    latency.merge(stage, histogram, (a, b) ->
                    {
                        a.add(b);
                        return a;
                    });
                }
            }
        }
        return new MetricsSnapshot(nowMs, sources, series, members(memberFigures, memberDirs), latency);
    }

    private static void readMember(final CountersReader counters, final long[] member)
    {
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (ConsensusModule.Configuration.CLUSTER_NODE_ROLE_TYPE_ID == typeId)
            {
                member[1] = counters.getCounterValue(counterId);
            }
            else if (ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID == typeId)
            {
                member[2] = counters.getCounterValue(counterId);
            }
            else if (StateHashCounters.POSITION_TYPE_ID == typeId)
            {
                member[0] = key.getInt(0);
            }
        });
    }

    private static List<Member> members(final List<long[]> figures, final List<String> dirs)
    {
        long furthest = 0;
        for (final long[] member : figures)
        {
            furthest = Math.max(furthest, member[2]);
        }
        final List<Member> members = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++)
        {
            final long[] member = figures.get(i);
            final String role = member[1] >= 0 && member[1] <= 2 ? Cluster.Role.get(member[1]).name() : "UNKNOWN";
            members.add(new Member((int)member[0], role, member[2], furthest - member[2], dirs.get(i)));
        }
        return members;
    }
}
