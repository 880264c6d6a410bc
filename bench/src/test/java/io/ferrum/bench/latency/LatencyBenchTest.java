package io.ferrum.bench.latency;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the whole harness briefly at low rates (real simulator, WebSocket, ring, cluster, engine,
 * order gateway, and the three floors) and checks what its users rely on: every intended tick is
 * either measured or counted as lost, the files are written and parse, the table carries the
 * floors and the ratios. No timing is asserted.
 */
class LatencyBenchTest
{
    @TempDir
    static Path dir;

    private static LatencyBench.Result result;
    private static List<Path> files;
    private static LatencyOptions options;

    @BeforeAll
    static void run() throws Exception
    {
        options = BenchCommandTest.options("--rates", "500,1k", "--duration", "1s", "--warmup", "1s",
            "--out", dir.resolve("out").toString());
        options.gap = Duration.ofMillis(300);
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        result = LatencyBench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        Files.createDirectories(options.out);
        Files.writeString(options.out.resolve("ws-floor-123.hgrm"), "an earlier run's");
        Files.writeString(options.out.resolve("notes.md"), "not ours");
        files = result.report().write(options.out);
    }

    @Test
    void everyTickOfThePathReachesTheVenueOnce()
    {
        final TickToTradeRun.Outcome path = result.path();
        long ticks = 0;
        for (final RateResult phase : path.phases())
        {
            ticks += phase.intended();
            assertEquals(phase.phase().count(), phase.intended());
            assertEquals(phase.intended(), phase.received(), phase.phase().name() + ": every tick's order arrived");
            assertEquals(phase.received(), phase.histogram().getTotalCount());
        }
        assertEquals(500 + 500 + 1_000, ticks, "warm-up at the first rate, then 500/s and 1000/s for a second each");
        assertEquals(ticks, path.ordersSent(), "one order per tick left the engine");
        assertEquals(0, path.ordersRefused());
        assertEquals(0, path.egressBackPressured());
        assertEquals(0, path.duplicates());
        assertEquals(0, path.unknown());
        assertTrue(path.errors().isEmpty(), path.errors().toString());
        for (final double cpuNs : path.cpuNsPerTick())
        {
            // a tick crosses a WebSocket, a ring, the cluster and the order gateway: microseconds, not nothing, not seconds
            assertTrue(cpuNs > 1_000 && cpuNs < 100_000_000, "cpu per tick " + cpuNs + " ns");
        }
        final String note = LatencyBench.cpuNote(path);
        assertTrue(note.matches("cpu per tick .*: 500/s [0-9.]+ µs, 1000/s [0-9.]+ µs"), note);
    }

    @Test
    void aDesksStrategiesRunBesideTheHarnessWhichStillAnswersEveryTick(@TempDir final Path work) throws Exception
    {
        // bench latency --strategies FILE: the samples of config/strategies.properties, loaded by name as a desk's
        final LatencyOptions desk = BenchCommandTest.options("--rates", "500", "--duration", "1s", "--warmup", "1s",
            "--strategies", Path.of("../config/strategies.properties").toString());
        desk.gap = Duration.ofMillis(300);
        final TickToTradeRun.Outcome path = TickToTradeRun.run(new TickFlow(desk.phases(), 1_000_000_000L,
            desk.gap.toNanos()), work, desk.profile, null, desk.strategies, desk.jars);
        for (final RateResult phase : path.phases())
        {
            assertEquals(phase.intended(), phase.received(), phase.phase().name() + ": every tick's order arrived");
        }
        assertEquals(0, path.duplicates());
        assertEquals(0, path.unknown());
        assertTrue(path.errors().isEmpty(), path.errors().toString());
        // the journal's strategies: the desk's in its order, then the harness with the next free id
        final String kept = Files.readString(work.resolve("journal").resolve("strategies.properties"));
        assertTrue(kept.indexOf("strategy.mm.class") < kept.indexOf("strategy.momentum.class") &&
            kept.indexOf("strategy.momentum.class") < kept.indexOf("strategy.tick-to-trade.class") &&
            kept.contains("strategy.tick-to-trade.strategyId = 3"), kept);
    }

    @Test
    void everyFloorAccountsForEveryMessage()
    {
        assertEquals(List.of("tick-to-trade", "ws-floor", "cluster-floor", "ring-floor"),
            result.series().stream().map(Series::key).toList());
        for (final Series series : result.series())
        {
            assertEquals(List.of(500L, 1_000L), series.results().stream().map(r -> r.phase().ratePerSecond()).toList());
            for (final RateResult r : series.results())
            {
                assertEquals(r.phase().count(), r.intended(), series.key());
                assertEquals(r.received(), r.histogram().getTotalCount(), series.key() + ": measured or lost, nothing else");
                assertEquals(r.intended(), r.received() + r.lost());
                assertTrue(r.received() > 0, series.key() + " measured nothing");
            }
        }
    }

