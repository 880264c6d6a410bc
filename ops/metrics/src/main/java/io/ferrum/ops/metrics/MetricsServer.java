package io.ferrum.ops.metrics;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /metrics} in the Prometheus text format (the Prometheus client's HTTP server and
 * exposition), read-only: each scrape reads the CnC and latency files afresh on the server's one
 * thread; nothing is written anywhere. Any other path is a 404, and only GET and HEAD are served. Binds loopback unless told otherwise.
 */
public final class MetricsServer implements AutoCloseable
{
    public static final String LOOPBACK = "127.0.0.1";
    static final String PATH = "/metrics";

    private final HTTPServer server;
    private final String host;

    private MetricsServer(final HTTPServer server, final String host)
    {
        this.server = server;
        this.host = host;
    }

    /**
     * @param port 0 for any free port
     */
    public static MetricsServer start(final MetricsReader reader, final String host, final int port) throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PrometheusMetrics(reader));
        // one daemon thread: scrapes are rare and must never compete with the path for cores
        final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "ferrum-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        final HTTPServer server = HTTPServer.builder()
            .hostname(host)
            .port(port)
            .registry(registry)
            .executorService(executor)
            .registerHealthHandler(false)
            .authenticator(new ExactPath(PATH))
            .defaultHandler((exchange) ->
            {
                exchange.getRequestBody().close();
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            })
            .buildAndStart();
        return new MetricsServer(server, host);
    }

    public int port()
    {
        return server.getPort();
    }

    /** {@code http://host:port/metrics}. */
    public String url()
    {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + PATH;
    }

    public void close()
    {
        server.close();
    }

    /**
     * The JDK's server hands a request to the context with the longest matching prefix, so
     * {@code /metricsX} would be served as {@code /metrics}: anything but the exact path is a 404,
     * anything but a read a 405.
     */
    private static final class ExactPath extends Authenticator
    {
        private final String path;

        ExactPath(final String path)
        {
            this.path = path;
        }

        public Result authenticate(final HttpExchange exchange)
        {
            if (!path.equals(exchange.getRequestURI().getPath()))
            {
                return new Failure(404);
            }
            final String method = exchange.getRequestMethod();
            return "GET".equals(method) || "HEAD".equals(method) ?
                new Success(new HttpPrincipal("scraper", "ferrum")) : new Failure(405);
        }
    }
}
