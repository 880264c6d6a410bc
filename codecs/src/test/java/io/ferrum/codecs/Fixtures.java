package io.ferrum.codecs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared fixtures and the repository's own files from wherever the tests run
 * (module directory under Maven, repo root in an IDE, a worktree without shared/ beside it).
 */
public final class Fixtures
{
    private Fixtures()
    {
    }

    /**
     * The shared directory: {@code shared/} beside the repository found walking up from the
     * working directory, else {@code $FERRUM_SHARED_DIR}, else {@code /work/shared}.
     */
    public static Path sharedDir()
    {
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("fixtures")))
            {
                return candidate;
            }
        }

        final String fromEnv = System.getenv("FERRUM_SHARED_DIR");
        if (null != fromEnv && Files.isDirectory(Path.of(fromEnv, "fixtures")))
        {
            return Path.of(fromEnv);
        }

        final Path fallback = Path.of("/work/shared");
        if (Files.isDirectory(fallback.resolve("fixtures")))
        {
            return fallback;
        }
        throw new IllegalStateException(
            "shared/fixtures not found above " + Path.of("").toAbsolutePath() + ", set FERRUM_SHARED_DIR");
    }

    /** A fixture file under {@code shared/fixtures/}. */
    public static Path fixture(final String relativePath)
    {
        return sharedDir().resolve("fixtures").resolve(relativePath);
    }

    /** The repository root: the nearest directory at or above the working directory with a pom.xml and codecs/. */
    public static Path repoRoot()
    {
        Path found = null;
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("codecs")))
            {
                found = dir;
                break;
            }
        }
        if (null == found)
        {
            throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
        }
        return found;
    }
}
