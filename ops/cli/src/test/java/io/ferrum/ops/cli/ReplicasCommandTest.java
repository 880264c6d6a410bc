package io.ferrum.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicasCommandTest
{
    /** A health check must fail on a cluster that is not there (it used to exit 0). */
    @Test
    void noMemberRunningIsUnavailable(@TempDir final Path dir) throws Exception
    {
        final Path config = dir.resolve("cluster-3.conf");
        Files.writeString(config, String.join("\n",
            "cluster.dir = " + dir.resolve("data"),
            "cluster.member.0 = localhost:20110",
            "cluster.member.1 = localhost:20120",
            "cluster.member.2 = localhost:20130", ""));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = Main.run(new ReplicasCommand(), List.of("--config", config.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ExitCodes.UNAVAILABLE, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ferrum replicas: no member is running"),
            err.toString(StandardCharsets.UTF_8));
        final String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, report.lines().filter(line -> line.contains("not running")).count(), report);
    }
}