    @Test
    void tableHasEveryPercentileTheFloorsAndTheRatios()
    {
        final String table = result.report().table();
        for (final String column : List.of("p50", "p90", "p99", "p99.9", "p99.99", "max", "intended", "lost", "achieved/s", "reached"))
        {
            assertTrue(table.contains(column), column + " in\n" + table);
        }
        for (final String floor : List.of("ws floor", "cluster floor", "ring floor"))
        {
            assertTrue(table.lines().anyMatch(l -> l.contains(floor) && !l.contains("÷")), floor + " row in\n" + table);
            final String ratio = "tick-to-trade ÷ " + floor;
            final String row = table.lines().filter(l -> l.contains(ratio)).findFirst().orElseThrow(() -> new AssertionError(ratio));
            final Matcher m = Pattern.compile("([0-9.]+)x").matcher(row);
            int ratios = 0;
            while (m.find())
            {
                assertTrue(Double.parseDouble(m.group(1)) > 0, row);
                ratios++;
            }
            assertEquals(6, ratios, row);
        }
        assertTrue(table.contains("tick-to-trade ÷ Σ floors"), table);
        assertTrue(table.contains("cores") && table.contains("JDK"), "the machine is named: " + table);
    }

    @Test
    void hgrmFilesAreHdrHistogramPercentileDistributions() throws Exception
    {
        for (final Series series : result.series())
        {
            for (final RateResult r : series.results())
            {
                final Path file = options.out.resolve(LatencyReport.hgrmName(series, r));
                assertTrue(files.contains(file), file.toString());
                final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                assertTrue(lines.get(0).trim().startsWith("Value"), file + ": header");
                double lastPercentile = -1;
                long lastCount = 0;
                double lastValue = 0;
                for (final String line : lines.subList(1, lines.size()))
                {
                    if (line.isBlank() || line.startsWith("#"))
                    {
                        continue;
                    }
                    final String[] columns = line.trim().split("\\s+");
                    assertTrue(columns.length == 3 || columns.length == 4, file + ": " + line);
                    final double value = Double.parseDouble(columns[0]);
                    final double percentile = Double.parseDouble(columns[1]);
                    final long count = Long.parseLong(columns[2]);
                    assertTrue(value >= lastValue && percentile >= lastPercentile && count >= lastCount, file + ": " + line);
                    lastValue = value;
                    lastPercentile = percentile;
                    lastCount = count;
                }
                assertEquals(1.0, lastPercentile, 1e-9, file + ": ends at the 100th percentile");
                assertEquals(r.received(), lastCount, file + ": total count");
                assertEquals(r.histogram().getMaxValue() / 1000.0, lastValue, r.histogram().getMaxValue() / 1000.0 * 0.01, file.toString());
                final String text = String.join("\n", lines);
                assertTrue(text.contains("#[Mean") && text.contains("#[Max") && text.contains("Total count"), file.toString());
            }
        }
    }

    @Test
    void anEarlierRunsFilesAreReplacedOthersKept() throws Exception
    {
        assertTrue(!Files.exists(options.out.resolve("ws-floor-123.hgrm")));
        assertTrue(Files.exists(options.out.resolve("notes.md")));
        try (var listed = Files.list(options.out))
        {
            assertEquals(files.size() + 1, listed.count(), "this run's files and notes.md");
        }
    }

    @Test
    void htmlPageHasOneWellFormedPlotPerRateWithEverySeries() throws Exception
    {
        final Path html = options.out.resolve("latency.html");
        assertTrue(files.contains(html) && files.contains(options.out.resolve("latency.txt")));
        final String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("</html>"));
        final List<String> plots = new ArrayList<>();
        final Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page);
        while (m.find())
        {
            plots.add(m.group());
        }
        assertEquals(2, plots.size(), "one plot per rate");
        for (final String svg : plots)
        {
            final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals(4, doc.getElementsByTagName("polyline").getLength(), "a line per series");
            for (final String label : List.of("tick-to-trade", "ws floor", "cluster floor", "ring floor"))
            {
                assertTrue(svg.contains(">" + label + "<"), label);
            }
        }
        assertEquals(result.report().table(), Files.readString(options.out.resolve("latency.txt"), StandardCharsets.UTF_8));
    }
}
