package io.ferrum.ops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Entry point of {@code ./ferrum}: every {@link FerrumCommand} found by ServiceLoader becomes a
 * picocli subcommand, with generated help ({@code ./ferrum help [command]}, {@code --help}), one
 * duration syntax, and one exit-status convention ({@link ExitCodes}): a parse error or a
 * {@link CommandException} is one line on stderr, a stack trace only for a bug and only with
 * {@code FERRUM_DEBUG=1}.
 */
public final class Main
{
    /** Set to 1 to see the stack trace of an internal error. */
    public static final String DEBUG_ENV = "FERRUM_DEBUG";
    private static final int HELP_WIDTH = 100;

    private Main()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** {@code ./ferrum args...} with the registered commands. */
    public static int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        return execute(commandLine(commands().values(), out, err), args);
    }

    /** The registered commands by name: ops' own and those of modules above it (bench). */
    static Map<String, FerrumCommand> commands()
    {
        final Map<String, FerrumCommand> byName = new TreeMap<>();
        ServiceLoader.load(FerrumCommand.class).forEach(command -> byName.put(name(command), command));
        return byName;
    }

    static String name(final Object command)
    {
        return command.getClass().getAnnotation(Command.class).name();
    }

    /** {@code ./ferrum <command's name> args...} with this instance of the command (a test's, with its seams). */
    public static int run(final FerrumCommand command, final List<String> args, final PrintStream out, final PrintStream err)
    {
        final List<String> all = new ArrayList<>(List.of(name(command)));
        all.addAll(args);
        return execute(commandLine(List.of(command), out, err), all);
    }

    /** The whole command line: {@code ferrum}, {@code help} and the given commands. */
    static CommandLine commandLine(final Iterable<? extends FerrumCommand> commands, final PrintStream out, final PrintStream err)
    {
        final CommandLine root = new CommandLine(new Root());
        final Map<String, Object> byName = new TreeMap<>();
        byName.put("help", new CommandLine.HelpCommand());
        commands.forEach(command -> byName.put(name(command), command));
        byName.values().forEach(root::addSubcommand);
        addHelpOption(root);
        // set on the root after the subcommands are added: picocli passes these down to them
        root.registerConverter(Duration.class, new DurationConverter());
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setUsageHelpWidth(HELP_WIDTH);
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setExecutionStrategy(parsed -> run(parsed, out, err));
        root.setParameterExceptionHandler((ex, args) -> fail(ex.getCommandLine(), ex, err));
        root.setExecutionExceptionHandler((ex, commandLine, parsed) -> fail(commandLine, ex, err));
        return root;
    }

    private static int execute(final CommandLine root, final List<String> args)
    {
        return root.execute(args.toArray(String[]::new));
    }

    /** Runs the command the arguments name, or prints the help they ask for. */
    private static int run(final ParseResult parsed, final PrintStream out, final PrintStream err)
    {
        final Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null)
        {
            return help;
        }
        final List<CommandLine> chain = parsed.asCommandLineList();
        final CommandLine leaf = chain.get(chain.size() - 1);
        try
        {
            return ((FerrumCommand)leaf.getCommand()).run(out, err);
        }
        catch (final CommandLine.ParameterException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new CommandLine.ExecutionException(leaf, ExitCodes.message(ex), ex);
        }
    }

    /** The one handler of every failure: one line, the status of {@link ExitCodes#of}. */
    private static int fail(final CommandLine command, final Exception ex, final PrintStream err)
    {
        final String where = command.getCommandSpec().qualifiedName();
        final int status = ExitCodes.of(ex);
        err.println(where + ": " + ExitCodes.message(ex) +
            (status == ExitCodes.USAGE ? " (see ./ferrum help" + where.substring("ferrum".length()) + ")" : ""));
        if (status == ExitCodes.INTERNAL && "1".equals(System.getenv(DEBUG_ENV)))
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    private static void addHelpOption(final CommandLine command)
    {
        final CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null && !(spec.userObject() instanceof CommandLine.HelpCommand))
        {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        }
        command.getSubcommands().values().forEach(Main::addHelpOption);
    }

    @Command(name = "ferrum", synopsisSubcommandLabel = "<command>",
        header = "Ferrum: a low-latency trading server and its tools.",
        footer = {"", "./ferrum help <command> (or ./ferrum <command> --help) shows a command's options.",
            "Exit status and option conventions: docs/cli.md."})
    static final class Root implements FerrumCommand
    {
        @CommandLine.Spec
        CommandSpec spec;

        /** {@code ./ferrum} alone: the list of commands, as a usage error. */
        public int run(final PrintStream out, final PrintStream err)
        {
            spec.commandLine().usage(err);
            return ExitCodes.USAGE;
        }
    }
}
