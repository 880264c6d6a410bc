package io.ferrum.ops.cli;

import io.ferrum.tuning.doctor.Doctor;
import io.ferrum.tuning.doctor.Report;
import io.ferrum.tuning.layout.ThreadLayout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./ferrum doctor}: checks this host against the colocated profile, item by item,
 * with the command that fixes each item; exit status 0 only when the host is fit.
 */
@Command(name = "doctor", header = "check this host for the colocated profile: what is tuned, what is not, and the fix",
    footer = "Exit status: 0 fit for the colocated profile, 1 not fit; docs/cli.md for the rest.")
public final class DoctorCommand implements FerrumCommand
{
    /** Exit status when the host is not fit for the colocated profile. */
    public static final int EXIT_NOT_FIT = ExitCodes.CHECK_FAILED;

    @Option(names = "--layout", paramLabel = "NAME|FILE",
        description = "the thread layout whose CPUs must be isolated (default: " + Doctor.COLOCATED_LAYOUT +
            ", from tuning/layouts/)")
    String layout;

    @Option(names = "--root", paramLabel = "DIR",
        description = "read /proc and /sys under DIR instead of / (a copy taken from another host)")
    Path root;

    public int run(final PrintStream out, final PrintStream err)
    {
        final Doctor.Context ctx = new Doctor.Context();
        if (layout != null)
        {
            ctx.layoutFile(ThreadLayout.resolve(layout));
        }
        if (root != null)
        {
            if (!Files.isDirectory(root))
            {
                throw new CommandException(ExitCodes.NO_INPUT, "--root " + root + " is not a directory");
            }
            ctx.hostRoot(root);
        }
        final Report report = new Doctor(ctx).examine();
        report.print(out);
        return report.fit() ? ExitCodes.OK : EXIT_NOT_FIT;
    }
}
