package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs ops/cli/src/test/node/mcp-client.mjs, the official TypeScript SDK client. Nothing is
 * skipped: no node on the PATH, or no node_modules (run {@code npm ci} in
 * ops/cli/src/test/node first), fails the test with that instruction.
 */
final class NodeMcpClient
{
    static final Path NODE_DIR = Paths.get("src", "test", "node").toAbsolutePath();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NodeMcpClient()
    {
    }

    static String node()
    {
        final String path = System.getenv("PATH");
        if (null != path)
        {
            for (final String dir : path.split(File.pathSeparator))
            {
                final Path candidate = Paths.get(dir, "node");
                if (Files.isExecutable(candidate))
                {
                    return candidate.toString();
                }
            }
        }
        fail("node is not on the PATH: the MCP contract tests need Node.js 18+ and `npm ci` in ops/cli/src/test/node");
        return null;
    }

    static void checkInstalled()
    {
        final Path sdk = NODE_DIR.resolve("node_modules/@modelcontextprotocol/sdk/package.json");
        if (!Files.isRegularFile(sdk))
        {
            fail("the MCP client is not installed: run `npm ci` in " + NODE_DIR + " before the Maven build (missing " + sdk + ")");
        }
        try
        {
            assertEquals("1.32.2", MAPPER.readTree(sdk.toFile()).path("version").asText(),
                "ops/cli/src/test/node must hold @modelcontextprotocol/sdk 1.32.2 (npm ci)");
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /** Runs the client with {@code args} and returns the JSON object it prints. */
    static JsonNode run(final List<String> args, final long timeoutSeconds) throws IOException, InterruptedException
    {
        checkInstalled();
        final List<String> command = new ArrayList<>();
        command.add(node());
        command.add(NODE_DIR.resolve("mcp-client.mjs").toString());
        command.addAll(args);
        final Path stderr = Files.createTempFile("mcp-client", ".stderr");
        final Process process = new ProcessBuilder(command)
            .directory(NODE_DIR.toFile())
            .redirectError(stderr.toFile())
            .start();
        process.getOutputStream().close();
        final byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("node MCP client did not finish in " + timeoutSeconds + " s; stderr:\n" + Files.readString(stderr));
        }
        final String errors = Files.readString(stderr);
        Files.deleteIfExists(stderr);
        final String out = new String(stdout, StandardCharsets.UTF_8).trim();
        assertEquals(0, process.exitValue(), "node MCP client failed; stdout:\n" + out + "\nstderr:\n" + errors);
        assertTrue(out.startsWith("{"), "no JSON from the client; stdout:\n" + out + "\nstderr:\n" + errors);
        return MAPPER.readTree(out.substring(out.lastIndexOf("\n{") + 1));
    }
}
