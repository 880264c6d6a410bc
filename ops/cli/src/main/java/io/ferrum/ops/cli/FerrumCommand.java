package io.ferrum.ops.cli;

import java.io.PrintStream;

/**
 * One {@code ./ferrum <name>} command: a class annotated with picocli's {@code @Command} (its name,
 * header and options) that implements this. Implementations are found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.ferrum.ops.cli.FerrumCommand}), so a
 * module above ops (bench) adds commands without ops depending on it; {@link Main} makes each one a
 * picocli subcommand.
 */
public interface FerrumCommand
{
    /**
     * Runs the command once picocli has set its options. A mistake the options alone cannot show
     * (two sources given, a file that is missing) is thrown as a {@link CommandException}; any
     * exception is turned into an exit status by {@link ExitCodes#of(Throwable)}.
     *
     * @param out machine-readable results (JSON lines, tables)
     * @param err progress, warnings and logs
     * @return the exit status, one of {@link ExitCodes}
     */
    int run(PrintStream out, PrintStream err) throws Exception;
}
