package io.ferrum.ops.cli;

import io.ferrum.engine.Engine;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.backtest.journal.ManifestCheck;
import io.ferrum.ops.demo.EngineSummary;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalReader;
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
        return null != journal ? replayDemo(JournalDirs.demoDir(journal), classpath, out, err) :
            replayCluster(configFile, member, out, err);
    }

    private static int replayDemo(
        final Path journal, final String classpath, final PrintStream out, final PrintStream err)
    {
        final DemoEngineConfig config = DemoEngineConfig.read(journal, StrategyJars.resolve(classpath, System.getenv()));
        final Engine engine = config.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final JournalReader.Summary replayed = JournalReader.open(journal.resolve(DemoEngineConfig.MEMBER_DIR))
            .replay(new ManifestCheck(engine, config.manifest()));
        report(replayed, err);
        out.println(EngineSummary.of(engine).toJson("replay_summary", journal.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    private static int replayCluster(
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
        final Engine engine = EngineSettings.parse(config.engineSettings(), configFile.toString())
            .withRiskKeptIn(config.memberDir(null == member ? 0 : member))
            .newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        if (!Files.isDirectory(journal))
        {
            throw new CommandException(ExitCodes.NO_INPUT, "the journal directory " + journal + " does not exist");
        }
        final JournalReader reader = JournalReader.open(journal);
        if (reader.startPosition() > 0)
        {
            // An empty engine fed a log from the middle ends in a state the cluster never had.
            throw new CommandException(ExitCodes.DATA, "the log in " + journal + " starts at position " + reader.startPosition() +
                ", not 0: a backup started after a leader change keeps only the later terms, and a replay " +
                "from an empty engine would not give the cluster's state. Replay a member (--member N) " +
                "instead; for a restore the backup needs a snapshot taken after it started " +
                "(./ferrum admin snapshot, docs/operations.md: Restore from the backup)");
        }
        final long limit = committed.read();
        if (CommittedPosition.UNKNOWN == limit)
        {
            err.println("ferrum replay: no " + committed + " (not running): replaying the log as recorded");
        }
        report(reader.replay(engine, CommittedPosition.UNKNOWN == limit ? Long.MAX_VALUE : limit), err);
        out.println(EngineSummary.of(engine).toJson("replay_summary", journal.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    private static void report(final JournalReader.Summary replayed, final PrintStream err)
    {
        err.println("ferrum replay: " + replayed.messages() + " messages and " + replayed.timers() +
            " timers from recording " + replayed.recordingId() + " up to log position " + replayed.endPosition());
    }
}
