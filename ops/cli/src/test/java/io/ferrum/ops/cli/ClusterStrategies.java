package io.ferrum.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A cluster file's engine lines for tests: a strategies file written into the test's directory, named by engine.strategies. */
public final class ClusterStrategies
{
    private ClusterStrategies()
    {
    }

    /**
     * @param lines the strategies file's lines
     * @return {@code engine.strategies = <the file>} and a newline
     */
    public static String engineLines(final Path dir, final String... lines) throws IOException
    {
        final Path file = dir.resolve("strategies.properties").toAbsolutePath();
        Files.createDirectories(dir);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return "engine.strategies = " + file + "\n";
    }
}
