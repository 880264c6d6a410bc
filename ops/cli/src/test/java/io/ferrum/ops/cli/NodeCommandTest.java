package io.ferrum.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./ferrum node}'s command line and configuration errors: each is a clear message and
 * an exit status, never a member started on a wrong configuration.
 */
class NodeCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(final String text) throws Exception
    {
        final Path file = dir.resolve("cluster.conf");
        Files.writeString(file, "cluster.dir = " + dir.resolve("data") + "\n" + text);
        return file;
    }

    @Test
    void isRegisteredAndNeedsConfigAndMember()
    {
        assertTrue(Main.commands().get("node") instanceof NodeCommand);
        assertEquals(ExitCodes.USAGE, run("node"));
        assertTrue(errors().contains("Missing required options: '--config=FILE', '--member=N'"), errors());
    }

    @Test
    void refusesABadMemberId() throws Exception
    {
        final Path file = config("cluster.member.0 = localhost:20100\n");
        assertEquals(ExitCodes.USAGE, run("node", "--config", file.toString(), "--member", "-1"));
        assertEquals(ExitCodes.USAGE, run("node", "--config", file.toString(), "--member", "x"));
        assertEquals(ExitCodes.USAGE, run("node", "--config", file.toString(), "--member", "3"));
        assertTrue(errors().contains("--member 3 is not in"), errors());
        assertEquals(ExitCodes.USAGE, run("node", "--config", file.toString(), "--member"));
        assertTrue(errors().contains("Missing required parameter for option '--member'"), errors());
    }

    @Test
    void refusesAConfigWithoutMembers() throws Exception
    {
        assertEquals(ExitCodes.CONFIG, run("node", "--config", config("").toString(), "--member", "0"));
        assertTrue(errors().contains("names no cluster.member.N"), errors());
    }

    @Test
    void refusesUnknownOrInvalidEngineSettings() throws Exception
    {
        final String member = "cluster.member.0 = localhost:20100\n";
        assertEquals(ExitCodes.CONFIG, run("node", "--config", config(member + "engine.marketmakr.quoteQuantity = 5\n").toString(),
            "--member", "0"));
        assertTrue(errors().contains("key 'engine.marketmakr.quoteQuantity' is unknown"), errors());

        // the samples' own keys of before: refused, naming what replaces them
        assertEquals(ExitCodes.CONFIG, run("node", "--config", config(member + "engine.momentum.orderQuantity = 5\n").toString(),
            "--member", "0"));
        assertTrue(errors().contains("key 'engine.momentum.orderQuantity' is no longer read") &&
            errors().contains("engine.strategies"), errors());

        // the instruments file it names is not there: no input (66), as for any missing file
        assertEquals(ExitCodes.NO_INPUT, run("node", "--config", config(member + "engine.instruments = " + dir.resolve("none") + "\n")
            .toString(), "--member", "0"));
        assertTrue(errors().contains("key 'engine.instruments' cannot be used"), errors());
    }

    @Test
    void backupNeedsMembersAndABackupEndpoint() throws Exception
    {
        assertEquals(ExitCodes.USAGE, run("backup"));
        assertEquals(ExitCodes.CONFIG, run("backup", "--config", config("cluster.member.0 = localhost:20100\n").toString()));
        assertTrue(errors().contains("cluster.backup = host:basePort"), errors());
        assertEquals(ExitCodes.CONFIG, run("backup", "--config", config("cluster.backup = localhost\n").toString()));
        assertTrue(errors().contains("cluster.backup"), errors());
    }

    @Test
    void theSampleThreeMemberConfigurationIsValid() throws Exception
    {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("config/cluster-3.conf")))
        {
            root = root.getParent();
        }
        final var config = io.ferrum.sequencer.cluster.ClusterConfig.load(root.resolve("config/cluster-3.conf"));
        assertEquals(3, config.members().size());
        assertEquals(20130, config.backup().basePort());
        final var settings = io.ferrum.ops.node.EngineSettings.parse(config.engineSettings());
        assertEquals("BTCUSDT", settings.instruments().get(1).symbol());
    }
}
