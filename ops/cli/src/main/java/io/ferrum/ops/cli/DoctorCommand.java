package io.ferrum.ops.cli;

import io.ferrum.tuning.doctor.Doctor;
import io.ferrum.tuning.doctor.Report;
import io.ferrum.tuning.layout.ThreadLayout;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./ferrum doctor}: checks this host against the colocated profile, item by item,
 * with the command that fixes each item; exit status 0 only when the host is fit.
 */
public final class DoctorCommand implements Command
{
    /** Exit status when the host is not fit for the colocated profile. */
    public static final int EXIT_NOT_FIT = 1;

    public String name()
    {
        return "doctor";
    }

    public String summary()
    {
        return "check this host for the colocated profile: what is tuned, what is not, and the fix";
    }

    public String usage()
    {
        return String.join(System.lineSeparator(),
            "usage: ./ferrum doctor [--layout NAME|FILE] [--root DIR]",
            "  --layout  the thread layout whose CPUs must be isolated (default: " + Doctor.COLOCATED_LAYOUT + ",",
            "            from tuning/layouts/)",
            "  --root    read /proc and /sys under DIR instead of / (a copy taken from another host)",
            "exit status: 0 fit for the colocated profile, " + EXIT_NOT_FIT + " not fit, " + EXIT_USAGE + " usage error");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final Doctor.Context ctx = new Doctor.Context();
        final Arguments a = new Arguments(args);
        while (a.hasNext())
        {
            switch (a.next())
            {
                case "--layout" -> ctx.layoutFile(ThreadLayout.resolve(a.value()));
                case "--root" ->
                {
                    final Path root = a.path();
                    if (!Files.isDirectory(root))
                    {
                        throw new UsageException("--root " + root + " is not a directory");
                    }
                    ctx.hostRoot(root);
                }
                default -> throw a.unknown();
            }
        }

        final Report report = new Doctor(ctx).examine();
        report.print(out);
        return report.fit() ? 0 : EXIT_NOT_FIT;
    }
}
