package io.ferrum.ops.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Entry point of {@code ./ferrum}: finds the sub-command by name and runs it.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final Map<String, Command> commands = commands();
        if (args.isEmpty() || "help".equals(args.get(0)) || "--help".equals(args.get(0)) || "-h".equals(args.get(0)))
        {
            if (args.size() > 1 && commands.containsKey(args.get(1)))
            {
                out.println(commands.get(args.get(1)).usage());
                return 0;
            }
            printHelp(commands, out);
            return args.isEmpty() ? Command.EXIT_USAGE : 0;
        }

        final Command command = commands.get(args.get(0));
        if (null == command)
        {
            err.println("ferrum: unknown command '" + args.get(0) + "'");
            printHelp(commands, err);
            return Command.EXIT_USAGE;
        }

        final List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h"))
        {
            out.println(command.usage());
            return 0;
        }
        try
        {
            return command.run(rest, out, err);
        }
        catch (final UsageException ex)
        {
            err.println("ferrum " + command.name() + ": " + ex.getMessage());
            err.println(command.usage());
            return Command.EXIT_USAGE;
        }
        catch (final Exception ex)
        {
            err.println("ferrum " + command.name() + ": " + ex);
            return 1;
        }
    }

    static Map<String, Command> commands()
    {
        final Map<String, Command> byName = new TreeMap<>();
        for (final Command command : ServiceLoader.load(Command.class))
        {
            byName.put(command.name(), command);
        }
        return byName;
    }

    private static void printHelp(final Map<String, Command> commands, final PrintStream out)
    {
        out.println("usage: ./ferrum <command> [options]   (./ferrum help <command> for details)");
        out.println();
        for (final Command command : commands.values())
        {
            out.printf("  %-10s %s%n", command.name(), command.summary());
        }
    }
}
