package io.ferrum.ops.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A disk of its own for a directory: a size-limited tmpfs mounted there by the test (needs root,
 * as {@code .ci/run} has), which the test can fill to the last byte and free again.
 */
final class SmallDisk implements AutoCloseable
{
    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(final Path mountPoint)
    {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    static SmallDisk mount(final Path mountPoint, final int megabytes) throws IOException
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            throw new IllegalStateException("the disk-full test mounts a tmpfs and needs root; run it as root, as .ci/run does");
        }
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint);
    }

    /** Takes the free space down to {@code leave} bytes, as another writer on a shared disk would. */
    void fill(final long leave) throws IOException
    {
        final byte[] block = new byte[1 << 16];
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw"))
        {
            file.seek(file.length());
            long usable;
            while ((usable = Files.getFileStore(mountPoint).getUsableSpace()) > leave)
            {
                file.write(block, 0, (int)Math.min(block.length, usable - leave));
            }
        }
    }

    /** Gives the space back, as the operator's clean-up would. */
    void free() throws IOException
    {
        Files.deleteIfExists(filler);
    }

    public void close()
    {
        try
        {
            run("umount", "-l", mountPoint.toString());
        }
        catch (final IOException | RuntimeException ignore)
        {
            // not mounted
        }
    }

    private static void run(final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                throw new IllegalStateException(String.join(" ", List.of(command)) + " failed: " + output.strip());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
