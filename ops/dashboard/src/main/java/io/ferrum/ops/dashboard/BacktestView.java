package io.ferrum.ops.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A backtest's output as the page shows it ({@code /api/backtest}): {@code result.json}
 * (docs/schemas/backtest_result.schema.json: statistics, equity and trades per ledger) and, when the
 * folder holds a parameter sweep, {@code sweep.txt}, its in-sample/out-of-sample table as
 * {@code ./ferrum backtest} printed it. Read once at start: a backtest's output does not change.
 */
final class BacktestView
{
    static final String RESULT = "result.json";
    static final String SWEEP = "sweep.txt";
    /** A result.json is at most a few MB (equity and trades are capped by ResultJson); refuse anything far larger. */
    static final long MAX_BYTES = 64L << 20;

    private BacktestView()
    {
    }

    /**
     * @param path a backtest's {@code --out} folder, or its {@code result.json}
     * @return {@code {"source", "result", "sweep"}}, either of the last two null when absent
     * @throws IllegalArgumentException when there is no result.json nor sweep.txt, or it is not a backtest's
     */
    static ObjectNode load(final ObjectMapper mapper, final Path path) throws IOException
    {
        final Path dir = Files.isDirectory(path) ? path : path.getParent();
        final Path result = Files.isDirectory(path) ? path.resolve(RESULT) : path;
        final Path sweep = null == dir ? null : dir.resolve(SWEEP);
        final boolean hasResult = Files.isRegularFile(result);
        final boolean hasSweep = null != sweep && Files.isDirectory(path) && Files.isRegularFile(sweep);
        if (!hasResult && !hasSweep)
        {
            throw new IllegalArgumentException(path + " holds no " + RESULT + " nor " + SWEEP +
                " (the --out folder of ./ferrum backtest)");
        }
        final ObjectNode view = mapper.createObjectNode();
        view.put("source", path.toAbsolutePath().normalize().toString());
        if (hasResult)
        {
            if (Files.size(result) > MAX_BYTES)
            {
                throw new IllegalArgumentException(result + " is larger than " + MAX_BYTES + " bytes: not a backtest's result");
            }
            final JsonNode json = mapper.readTree(result.toFile());
            if (null == json || !json.isObject() || !json.path("portfolio").isObject())
            {
                throw new IllegalArgumentException(result + " is not a backtest's result.json (no portfolio)");
            }
            view.set("result", json);
        }
        else
        {
            view.putNull("result");
        }
        if (hasSweep)
        {
            view.put("sweep", Files.readString(sweep, StandardCharsets.UTF_8));
        }
        else
        {
            view.putNull("sweep");
        }
        return view;
    }
}
