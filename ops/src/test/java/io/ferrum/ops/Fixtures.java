package io.ferrum.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared fixtures: {@code shared/} beside the repository (walking up from the
 * working directory), else {@code $FERRUM_SHARED_DIR}, else {@code /work/shared}.
 */
public final class Fixtures
{
    private static final Path SHARED = locate();

    private Fixtures()
    {
    }

    private static Path locate()
    {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            if (Files.isDirectory(dir.resolve("shared").resolve("fixtures")))
            {
                return dir.resolve("shared");
            }
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
        return SHARED.resolve("fixtures").resolve("binance").resolve(relative);
    }
}
