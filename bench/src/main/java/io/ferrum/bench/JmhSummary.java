package io.ferrum.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row per benchmark (and parameter set) of a JMH run: the median of the measurement
 * iterations of every fork (the machine is noisy: the median is the figure we quote), JMH's mean
 * and 99.9% error, the unit, and bytes allocated per operation from {@code -prof gc}.
 */
public final class JmhSummary
{
    /** The GC profiler's normalised allocation, bytes per operation. */
    static final String ALLOC_NORM = "gc.alloc.rate.norm";

    /**
     * One benchmark's figures; {@code bytesPerOp} is NaN when the GC profiler did not run.
     *
     * @param method the benchmark method's full name, without parameters
     */
    public record Row(String method, String benchmark, String mode, double median, double mean, double error, String unit,
        double bytesPerOp, int iterations)
    {
    }

    private final List<Row> rows;

    private JmhSummary(final List<Row> rows)
    {
        this.rows = rows;
    }

    public static JmhSummary of(final Collection<RunResult> results)
    {
        final List<Row> rows = new ArrayList<>();
        for (final RunResult result : results)
        {
            final BenchmarkParams params = result.getParams();
            final List<Double> scores = new ArrayList<>();
            for (final BenchmarkResult fork : result.getBenchmarkResults())
            {
                for (final IterationResult iteration : fork.getIterationResults())
                {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
            final Result<?> primary = result.getPrimaryResult();
            rows.add(new Row(params.getBenchmark(), name(params), params.getMode().shortLabel(), median(scores), primary.getScore(),
                primary.getScoreError(), primary.getScoreUnit(), allocation(result.getSecondaryResults()), scores.size()));
        }
        return new JmhSummary(rows);
    }

    public List<Row> rows()
    {
        return rows;
    }

    /** The full names of the benchmark methods that have a result. */
    public Set<String> benchmarks()
    {
        final Set<String> names = new TreeSet<>();
        rows.forEach((row) -> names.add(row.method()));
        return names;
    }

    public boolean isEmpty()
    {
        return rows.isEmpty();
    }

    public void printTable(final PrintStream out)
    {
        int width = "benchmark".length();
        for (final Row row : rows)
        {
            width = Math.max(width, row.benchmark().length());
        }
        final String format = "%-" + width + "s %5s %12s %12s %12s %-8s %12s%n";
        out.printf(Locale.ROOT, format, "benchmark", "mode", "median", "mean", "error(99.9%)", "unit", "B/op");
        for (final Row row : rows)
        {
            out.printf(Locale.ROOT, format, row.benchmark(), row.mode(), number(row.median()), number(row.mean()),
                number(row.error()), row.unit(), Double.isNaN(row.bytesPerOp()) ? "-" : number(row.bytesPerOp()));
        }
    }

    static double median(final List<Double> values)
    {
        if (values.isEmpty())
        {
            return Double.NaN;
        }
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double allocation(final Map<String, Result> secondary)
    {
        for (final Map.Entry<String, Result> entry : secondary.entrySet())
        {
            // Older JMH versions prefixed the profiler's keys with a middle dot.
            if (entry.getKey().endsWith(ALLOC_NORM))
            {
                return entry.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static String name(final BenchmarkParams params)
    {
        final String benchmark = params.getBenchmark().replace("io.ferrum.bench.", "");
        final StringBuilder name = new StringBuilder(benchmark);
        for (final Object key : params.getParamsKeys())
        {
            // A path (a fixture file) is shown by its file name: the table stays readable, the JSON has it whole.
            final String value = params.getParam((String)key);
            name.append(name.indexOf(":") < 0 ? ":" : ",").append(key).append('=')
                .append(value.substring(value.lastIndexOf('/') + 1));
        }
        return name.toString();
    }

    private static String number(final double value)
    {
        if (Double.isNaN(value))
        {
            return "NaN";
        }
        final double magnitude = Math.abs(value);
        if (magnitude >= 100 || magnitude == 0)
        {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, magnitude >= 1 ? "%.2f" : "%.4f", value);
    }
}
