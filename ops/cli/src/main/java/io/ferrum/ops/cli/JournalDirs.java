package io.ferrum.ops.cli;

import io.ferrum.ops.backtest.journal.DemoEngineConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --journal DIR} means in every command: the directory a {@code ./ferrum demo} run
 * prints as "journal" (its {@code demo.properties} beside its {@code member-0}) or a member's or
 * the backup's own directory. Each command takes either and finds the one it reads.
 */
final class JournalDirs
{
    private JournalDirs()
    {
    }

    /** The directory holding the log: DIR's {@code member-0} when DIR is a demo run's, else DIR. */
    static Path memberDir(final Path dir)
    {
        final Path member = existing(dir).resolve(DemoEngineConfig.MEMBER_DIR);
        return Files.isDirectory(member) ? member : dir;
    }

    /** The demo run's directory: DIR, or its parent when DIR is the run's {@code member-0}. */
    static Path demoDir(final Path dir)
    {
        final Path parent = existing(dir).toAbsolutePath().getParent();
        final boolean isMember = !Files.exists(dir.resolve(DemoEngineConfig.FILE_NAME)) && null != parent &&
            dir.toAbsolutePath().getFileName().toString().equals(DemoEngineConfig.MEMBER_DIR) &&
            Files.exists(parent.resolve(DemoEngineConfig.FILE_NAME));
        return isMember ? dir.resolve("..").normalize() : dir;
    }

    private static Path existing(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new CommandException(ExitCodes.NO_INPUT, "--journal " + dir + " is not a directory");
        }
        return dir;
    }
}
