package io.ferrum.bench.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a latency run leaves behind: the table (also {@code latency.txt}), one {@code .hgrm}
 * percentile distribution per series and rate (values in microseconds, HdrHistogram's format),
 * and {@code latency.html}, a self-contained page with one percentile plot per rate (inline SVG).
 * The first series is the path; the others are its floors, and the table gives the path's
 * percentiles as a ratio to each floor's and to their sum.
 */
final class LatencyReport
{
    static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99, 100 };
    static final String[] PERCENTILE_NAMES = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };
    private static final String[] COLOURS = { "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e" };

    private final List<Series> series;
    private final String machine;

    LatencyReport(final List<Series> series, final String machine)
    {
        if (series.size() < 2)
        {
            throw new IllegalArgumentException("the path and at least one floor");
        }
        this.series = List.copyOf(series);
        this.machine = machine;
    }

    /** A percentile in microseconds; {@code 100} is the maximum. */
    static double micros(final Histogram histogram, final double percentile)
    {
        if (histogram.getTotalCount() == 0)
        {
            return Double.NaN;
        }
        final long ns = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return ns / 1000.0;
    }

    String table()
    {
        final StringBuilder out = new StringBuilder();
        out.append("Latency in µs from each message's intended send time (coordinated omission avoided); ")
            .append(machine).append('\n');
        out.append(String.format(Locale.ROOT, "%-9s %-16s %9s %7s %11s %7s", "rate/s", "series", "intended", "lost",
            "achieved/s", "reached"));
        for (final String name : PERCENTILE_NAMES)
        {
            out.append(String.format(Locale.ROOT, " %9s", name));
        }
        out.append('\n');
        final Series path = series.get(0);
        for (int r = 0; r < path.results().size(); r++)
        {
            final long rate = path.results().get(r).phase().ratePerSecond();
            for (final Series s : series)
            {
                final RateResult result = s.results().get(r);
                out.append(String.format(Locale.ROOT, "%-9s %-16s %9d %7d %11.0f %7s",
                    s == path ? Long.toString(rate) : "", s.label(), result.intended(), result.lost(),
                    result.achievedPerSecond(), result.reached() ? "yes" : "NO"));
                for (final double p : PERCENTILES)
                {
                    out.append(String.format(Locale.ROOT, " %9.1f", micros(result.histogram(), p)));
                }
                out.append('\n');
            }
            final Histogram ours = path.results().get(r).histogram();
            for (int f = 1; f < series.size(); f++)
            {
                ratioRow(out, path.label() + " ÷ " + series.get(f).label(), ours, List.of(series.get(f).results().get(r).histogram()));
            }
            final List<Histogram> floors = new ArrayList<>();
            for (int f = 1; f < series.size(); f++)
            {
                floors.add(series.get(f).results().get(r).histogram());
            }
            ratioRow(out, path.label() + " ÷ Σ floors", ours, floors);
        }
        return out.toString();
    }

    private static void ratioRow(final StringBuilder out, final String label, final Histogram ours, final List<Histogram> floors)
    {
        out.append(String.format(Locale.ROOT, "%-9s %-54s", "", label)); // as wide as a series row's columns before p50
        for (final double p : PERCENTILES)
        {
            double floor = 0;
            for (final Histogram h : floors)
            {
                floor += micros(h, p);
            }
            out.append(String.format(Locale.ROOT, " %8.1fx", micros(ours, p) / floor));
        }
        out.append('\n');
    }

    /**
     * Writes the table, the .hgrm files and the HTML page into {@code dir}, after removing those of
     * an earlier run there (only {@code *.hgrm}, {@code latency.txt}, {@code latency.html}); returns
     * the files written.
     */
    List<Path> write(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        try (var old = Files.newDirectoryStream(dir, "{*.hgrm,latency.txt,latency.html}"))
        {
            for (final Path file : old)
            {
                Files.delete(file); // a previous run's rates must not sit beside this run's
            }
        }
        final List<Path> written = new ArrayList<>();
        for (final Series s : series)
        {
            for (final RateResult result : s.results())
            {
                final Path file = dir.resolve(hgrmName(s, result));
                try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
                {
                    result.histogram().outputPercentileDistribution(out, 1000.0);
                }
                written.add(file);
            }
        }
        final Path text = dir.resolve("latency.txt");
        Files.writeString(text, table(), StandardCharsets.UTF_8);
        written.add(text);
        final Path html = dir.resolve("latency.html");
        Files.writeString(html, html(), StandardCharsets.UTF_8);
        written.add(html);
        return written;
    }

    static String hgrmName(final Series series, final RateResult result)
    {
        return series.key() + "-" + result.phase().ratePerSecond() + ".hgrm";
    }

    String html()
    {
        final StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Ferrum tick-to-trade latency</title>\n")
            .append("<style>body{font-family:sans-serif;margin:2em}pre{font-size:12px}svg{margin:1em 0}</style></head><body>\n")
            .append("<h1>Tick to trade and its floors</h1>\n<p>").append(escape(machine)).append("</p>\n<ul>\n");
        for (final Series s : series)
        {
            page.append("<li><b>").append(escape(s.label())).append("</b>: ").append(escape(s.what())).append("</li>\n");
        }
        page.append("</ul>\n<pre>").append(escape(table())).append("</pre>\n");
        final Series path = series.get(0);
        for (int r = 0; r < path.results().size(); r++)
        {
            page.append("<h2>").append(path.results().get(r).phase().ratePerSecond()).append(" msg/s</h2>\n");
            page.append(plot(r));
        }
        return page.append("</body></html>\n").toString();
    }

    /** Latency (log µs) against percentile on HdrHistogram's axis, 1/(1-p), up to 99.999 %. */
    private String plot(final int rate)
    {
        final int width = 760;
        final int height = 420;
        final int left = 70;
        final int bottom = 50;
        final int plotWidth = width - left - 170;
        final int plotHeight = height - bottom - 20;
        double low = Double.MAX_VALUE;
        double high = 0;
        for (final Series s : series)
        {
            final Histogram h = s.results().get(rate).histogram();
            if (h.getTotalCount() > 0)
            {
                low = Math.min(low, h.getMinValue() / 1000.0);
                high = Math.max(high, h.getMaxValue() / 1000.0);
            }
        }
        if (high == 0)
        {
            return "<p>no data</p>\n";
        }
        final double yLow = Math.floor(Math.log10(Math.max(0.1, low)));
        final double yHigh = Math.max(yLow + 1, Math.ceil(Math.log10(high)));
        final double xHigh = 5; // 99.999 %
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">\n", width, height));
        for (int x = 0; x <= xHigh; x++)
        {
            final double px = left + plotWidth * x / xHigh;
            final String label = x == 0 ? "0%" : String.format(Locale.ROOT, "%s%%", trim(100 - 100 / Math.pow(10, x)));
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
                px, px, 20 + plotHeight, px, 20 + plotHeight + 15, label));
        }
        for (int y = (int)yLow; y <= yHigh; y++)
        {
            final double py = 20 + plotHeight - plotHeight * (y - yLow) / (yHigh - yLow);
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s µs</text>\n",
                left, py, left + plotWidth, py, left - 5, py + 4, trim(Math.pow(10, y))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">percentile</text>\n",
            left + plotWidth / 2, height - 8));
        for (int i = 0; i < series.size(); i++)
        {
            final Series s = series.get(i);
            final String colour = COLOURS[i % COLOURS.length];
            final StringBuilder points = new StringBuilder();
            for (final HistogramIterationValue v : s.results().get(rate).histogram().percentiles(5))
            {
                final double p = v.getPercentileLevelIteratedTo() / 100.0;
                final double x = p >= 1 ? xHigh : Math.min(xHigh, Math.log10(1 / (1 - p)));
                final double y = Math.log10(Math.max(Math.pow(10, yLow), v.getValueIteratedTo() / 1000.0));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                    left + plotWidth * x / xHigh, 20 + plotHeight - plotHeight * (y - yLow) / (yHigh - yLow)));
                if (x >= xHigh)
                {
                    break;
                }
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                .append(points).append("\"/>\n");
            svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n",
                left + plotWidth + 15, 30 + i * 18, colour, left + plotWidth + 32, 35 + i * 18, escape(s.label())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String trim(final double value)
    {
        final String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("\\.?0+$", "");
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
