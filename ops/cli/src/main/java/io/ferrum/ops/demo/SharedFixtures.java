package io.ferrum.ops.demo;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the recorded Binance sessions are for commands run from a checkout: {@code shared/}
 * beside the repository (walking up from the working directory), else
 * {@code $FERRUM_SHARED_DIR}, else {@code /work/shared}.
 */
public final class SharedFixtures
{
    /** The demo's default session: ten symbols, two minutes of 2021-04-05. */
    public static final String DEFAULT_SESSION = "spot-2021-04-05-10symbols";

    private SharedFixtures()
    {
    }

    public static Path binanceDir()
    {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            if (Files.isDirectory(dir.resolve("shared").resolve("fixtures")))
            {
                return dir.resolve("shared").resolve("fixtures").resolve("binance");
            }
        }
        final String env = System.getenv("FERRUM_SHARED_DIR");
        if (env != null && Files.isDirectory(Paths.get(env, "fixtures")))
        {
            return Paths.get(env, "fixtures", "binance");
        }
        return Paths.get("/work/shared/fixtures/binance");
    }

    /**
     * The {@code *.replay.tsv} of a session directory (a path, or a name under the fixtures).
     *
     * @throws NoSuchFileException when there is no such directory
     * @throws IllegalArgumentException when it has not exactly one
     */
    public static Path replayFile(final String session) throws NoSuchFileException
    {
        Path dir = Paths.get(session);
        if (!Files.isDirectory(dir))
        {
            dir = binanceDir().resolve(session);
        }
        if (Files.isRegularFile(Paths.get(session)) && session.endsWith(".replay.tsv"))
        {
            return Paths.get(session);
        }
        if (!Files.isDirectory(dir))
        {
            throw new NoSuchFileException(session, null, "no session directory (nor under " + binanceDir() + ")");
        }
        try (var files = Files.list(dir))
        {
            final var found = files.filter(f -> f.getFileName().toString().endsWith(".replay.tsv")).sorted().toList();
            if (found.size() != 1)
            {
                throw new IllegalArgumentException(dir + " must hold exactly one *.replay.tsv, found " + found.size());
            }
            return found.get(0);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalArgumentException("cannot list " + dir + ": " + ex.getMessage());
        }
    }
}
