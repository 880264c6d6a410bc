package io.ferrum.tuning.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads /proc and /sys under a root directory ("/" on a real host, a fake tree in tests).
 * Every read answers empty rather than throwing: a file missing on this kernel is a
 * finding, not a crash.
 */
final class HostFiles
{
    /** /proc and /sys files are small; anything bigger is not what we are looking for. */
    private static final int MAX_BYTES = 1 << 20;

    private final Path root;

    HostFiles(final Path root)
    {
        this.root = root;
    }

    Path root()
    {
        return root;
    }

    /** The file's content, trimmed, or empty when it is missing, unreadable or too large. */
    Optional<String> read(final String absolutePath)
    {
        final Path file = resolve(absolutePath);
        if (!Files.isRegularFile(file))
        {
            return Optional.empty();
        }
        // One large read: /proc/sys files report size 0 and answer only a read at offset 0,
        // so a reader that starts with a small buffer gets the first byte and then EOF.
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ?
                Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8).trim());
        }
        catch (final IOException | SecurityException ex)
        {
            return Optional.empty();
        }
    }

    /** Names in a directory matching a prefix followed by digits (cpu0, node1, 24...), sorted by number. */
    List<String> numbered(final String absoluteDir, final String prefix)
    {
        final List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(resolve(absoluteDir)))
        {
            entries.map((entry) -> entry.getFileName().toString())
                .filter((name) -> name.length() > prefix.length() && name.startsWith(prefix) &&
                    name.substring(prefix.length()).chars().allMatch(Character::isDigit) &&
                    name.length() - prefix.length() <= 6)
                .sorted((a, b) -> Integer.compare(
                    Integer.parseInt(a.substring(prefix.length())), Integer.parseInt(b.substring(prefix.length()))))
                .forEach(names::add);
        }
        catch (final IOException | SecurityException ex)
        {
            return List.of();
        }
        return names;
    }

    private Path resolve(final String absolutePath)
    {
        return root.resolve(absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath);
    }
}
