package io.ferrum.ops.cli;

import io.ferrum.sequencer.cluster.BackupNode;
import io.ferrum.sequencer.cluster.ClusterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum backup --config FILE}: Aeron's ClusterBackup ({@link BackupNode}) until the
 * process is stopped: a non-voting copy of the cluster's log in {@code cluster.dir/backup},
 * for disaster recovery and for {@code ./ferrum tail --journal cluster.dir/backup}.
 */
@Command(name = "backup", header = "run a ClusterBackup: a non-voting copy of the cluster's log for DR and the tail",
    footer = "Stops on SIGTERM or SIGINT; the copy stays in cluster.dir/backup.")
public final class BackupCommand implements FerrumCommand
{
    @Option(names = "--config", paramLabel = "FILE", required = true,
        description = "the cluster file; it needs cluster.backup = host:basePort (3 ports from basePort)")
    Path configFile;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final ClusterConfig config = ClusterConfig.load(configFile);
        if (config.members().isEmpty() || null == config.backup())
        {
            throw new CommandException(ExitCodes.CONFIG,
                configFile + " needs cluster.member.N lines and cluster.backup = host:basePort");
        }
        try (Termination stop = Termination.install("backup");
            BackupNode backup = BackupNode.launch(config,
            (ex) -> err.println(Instant.now() + " backup error: " + ex)))
        {
            out.println(Instant.now() + " backup started: " + config.backupDir());
            out.flush();
            int source = -1;
            while (!stop.await(200, TimeUnit.MILLISECONDS))
            {
                if (source != backup.sourceMemberId())
                {
                    source = backup.sourceMemberId();
                    out.println(Instant.now() + " backup copying from member " + source);
                    out.flush();
                }
            }
            out.println(Instant.now() + " backup stopping: copied from member " + backup.sourceMemberId() +
                " up to log position " + backup.liveLogPosition() + " in " + config.backupDir());
            out.flush();
        }
        return ExitCodes.OK;
    }
}
