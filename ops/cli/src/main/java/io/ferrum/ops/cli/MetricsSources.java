package io.ferrum.ops.cli;

import io.ferrum.ops.metrics.MetricsReader;
import io.ferrum.sequencer.cluster.ClusterConfig;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code stat} and {@code metrics} read from (a picocli mixin): given Aeron directories, the
 * members' and the gateway's of a cluster file, or by default every live Aeron directory found under
 * {@code ferrum-data}, where demo, node and gateway keep theirs.
 */
final class MetricsSources
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "a process's Aeron directory (the one holding cnc.dat); repeat for several")
    List<Path> aeronDirs = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
        description = "a cluster file: every member's Aeron directory on this host and the gateway's")
    Path config;

    @Option(names = "--root", paramLabel = "DIR",
        description = "look for running processes under this directory (default: ferrum-data)")
    Path root = MetricsReader.DEFAULT_ROOT;

    MetricsReader reader()
    {
        if (!aeronDirs.isEmpty() && null != config)
        {
            throw new UsageException("give --aeron-dir or --config, not both");
        }
        if (null != config)
        {
            final ClusterConfig cluster = ClusterConfig.load(config);
            final List<File> dirs = new ArrayList<>();
            for (int id = 0; id < Math.max(1, cluster.members().size()); id++)
            {
                dirs.add(cluster.aeronDir(id).toFile());
            }
            dirs.add(cluster.dir().resolve("gateway").resolve("aeron").toFile());
            return MetricsReader.of(dirs);
        }
        if (!aeronDirs.isEmpty())
        {
            for (final Path dir : aeronDirs)
            {
                if (!Files.isDirectory(dir))
                {
                    throw new CommandException(ExitCodes.NO_INPUT, "Aeron directory " + dir + " does not exist");
                }
            }
            return MetricsReader.of(aeronDirs.stream().map(Path::toFile).toList());
        }
        return MetricsReader.under(root);
    }

    /** Says where no live process was found, for the one-line error. */
    String describe()
    {
        if (null != config)
        {
            return "the members and gateway of " + config;
        }
        return aeronDirs.isEmpty() ? root + " (start ./ferrum demo, node or gateway, or give --aeron-dir)" :
            aeronDirs.toString();
    }
}
