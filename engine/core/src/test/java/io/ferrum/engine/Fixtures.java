package io.ferrum.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared fixtures: {@code shared/} beside the repository (walking up from the working
 * directory), else {@code $FERRUM_SHARED_DIR}, else {@code /work/shared}.
 */
public final class Fixtures
{
    private Fixtures()
    {
    }

    public static Path sharedDir()
    {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null)
        {
            final Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("fixtures")))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        final String env = System.getenv("FERRUM_SHARED_DIR");
        if (env != null && Files.isDirectory(Paths.get(env, "fixtures")))
        {
            return Paths.get(env);
        }
        return Paths.get("/work/shared");
    }

    public static Path binance(final String relative)
    {
        final Path path = sharedDir().resolve("fixtures").resolve("binance").resolve(relative);
        if (!Files.exists(path))
        {
            throw new IllegalStateException("fixture not found: " + path);
        }
        return path;
    }
}
