package io.ferrum.ops.metrics;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ferrum.engine.api.MetricCounters;
import io.ferrum.sequencer.telemetry.FerrumCounters;
import io.ferrum.sequencer.telemetry.LatencyFile;
import io.ferrum.sequencer.telemetry.MetricsAgent;
import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real media driver with Ferrum counters made through a real Aeron client (as a member's engine
 * makes them), a real metrics agent publishing stage latency, and the real HTTP endpoint read by a
 * real HTTP client: what a scrape returns is valid Prometheus text holding the very values written.
 */
class MetricsEndpointTest
{
    private static final long LIVENESS_MS = 2_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private File aeronDir;
    private MediaDriver driver;
    private Aeron aeron;
    private AgentRunner agent;
    private MetricsServer server;
    private final StageLatency latency = new StageLatency();
    private final AtomicLong sent = new AtomicLong();

    @BeforeEach
    void start() throws Exception
    {
        aeronDir = dir.resolve("aeron").toFile();
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.getPath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
            .timerIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .clientLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(LIVENESS_MS))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(false));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.getPath()));
        agent = new AgentRunner(new SleepingMillisIdleStrategy(5), Throwable::printStackTrace, null,
            new MetricsAgent(new MetricsAgent.Context().aeronDir(aeronDir).latency(latency)
                .intervalNs(TimeUnit.MILLISECONDS.toNanos(50))
                .counter("ferrum_sequencer_sent_total", sent::get)));
        AgentRunner.startOnThread(agent);
        server = MetricsServer.start(MetricsReader.of(List.of(aeronDir)), MetricsServer.LOOPBACK, 0);
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(server, agent, aeron, driver);
    }

    @Test
    void aScrapeIsValidPrometheusTextWithTheValuesWritten() throws Exception
    {
        final FerrumCounters counters = new FerrumCounters(aeron, "member=\"0\"");
        final AtomicCounter fills = counters.newCounter("ferrum_engine_fills_total", MetricCounters.COUNTER, 0);
        final AtomicCounter pnl = counters.newCounter(
            "ferrum_realized_pnl{strategy=\"1\",symbol=\"ZILUSDT\"}", MetricCounters.GAUGE, -8);
        fills.setRelease(104);
        pnl.setRelease(-707_280); // -0.00707280 at the money exponent
        sent.set(9_015);
        for (int i = 1; i <= 1_000; i++)
        {
            latency.record(Stage.ENGINE_STEP, i * 1_000L); // 1 us .. 1 ms
        }
        latency.record(Stage.RING_WAIT, 3_000_000_000L);

        PrometheusText scrape = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            scrape = PrometheusText.parse(get("/metrics").body());
            if (scrape.value("ferrum_stage_latency_seconds_count{stage=\"engine_step\"}") == 1_000 &&
                scrape.value("ferrum_sequencer_sent_total") == 9_015)
            {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("counter", scrape.types.get("ferrum_engine_fills_total"));
        assertEquals(104, scrape.value("ferrum_engine_fills_total{member=\"0\"}"));
        assertEquals("gauge", scrape.types.get("ferrum_realized_pnl"));
        assertEquals(-0.0070728, scrape.value("ferrum_realized_pnl{member=\"0\",strategy=\"1\",symbol=\"ZILUSDT\"}"), 1e-12);
        assertEquals(9_015, scrape.value("ferrum_sequencer_sent_total"));
        assertEquals(1, scrape.value("ferrum_processes"));

        assertEquals("histogram", scrape.types.get(PrometheusMetrics.LATENCY));
        final String step = "{stage=\"engine_step\",le=\"";
        assertEquals(1_000, scrape.value("ferrum_stage_latency_seconds_count{stage=\"engine_step\"}"));
        assertEquals(1, scrape.value("ferrum_stage_latency_seconds_bucket" + step + "1.0E-6\"}"), "1 us");
        assertEquals(100, scrape.value("ferrum_stage_latency_seconds_bucket" + step + "1.0E-4\"}"), "up to 100 us");
        assertEquals(1_000, scrape.value("ferrum_stage_latency_seconds_bucket" + step + "0.001\"}"), "up to 1 ms");
        assertEquals(1_000, scrape.value("ferrum_stage_latency_seconds_bucket" + step + "+Inf\"}"));
        assertEquals(0.5005, scrape.value("ferrum_stage_latency_seconds_sum{stage=\"engine_step\"}"), 0.5005 * 0.01);
        assertEquals(0, scrape.value("ferrum_stage_latency_seconds_bucket{stage=\"ring_wait\",le=\"2.5\"}"));
        assertEquals(1, scrape.value("ferrum_stage_latency_seconds_bucket{stage=\"ring_wait\",le=\"5.0\"}"), "3 s");

        final MetricsSnapshot snapshot = MetricsReader.of(List.of(aeronDir)).read();
        assertEquals(List.of(new Position(0, 1, "ZILUSDT", 0, 0, 0, -0.0070728, 0, 0, 0, 0)), snapshot.positions());
        assertEquals(1_000_000, snapshot.latencyNs(Stage.ENGINE_STEP, 100), 10_000);
    }

    @Test
    void hostileRequestsGetErrorsAndTheEndpointKeepsServing() throws Exception
    {
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/../../etc/passwd").statusCode());
        assertEquals(404, get("/metricsX").statusCode());
        assertEquals(404, get("/" + "a".repeat(10_000)).statusCode());
        final HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/metrics"))
            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode(), "read-only");
        for (final String garbage : new String[] {
            "GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET /metrics HTTP/9.9\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n",
            "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n" })
        {
            try (Socket socket = new Socket("127.0.0.1", server.port()))
            {
                socket.setSoTimeout(5_000);
                final OutputStream out = socket.getOutputStream();
                out.write(garbage.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                final InputStream in = socket.getInputStream();
                in.read(); // an answer or a close, never a hang
            }
        }
        final HttpResponse<String> after = get("/metrics");
        assertEquals(200, after.statusCode());
        assertEquals(1, PrometheusText.parse(after.body()).value("ferrum_processes"));
    }

    /** What a killed process leaves (a CnC nobody heartbeats, a latency file nobody publishes) is not read as live. */
    @Test
    void aDeadProcessIsNotReadAndAMissingOneIsNothing() throws Exception
    {
        latency.record(Stage.ENGINE_STEP, 1_000);
        CloseHelper.closeAll(agent, aeron, driver);
        final LatencyFile leftover = LatencyFile.create(aeronDir); // a writer killed without deleting its file
        Thread.sleep(LIVENESS_MS + 1_000);

        final MetricsSnapshot snapshot = MetricsReader.of(List.of(aeronDir)).read();
        assertEquals(List.of(), snapshot.sources());
        assertEquals(List.of(), snapshot.series());
        assertEquals(0, snapshot.latency(Stage.ENGINE_STEP).getTotalCount());
        assertEquals(0, PrometheusText.parse(get("/metrics").body()).value("ferrum_processes"));
        leftover.close();

        assertEquals(List.of(), MetricsReader.of(List.of(dir.resolve("absent").toFile())).read().sources());
        assertEquals(List.of(), MetricsReader.under(dir.resolve("absent")).read().sources());
    }

    private String base()
    {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
