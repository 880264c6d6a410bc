package io.ferrum.tuning;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's own files (tuning/jvm, tuning/layouts, tuning/os) from the module or the root. */
public final class ProjectFiles
{
    private ProjectFiles()
    {
    }

    public static Path repoRoot()
    {
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("tuning/layouts")))
            {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    public static Path file(final String relativePath)
    {
        return repoRoot().resolve(relativePath);
    }
}
