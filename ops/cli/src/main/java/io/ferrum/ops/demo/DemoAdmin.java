package io.ferrum.ops.demo;

import io.ferrum.sequencer.cluster.AdminAuthenticator;
import io.ferrum.sequencer.cluster.ClusterConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How an operator reaches a running demo with {@code ./ferrum admin}. Admin commands are always
 * enabled in a demo: with {@code FERRUM_ADMIN_TOKEN} set, that token; without it, a one-time token
 * of 32 random bytes written to {@value #TOKEN_FILE} in the run directory, created with mode 600
 * and never printed or logged. Beside it, {@value #CLIENT_CONFIG} names the member's ingress
 * endpoint, so that the printed {@link #command} needs nothing else. See docs/risk.md.
 */
public final class DemoAdmin
{
    /** The generated token, readable by the owner only. */
    public static final String TOKEN_FILE = "admin.token";
    /** A cluster configuration holding only what a client needs: the member's ingress endpoint. */
    public static final String CLIENT_CONFIG = "admin.conf";
    private static final int TOKEN_BYTES = 32;

    private final String token;
    private final Path tokenFile;
    private final Path clientConfig;
    private final String ingress;

    private DemoAdmin(final String token, final Path tokenFile, final Path clientConfig, final String ingress)
    {
        this.token = token;
        this.tokenFile = tokenFile;
        this.clientConfig = clientConfig;
        this.ingress = ingress;
    }

    /**
     * The token the demo's member starts with: {@code environmentToken} when set, else a new one in
     * {@code runDir/admin.token} (mode 600).
     *
     * @throws IllegalArgumentException when the environment's token is too short
     * @throws UncheckedIOException     when the token file cannot be created owner-only
     */
    public static DemoAdmin prepare(final Path runDir, final String environmentToken)
    {
        if (environmentToken != null && !environmentToken.isEmpty())
        {
            AdminAuthenticator.validate(environmentToken); // refuses a too-short token with a clear message
            return new DemoAdmin(environmentToken, null, runDir.resolve(CLIENT_CONFIG), null);
        }
        final byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        final String generated = HexFormat.of().formatHex(random);
        final Path file = runDir.resolve(TOKEN_FILE);
        try
        {
            Files.deleteIfExists(file); // a token left by an earlier run in the same directory is void
            // Created owner-only: the token is never readable by others, not even for an instant.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, generated + "\n", StandardCharsets.US_ASCII);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new UncheckedIOException(new IOException("cannot create the owner-only admin token file " + file +
                " (set " + AdminAuthenticator.TOKEN_ENV + " instead): " + ex.getMessage(), ex));
        }
        return new DemoAdmin(generated, file, runDir.resolve(CLIENT_CONFIG), null);
    }

    /** Once the member listens: writes {@value #CLIENT_CONFIG} with its ingress endpoint. */
    public DemoAdmin listening(final ClusterConfig config)
    {
        final StringBuilder text = new StringBuilder(
            "# Written by ./ferrum demo: where ./ferrum admin reaches this run's cluster (ingress only).\n");
        final StringBuilder endpoints = new StringBuilder();
        for (final ClusterConfig.Member member : config.members())
        {
            text.append(ClusterConfig.MEMBER_PREFIX).append(member.id()).append(" = ")
                .append(member.host()).append(':').append(member.basePort()).append('\n');
            endpoints.append(endpoints.length() == 0 ? "" : ",").append(member.id()).append('=')
                .append(member.ingressEndpoint());
        }
        text.append("cluster.client.host = ").append(config.clientHost()).append('\n');
        try
        {
            Files.writeString(clientConfig, text, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new DemoAdmin(token, tokenFile, clientConfig, endpoints.toString());
    }

    /** The token the member authenticates admin sessions with (never print it). */
    public String token()
    {
        return token;
    }

    /** The generated token's file, or null when the token came from the environment. */
    public Path tokenFile()
    {
        return tokenFile;
    }

    public Path clientConfig()
    {
        return clientConfig;
    }

    /** The members' ingress endpoints, {@code 0=host:port,...}; null before {@link #listening}. */
    public String ingress()
    {
        return ingress;
    }

    /** The arguments after {@code ./ferrum admin ACTION} that reach this demo. */
    public String targetArguments()
    {
        return "--cluster " + clientConfig + (tokenFile == null ? "" : " --token-file " + tokenFile);
    }

    /** The exact command that pulls the kill switch on this demo. */
    public String command()
    {
        return "./ferrum admin kill-switch " + targetArguments();
    }

    /** Where the token comes from, for the start line: never the token itself. */
    public String tokenSource()
    {
        return tokenFile == null ? AdminAuthenticator.TOKEN_ENV : "generated, in " + tokenFile + " (mode 600)";
    }
}
