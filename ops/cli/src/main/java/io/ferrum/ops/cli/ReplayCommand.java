package io.ferrum.ops.cli;

import io.ferrum.engine.Engine;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.backtest.journal.ManifestCheck;
import io.ferrum.ops.demo.EngineSummary;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.sequencer.journal.SnapshotFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./ferrum replay}: reads a journal read-only and drives a fresh engine through every
 * message and timer; prints a {@code replay_summary} line whose state hash equals the live
 * engine's at the same log position.
 * <ul>
 * <li>{@code --journal DIR}: a finished demo's journal (or its member-0), the engine configured from the
 *     {@code demo.properties} the demo wrote beside it;</li>
 * <li>{@code --config FILE --member N} or {@code --config FILE --backup}: a cluster member's or
 *     the ClusterBackup's directory, the engine configured from the file's {@code engine.*}
 *     lines as every member's is. While that process runs, the replay stops at its committed
 *     position ({@link CommittedPosition}), as the member's own engine does; a stopped one's
 *     log is replayed as recorded.</li>
 * </ul>
 * {@code --to-position P} stops at log position P, e.g. a member's {@code hash_position} from
 * {@code ./ferrum replicas}: the replay's state hash is then the one that member published there.
 * The summary's {@code log_position} says where the replay ended.
 */
@Command(name = "replay",
    header = "replay a demo's, a member's or the backup's journal into a fresh engine and print its state hash",
    footer = "The engine is configured from the demo's demo.properties, or from the cluster file's engine.* lines.")
public final class ReplayCommand implements FerrumCommand
{
    @Option(names = "--journal", paramLabel = "DIR",
        description = "the directory a ./ferrum demo run printed as \"journal\" (or its member-0)")
    Path journal;

    @Option(names = "--config", paramLabel = "FILE",
        description = "the cluster file: with --member N that member's journal (up to its commit position while it runs)," +
            " with --backup the ClusterBackup's")
    Path configFile;

    @Option(names = "--member", paramLabel = "N", description = "with --config: cluster member N (0, 1, ...)")
    Integer member;

    @Option(names = "--backup", description = "with --config: the ClusterBackup's journal")
    boolean backup;

    @Option(names = "--to-position", paramLabel = "P",
        description = "stop at log position P (a member's hash_position in ./ferrum replicas); the log must reach it")
    Long toPosition;

    @Option(names = "--classpath", paramLabel = "JARS",
        description = "with --journal: the strategy jars (default $FERRUM_CLASSPATH); a replay refuses jars other" +
            " than the live run's")
    String classpath;

    public int run(final PrintStream out, final PrintStream err)
    {
        if ((null == journal) == (null == configFile))
        {
            throw new UsageException("give either --journal DIR or --config FILE with --member N or --backup");
        }
        if (null != journal && (null != member || backup))
        {
            throw new UsageException("--member and --backup go with --config, not --journal");
        }
        if (null != configFile && (null == member) == !backup)
        {
            throw new UsageException("--config needs either --member N or --backup");
        }
        if (null != member && member < 0)
        {
            throw new UsageException("--member must be a member id (0, 1, ...): " + member);
        }
        if (null != toPosition && toPosition < 0)
        {
            throw new UsageException("--to-position must be a log position (0 or more): " + toPosition);
        }
        return null != journal ? replayDemo(JournalDirs.demoDir(journal), out, err) :
            replayCluster(configFile, member, out, err);
    }

    private int replayDemo(final Path journal, final PrintStream out, final PrintStream err)
    {
        final DemoEngineConfig config = DemoEngineConfig.read(journal, StrategyJars.resolve(classpath, System.getenv()));
        final Engine engine = config.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final long limit = null == toPosition ? Long.MAX_VALUE : toPosition;
        final JournalReader.Summary replayed = JournalReader.open(journal.resolve(DemoEngineConfig.MEMBER_DIR))
            .replay(new ManifestCheck(engine, config.manifest()), limit);
        return summarise(engine, replayed, journal, out, err);
    }

