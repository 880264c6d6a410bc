package io.ferrum.ops.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code ./ferrum <name>} sub-command. Implementations are found through
 * {@link java.util.ServiceLoader}, so a module above ops (bench) can add commands
 * without ops depending on it.
 */
public interface Command
{
    /** Exit status for a usage error, as sysexits' EX_USAGE. */
    int EXIT_USAGE = 64;
    /** Exit status for bad input data (a corrupt file, a bad frame), as EX_DATAERR. */
    int EXIT_DATA = 65;

    /** The word typed after {@code ./ferrum}. */
    String name();

    /** One line for {@code ./ferrum help}. */
    String summary();

    /** Full usage, printed by {@code ./ferrum help <name>} and on a usage error. */
    String usage();

    /**
     * @param args the arguments after the command's name
     * @return the process exit status: 0 for success
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
