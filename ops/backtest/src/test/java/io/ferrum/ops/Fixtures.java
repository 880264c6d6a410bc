package io.ferrum.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the shared fixtures and the repository's docs for ops tests: walks up from the
 * working directory for {@code shared/fixtures} beside the repo, then tries
 * FERRUM_SHARED_DIR, then /work/shared.
 */
public final class Fixtures
{
    private Fixtures()
    {
    }

    public static Path shared()
    {
        for (Path dir = Paths.get("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("fixtures")))
            {
                return candidate;
            }
        }
        final String env = System.getenv("FERRUM_SHARED_DIR");
        if (null != env && Files.isDirectory(Paths.get(env, "fixtures")))
        {
            return Paths.get(env);
        }
        final Path fallback = Paths.get("/work/shared");
        if (Files.isDirectory(fallback.resolve("fixtures")))
        {
            return fallback;
        }
        throw new IllegalStateException("shared/fixtures not found beside the repo, in FERRUM_SHARED_DIR or /work/shared");
    }

    public static Path binance(final String relative)
    {
        return shared().resolve("fixtures").resolve("binance").resolve(relative);
    }

    public static Path tenSymbolSession()
    {
        return binance("spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv");
    }

    /** The repository root: the nearest ancestor of the working directory holding docs/schemas. */
    public static Path repoRoot()
    {
        for (Path dir = Paths.get("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.isDirectory(dir.resolve("docs").resolve("schemas")) && Files.exists(dir.resolve("pom.xml")))
            {
                return dir;
            }
        }
        throw new IllegalStateException("repository root (docs/schemas beside pom.xml) not found above " + Paths.get("").toAbsolutePath());
    }
}
