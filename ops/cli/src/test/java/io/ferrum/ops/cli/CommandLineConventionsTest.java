package io.ferrum.ops.cli;

import io.ferrum.codecs.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One convention for every registered command: the same mistake gives the same exit status and one
 * clean line on stderr, help is generated for each, and docs/cli.md lists every command and status.
 */
class CommandLineConventionsTest
{
    /**
     * Per command: the words before its options (admin's action, report's symbol), an option that
     * takes a value, and an option with a typed value (a number, or a duration where there is none).
     * A new command must be added here, or {@link #everyRegisteredCommandIsCovered} fails.
     */
    private static final Map<String, Sample> SAMPLES = Map.ofEntries(
        Map.entry("admin", new Sample(List.of("kill-switch"), "--cluster", "--timeout")),
        Map.entry("backtest", new Sample(List.of(), "--out", "--seed")),
        Map.entry("backup", new Sample(List.of(), "--config", null)),
        Map.entry("completion", new Sample(List.of(), null, null)),
        Map.entry("dashboard", new Sample(List.of(), "--backtest", "--port")),
        Map.entry("demo", new Sample(List.of(), "--journal", "--events")),
        Map.entry("exchange", new Sample(List.of(), "--dir", "--speed")),
        Map.entry("doctor", new Sample(List.of(), "--root", null)),
        Map.entry("feed", new Sample(List.of(), "--ws", "--depth-limit")),
        Map.entry("gateway", new Sample(List.of(), "--config", "--status-interval")),
        Map.entry("history", new Sample(List.of(), "--journal", "--batch-rows")),
        Map.entry("mcp", new Sample(List.of(), "--journal", "--http")),
        Map.entry("metrics", new Sample(List.of(), "--config", "--port")),
        Map.entry("node", new Sample(List.of(), "--config", "--member")),
        Map.entry("replay", new Sample(List.of(), "--journal", "--member")),
        Map.entry("replicas", new Sample(List.of(), "--config", "--watch")),
        Map.entry("report", new Sample(List.of("BTCUSDT"), "--url", null)),
        Map.entry("simulator", new Sample(List.of(), "--session", "--port")),
        Map.entry("soak", new Sample(List.of(), "--dir", "--duration")),
        Map.entry("stat", new Sample(List.of(), "--aeron-dir", "--interval")),
        Map.entry("tail", new Sample(List.of(), "--journal", "--from-position")),
        Map.entry("verify", new Sample(List.of(), "--journal", null)));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    record Sample(List<String> before, String valueOption, String typedOption)
    {
    }

    static List<String> commands()
    {
        return List.copyOf(Main.commands().keySet());
    }

