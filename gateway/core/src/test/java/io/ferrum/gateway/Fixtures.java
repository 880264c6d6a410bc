package io.ferrum.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

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
            final Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate))
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

    public static Path binance()
    {
        return SHARED.resolve("fixtures").resolve("binance");
    }

    public static Path binance(final String relative)
    {
        return binance().resolve(relative);
    }

    /** Every recorded session's replay file. */
    public static List<Path> replaySessions()
    {
        try (Stream<Path> files = Files.walk(binance(), 2))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".replay.tsv")).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The oracle: per session, per symbol, the final update id and best prices. */
    public static JsonNode expectedBooks()
    {
        try
        {
            return new ObjectMapper().readTree(binance("expected-books.json").toFile());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The frame of each line of a samples/*.jsonl file. */
    public static List<String> sampleFrames(final String file)
    {
        try
        {
            final ObjectMapper mapper = new ObjectMapper();
            return Files.readAllLines(binance("samples/" + file)).stream()
                .filter(line -> !line.isBlank())
                .map(line -> readFrame(mapper, line))
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String readFrame(final ObjectMapper mapper, final String line)
    {
        try
        {
            return mapper.readTree(line).get("frame").asText();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
