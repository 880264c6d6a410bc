package io.ferrum.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared fixtures: walking up from the working directory to a {@code shared/}
 * beside the repository, else {@code FERRUM_SHARED_DIR}, else /work/shared.
 */
public final class Fixtures
{
    private static final Path SHARED = locate();

    private Fixtures()
    {
    }

    public static Path shared()
    {
        return SHARED;
    }

    public static Path binance(final String relative)
    {
        return SHARED.resolve("fixtures/binance").resolve(relative);
    }

    private static Path locate()
    {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("fixtures")))
            {
                return candidate;
            }
        }
        final String env = System.getenv("FERRUM_SHARED_DIR");
        if (env != null && Files.isDirectory(Path.of(env, "fixtures")))
        {
            return Path.of(env);
        }
        return Path.of("/work/shared");
    }
}
