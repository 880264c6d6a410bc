package io.ferrum.ops.cli;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.engine.Engine;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalAudit;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.replica.StateHashCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ferrum verify}: the runbook's checks in one command, read-only, on a running or
 * stopped cluster, a backup or a finished demo. For each journal: every source's sequence once
 * and in order, every client order id answered once by the venue ({@link JournalAudit}); for
 * each running member: a fresh engine replayed to the position the member last published its
 * state hash at gives that hash. One {@code verify_journal} line per journal, one
 * {@code verify_hash} line per member compared, and a {@code verify_summary} line; exit 0 when
 * every check passed, 1 when one failed.
 */
@Command(name = "verify",
    header = "check a cluster's, a backup's or a demo's journal: sequences once and in order, orders answered once, hashes equal a replay",
    footer = {"Exit status: 0 every check passed, 1 a check failed, 64 usage, 66 no journal, 65 a corrupt journal,",
        "69 --config with no member journal at all."})
public final class VerifyCommand implements FerrumCommand
{
    @Option(names = "--journal", paramLabel = "DIR", description = "a finished ./ferrum demo's journal (or its member-0)")
    Path journal;

    @Option(names = "--config", paramLabel = "FILE",
        description = "the cluster file: every member's journal (up to its commit position while it runs), or --backup's")
    Path configFile;

    @Option(names = "--backup", description = "with --config: the ClusterBackup's journal instead of the members'")
    boolean backup;

    public int run(final PrintStream out, final PrintStream err)
    {
        if ((null == journal) == (null == configFile))
        {
            throw new UsageException("give either --journal DIR or --config FILE (with --backup for the backup)");
        }
        if (null != journal && backup)
        {
            throw new UsageException("--backup goes with --config, not --journal");
        }
        final List<Boolean> passed = new ArrayList<>();
        if (null != journal)
        {
            final Path demo = JournalDirs.demoDir(journal);
            passed.add(audit(demo.resolve(DemoEngineConfig.MEMBER_DIR), null, out, err));
        }
        else
        {
            verifyCluster(ClusterConfig.load(configFile), passed, out, err);
        }
        final boolean ok = !passed.contains(false);
        out.println(JsonOut.object().field("type", "verify_summary").field("checks", passed.size())
            .field("failed", passed.stream().filter((p) -> !p).count()).field("ok", ok).toString());
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private void verifyCluster(final ClusterConfig config, final List<Boolean> passed, final PrintStream out, final PrintStream err)
    {
        if (backup)
        {
            passed.add(audit(config.backupDir(), CommittedPosition.ofBackup(config.backupAeronDir().toFile()), out, err));
            return;
        }
        int journals = 0;
        for (final ClusterConfig.Member member : config.members())
        {
            final Path dir = config.memberDir(member.id());
            if (!Files.isDirectory(dir))
            {
                err.println("ferrum verify: member " + member.id() + " has no journal at " + dir + " (never started here)");
                continue;
            }
            journals++;
            passed.add(audit(dir, CommittedPosition.ofMember(config.aeronDir(member.id()).toFile()), out, err));
            final long[] published = new long[2];
            final boolean running = CncCounters.read(config.aeronDir(member.id()).toFile(),
                (counters) -> StateHashCounters.read(counters, member.id(), published));
            if (!running)
            {
                err.println("ferrum verify: member " + member.id() + " is not running or has published no state hash: " +
                    "its hash is not compared");
                continue;
            }
            final Engine engine = ReplayCommand.settings(config, member.id())
                .newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
            final long replayed = replayTo(dir, engine, published[0]);
            final boolean same = replayed == published[0] && engine.stateHash() == published[1];
            out.println(JsonOut.object().field("type", "verify_hash").field("member", member.id())
                .field("hash_position", published[0]).field("member_hash", String.format("%016x", published[1]))
                .field("replay_position", replayed).field("replay_hash", String.format("%016x", engine.stateHash()))
                .field("ok", same).toString());
            passed.add(same);
        }
        if (0 == journals)
        {
            throw new CommandException(ExitCodes.UNAVAILABLE, "no member journal under " + config.dir() +
                ": start the members (./ferrum node) or point --config at the file they run with");
        }
    }

    /**
     * Replays up to {@code position}: a follower's service may apply an entry a moment before its
     * own archive has recorded it, so a log short of the position is read again, for up to 2 s.
     */
    private static long replayTo(final Path dir, final Engine engine, final long position)
    {
        final JournalReader.Cursor cursor = new JournalReader.Cursor(engine);
        final long deadlineNs = System.nanoTime() + 2_000_000_000L;
        do
        {
            JournalReader.open(dir).replay(cursor, position);
        }
        while (cursor.position() < position && System.nanoTime() < deadlineNs && pause());
        return cursor.position();
    }

    private static boolean pause()
    {
        try
        {
            Thread.sleep(50);
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Audits one journal up to what is committed (all of it for a stopped process) and prints its line. */
    private static boolean audit(final Path dir, final CommittedPosition committed, final PrintStream out, final PrintStream err)
    {
        if (!Files.isDirectory(dir))
        {
            throw new CommandException(ExitCodes.NO_INPUT, "the journal directory " + dir + " does not exist");
        }
        final long limit = null == committed ? CommittedPosition.UNKNOWN : committed.read();
        final JournalAudit audit = new JournalAudit();
        final JournalReader.Summary read =
            JournalReader.open(dir).replay(audit, CommittedPosition.UNKNOWN == limit ? Long.MAX_VALUE : limit);
        long accepted = 0;
        long resent = 0;
        long missing = 0;
        long restarts = 0;
        for (final Map.Entry<Integer, JournalAudit.SourceStats> source : audit.sources().entrySet())
        {
            accepted += source.getValue().accepted();
            resent += source.getValue().resent();
            missing += source.getValue().missing();
            restarts += source.getValue().restarts();
        }
        for (final String problem : audit.problems())
        {
            err.println("ferrum verify: " + dir + ": " + problem);
        }
        if (audit.ordersWithoutDecision() > 0)
        {
            err.println("ferrum verify: " + dir + ": " + audit.ordersWithoutDecision() + " answered orders have no " +
                "risk_decision on the log (decided by a leader that died before its egress delivered the decision; " +
                "./ferrum replay derives them from the log)");
        }
        final boolean ok = 0 == audit.problemCount();
        out.println(JsonOut.object().field("type", "verify_journal").field("journal", dir.toString())
            .field("log_position", read.endPosition()).field("messages", audit.messages())
            .field("sources", audit.sources().size()).field("inputs", accepted).field("resent", resent)
            .field("missing", missing).field("publisher_restarts", restarts)
            .field("orders_answered", audit.ordersAnswered()).field("orders_answered_twice", audit.ordersAnsweredTwice())
            .field("orders_without_risk_decision", audit.ordersWithoutDecision())
            .field("ok", ok).toString());
        return ok;
    }
}
