package io.ferrum.bench.latency;

import io.ferrum.ops.metrics.MetricsReader;
import io.ferrum.ops.metrics.MetricsServer;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * What a Prometheus server does to a running Ferrum, done during the latency run: the metrics
 * endpoint over the run's CnC and latency files, and a thread scraping it every interval, so that
 * the bench shows what reading the metrics costs the path (docs/benchmarks.md).
 */
final class Scraper implements AutoCloseable
{
    private final MetricsServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread thread;
    private final Duration interval;
    private volatile boolean running = true;
    private volatile long scrapes;
    private volatile long failures;
    private volatile long scrapeNs;

    Scraper(final List<File> aeronDirs, final Duration interval) throws IOException
    {
        this.interval = interval;
        server = MetricsServer.start(MetricsReader.of(aeronDirs), MetricsServer.LOOPBACK, 0);
        thread = new Thread(this::scrape, "ferrum-bench-scraper");
        thread.setDaemon(true);
        thread.start();
    }

    private void scrape()
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(10)).build();
        while (running)
        {
            final long startNs = System.nanoTime();
            try
            {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200)
                {
                    scrapes++;
                    scrapeNs += System.nanoTime() - startNs;
                }
                else
                {
                    failures++;
                }
                Thread.sleep(interval.toMillis());
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                failures++;
            }
        }
    }

    /** One line for the notes under the table. */
    String note()
    {
        return String.format(java.util.Locale.ROOT, "scraper: %d scrapes of %s every %d ms (%.1f ms each on average), %d failed",
            scrapes, server.url(), interval.toMillis(), scrapes == 0 ? 0.0 : scrapeNs / 1e6 / scrapes, failures);
    }

    public void close()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