    @Test
    void everyRegisteredCommandIsCovered()
    {
        assertEquals(new java.util.TreeSet<>(SAMPLES.keySet()), new java.util.TreeSet<>(Main.commands().keySet()));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void anUnknownOptionIsAUsageErrorOnOneLine(final String command)
    {
        assertUsageError(command, "--no-such-option");
        // picocli names missing required options first, when the command has some
        assertTrue(err().contains("Unknown option: '--no-such-option'") || err().contains("Missing required option"), err());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aMissingValueIsAUsageErrorOnOneLine(final String command)
    {
        final String option = SAMPLES.get(command).valueOption();
        if (null != option)
        {
            assertUsageError(command, option);
            assertTrue(err().contains("Missing required parameter for option '" + option + "'"), err());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aValueOfTheWrongTypeIsAUsageErrorOnOneLine(final String command)
    {
        final String option = SAMPLES.get(command).typedOption();
        if (null != option)
        {
            assertUsageError(command, option, "abc");
            assertTrue(err().contains("Invalid value for option '" + option + "'"), err());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpIsGeneratedForEachCommand(final String command)
    {
        assertEquals(ExitCodes.OK, run("help", command));
        final String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("Usage: ferrum " + command) || help.contains("\n" + "Usage: ferrum " + command) ||
            help.contains("./ferrum " + command), help);
        assertTrue(help.contains("--help"), help);
        out.reset();
        assertEquals(ExitCodes.OK, run(command, "--help"));
        assertEquals(help, out.toString(StandardCharsets.UTF_8), "help <command> and <command> --help say the same");
    }

    @Test
    void theCommandListAndUsageErrorsOfTheLauncher()
    {
        assertEquals(ExitCodes.OK, run("help"));
        for (final String command : Main.commands().keySet())
        {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("  " + command + " "), command);
        }
        assertEquals(ExitCodes.USAGE, run());
        assertEquals(ExitCodes.USAGE, run("no-such-command"));
        assertEquals(ExitCodes.USAGE, run("help", "no-such-command"));
    }

    @Test
    void anOptionWithEqualsReadsAsWithASpace(@TempDir final Path dir)
    {
        final String missing = dir.resolve("missing").toString();
        assertEquals(ExitCodes.NO_INPUT, run("tail", "--journal", missing));
        final String spaced = err();
        err.reset();
        assertEquals(ExitCodes.NO_INPUT, run("tail", "--journal=" + missing));
        assertEquals(spaced, err());
        assertEquals("ferrum tail: --journal " + missing + " is not a directory", spaced.strip());
    }

    @Test
    void tailTakesADemoRunsDirectoryOrItsMember(@TempDir final Path dir) throws Exception
    {
        // an empty member-0: both spellings reach it, and its reader says it is no journal (65)
        Files.createDirectories(dir.resolve("member-0"));
        assertEquals(ExitCodes.DATA, run("tail", "--journal", dir.toString()));
        assertTrue(err().contains("member-0"), err());
        err.reset();
        assertEquals(ExitCodes.DATA, run("tail", "--journal", dir.resolve("member-0").toString()));
        assertTrue(err().contains("member-0"), err());
    }

    @Test
    void exceptionsMapToOneStatusEach()
    {
        assertEquals(ExitCodes.USAGE, ExitCodes.of(new UsageException("x")));
        assertEquals(ExitCodes.CONFIG, ExitCodes.of(new ConfigException("risk.properties:3: unknown key")));
        assertEquals(ExitCodes.NO_INPUT, ExitCodes.of(new ConfigException("cannot read", new NoSuchFileException("f"))));
        assertEquals(ExitCodes.NO_INPUT, ExitCodes.of(new NoSuchFileException("f")));
        assertEquals(ExitCodes.DATA, ExitCodes.of(new io.ferrum.sequencer.journal.JournalException("bad frame")));
        assertEquals(ExitCodes.INTERNAL, ExitCodes.of(new IllegalStateException("bug")));
        assertEquals("internal error: bug", ExitCodes.message(new IllegalStateException("bug")));
        assertEquals("internal error: NullPointerException", ExitCodes.message(new NullPointerException()));
        assertEquals("no such file or directory: f", ExitCodes.message(new NoSuchFileException("f")));
    }

    @Test
    void docsCliNamesEveryCommandAndEveryExitStatus() throws Exception
    {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/cli.md")))
        {
            root = root.getParent();
        }
        final String doc = Files.readString(root.resolve("docs/cli.md"));
        for (final String command : Main.commands().keySet())
        {
            assertTrue(doc.contains("| `" + command + "` |"), "docs/cli.md has no row for " + command);
        }
        for (final Field field : ExitCodes.class.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class)
            {
                final String row = "| " + field.getInt(null) + " | `" + field.getName() + "` |";
                assertTrue(doc.contains(row), "docs/cli.md has no row " + row);
            }
        }
    }

    private void assertUsageError(final String command, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of(command));
        all.addAll(SAMPLES.get(command).before());
        all.addAll(Arrays.asList(args));
        assertEquals(ExitCodes.USAGE, run(all.toArray(String[]::new)), all + ": " + err());
        final String text = err().strip();
        assertFalse(text.contains("\n"), "one line: " + text);
        assertTrue(text.startsWith("ferrum " + command + ": "), text);
        assertTrue(text.endsWith("(see ./ferrum help " + command + ")"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace or class name: " + text);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout");
    }

    private int run(final String... args)
    {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