    private int replayCluster(
        final Path configFile, final Integer member, final PrintStream out, final PrintStream err)
    {
        final ClusterConfig config = ClusterConfig.load(configFile);
        final Path journal;
        final CommittedPosition committed;
        if (null == member)
        {
            journal = config.backupDir();
            committed = CommittedPosition.ofBackup(config.backupAeronDir().toFile());
        }
        else
        {
            if (member >= Math.max(1, config.members().size()))
            {
                throw new UsageException("--member " + member + " is not in " + configFile);
            }
            journal = config.memberDir(member);
            committed = CommittedPosition.ofMember(config.aeronDir(member).toFile());
        }
        final EngineSettings settings = settings(config, null == member ? 0 : member);
        final Engine engine = settings.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        if (!Files.isDirectory(journal))
        {
            throw new CommandException(ExitCodes.NO_INPUT, "the journal directory " + journal + " does not exist");
        }
        final JournalReader reader = JournalReader.open(journal);
        final long fromPosition = reader.startPosition() > 0 ? restoreSnapshot(journal, reader, engine) : 0;
        final long committedLimit = committed.read();
        if (CommittedPosition.UNKNOWN == committedLimit)
        {
            err.println("ferrum replay: no " + committed + " (not running): replaying the log as recorded");
        }
        final long limit = Math.min(CommittedPosition.UNKNOWN == committedLimit ? Long.MAX_VALUE : committedLimit,
            null == toPosition ? Long.MAX_VALUE : toPosition);
        // a gateway put the strategies' manifest on the log: other code here is refused before its first input
        return summarise(engine, reader.replayFrom(new ManifestCheck(engine, settings.spec().manifest()), fromPosition,
            limit), journal, out, err);
    }

    /**
     * A backup started mid-life keeps the log only from a leadership term after its first snapshot:
     * the replay starts from the latest engine snapshot it holds, at that snapshot's position.
     */
    private static long restoreSnapshot(final Path journal, final JournalReader reader, final Engine engine)
    {
        final long snapshotPosition;
        try
        {
            snapshotPosition = SnapshotFiles.restoreLatest(journal, engine);
        }
        catch (final JournalException ex)
        {
            // An empty engine fed a log from the middle ends in a state the cluster never had.
            throw new CommandException(ExitCodes.DATA, "the log in " + journal + " starts at position " +
                reader.startPosition() + ", not 0, and no engine snapshot to start from could be read (" +
                ex.getMessage() + "): take one (./ferrum admin snapshot) and let the backup copy it " +
                "(docs/operations.md: Backup), or replay a member (--member N)");
        }
        if (snapshotPosition < reader.startPosition())
        {
            throw new CommandException(ExitCodes.DATA, "the latest snapshot in " + journal + " is at position " +
                snapshotPosition + ", before the log it holds starts (" + reader.startPosition() + "): take a " +
                "new snapshot (./ferrum admin snapshot) and let the backup copy it");
        }
        return snapshotPosition;
    }

    /** The engine settings of the cluster file's members, with the limits {@code member} kept, for a replay of its log. */
    static EngineSettings settings(final ClusterConfig config, final int member)
    {
        return EngineSettings.parse(config.engineSettings()).withRiskKeptIn(config.memberDir(member));
    }

    private int summarise(
        final Engine engine, final JournalReader.Summary replayed, final Path journal, final PrintStream out,
        final PrintStream err)
    {
        err.println("ferrum replay: " + replayed.messages() + " messages and " + replayed.timers() +
            " timers from recording " + replayed.recordingId() + " up to log position " + replayed.endPosition());
        if (null != toPosition && replayed.endPosition() != toPosition)
        {
            // Short of P the hash is of another state; past a message boundary P is not a position any hash was taken at.
            throw new CommandException(ExitCodes.DATA, "--to-position " + toPosition + " is not where a committed message " +
                "of " + journal + " ends: the replay stopped at " + replayed.endPosition() +
                " (use a hash_position from ./ferrum replicas, at most the commit position)");
        }
        out.println(EngineSummary.of(engine).toJson("replay_summary", journal.toString(), replayed.endPosition()));
        out.flush();
        return ExitCodes.OK;
    }
}
