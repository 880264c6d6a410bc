package io.ferrum.ops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ferrum gateway} in a JVM of its own, as the system tests run it, so that it can be killed
 * like a crashed process; and the Ed25519 key file a desk gives it for {@code venue = binance}.
 */
final class GatewayProcess
{
    private GatewayProcess()
    {
    }

    /**
     * @param args the command line from {@code gateway} on
     * @param env  added to the process's environment (the venue's credentials)
     * @param log  where its output is appended
     */
    static Process start(final List<String> args, final Map<String, String> env, final Path log) throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(MemberProcesses.ferrumCommand(args.toArray(String[]::new)))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The key pair's private key as the PKCS#8 PEM file a desk gives the gateway, in {@code dir}. */
    static Path writeKeyFile(final Path dir, final KeyPair keys) throws IOException
    {
        final Path keyFile = dir.resolve("ed25519-private.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" +
            Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(keys.getPrivate().getEncoded()) +
            "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        return keyFile;
    }
}
