package io.ferrum.ops.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@code ./ferrum <command>} in a JVM of its own, started with this JVM's Java, class path and
 * module flags: its output (stdout and stderr) appended to a log file by a daemon thread, and the
 * last line that matched a filter kept for the caller (a start line's URLs, a summary).
 */
final class ChildProcess
{
    private static final int SIGTERM_EXIT = 128 + 15;

    private final String name;
    private final Process process;
    private final Predicate<String> keep;
    private final Thread pump;
    private volatile String kept;

    private ChildProcess(final String name, final Process process, final Path log, final Predicate<String> keep)
        throws IOException
    {
        this.name = name;
        this.process = process;
        this.keep = keep;
        final PrintStream file = new PrintStream(Files.newOutputStream(log, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        pump = new Thread(() -> pump(file), "soak-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * @param log  the file the output is appended to (a restarted member's run follows its last)
     * @param keep which lines to keep the last of
     */
    static ChildProcess start(final String name, final List<String> args, final Path log, final Predicate<String> keep)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dlog4j"))
            {
                command.add(arg);
            }
        }
        // five JVMs share the machine with the soak: small heaps, one GC thread, C1 only
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), "io.ferrum.ops.cli.Main"));
        command.addAll(args);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildProcess(name, process, log, keep);
    }

    String name()
    {
        return name;
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** The last line that matched, or null. */
    String kept()
    {
        return kept;
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or the OOM killer would. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, then SIGKILL if it has not ended within {@code graceMs}; its last lines read.
     *
     * @return true when it ended by itself (a JVM that ran its shutdown hooks on SIGTERM exits 143)
     */
    boolean stop(final long graceMs) throws InterruptedException
    {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        final boolean ended = process.waitFor(graceMs, TimeUnit.MILLISECONDS);
        if (!ended)
        {
            kill();
        }
        pump.join(TimeUnit.SECONDS.toMillis(5));
        return ended && (0 == process.exitValue() || SIGTERM_EXIT == process.exitValue());
    }

    private void pump(final PrintStream file)
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            file)
        {
            String line;
            while (null != (line = lines.readLine()))
            {
                file.println(line);
                if (keep.test(line))
                {
                    kept = line;
                }
            }
        }
        catch (final IOException ignore)
        {
            // the process was killed: its output ends here
        }
    }
}
