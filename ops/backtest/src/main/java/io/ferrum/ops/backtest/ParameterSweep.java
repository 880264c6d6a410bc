package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.stats.PerformanceReport;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * A grid of strategy parameters, each backtested on the in-sample days and then on the
 * out-of-sample days that follow, in parallel (one engine, driver and venue per task, each
 * on its own thread), ranked by a statistic of the in-sample run. Showing the out-of-sample
 * figure beside it is the guard against overfitting: the best of many in-sample runs is
 * biased upward, and only the later, unseen days tell whether the edge holds.
 */
public final class ParameterSweep
{
    /** Statistics a sweep can rank by; higher is better for each. */
    public enum Rank
    {
        SHARPE(PerformanceReport::sharpe),
        SORTINO(PerformanceReport::sortino),
        CALMAR(PerformanceReport::calmar),
        CAGR(PerformanceReport::cagr),
        NET_PROFIT(r -> r.netProfit());

        final ToDoubleFunction<PerformanceReport> statistic;

        Rank(final ToDoubleFunction<PerformanceReport> statistic)
        {
            this.statistic = statistic;
        }

        /** For ranking: an n/a figure ranks last. */
        public double of(final PerformanceReport report)
        {
            final double value = statistic.applyAsDouble(report);
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        }

        /** For the table: the figure, or n/a. */
        public String figure(final PerformanceReport report)
        {
            final double value = statistic.applyAsDouble(report);
            return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "n/a";
        }
    }

    /**
     * One combination of a sweep.
     *
     * @param values the swept parameters and their values, in the order the table prints them
     * @param config the run with them set
     */
    public record Point(java.util.Map<String, String> values, BacktestConfig config)
    {
    }

    /** @param parameters the samples' parameters of the run (those of {@code --strategy}, whatever was swept) */
    public record Row(
        java.util.Map<String, String> values, BacktestConfig.StrategyParameters parameters, PerformanceReport inSample,
        PerformanceReport outOfSample)
    {
    }

    public record Result(LocalDate inSampleTo, List<Row> rows, Rank rank)
    {
        /** A plain-text table, best first, with the overfitting warning. */
        public String table()
        {
            final StringBuilder sb = new StringBuilder();
            final List<String> names = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).values().keySet());
            for (final String name : names)
            {
                sb.append(String.format(Locale.ROOT, "%-" + Math.max(12, name.length()) + "s ", name));
            }
            sb.append(String.format(Locale.ROOT, "| %-12s %10s %10s %8s | %-12s %10s %10s %8s%n",
                "in " + rank.name().toLowerCase(Locale.ROOT), "return", "max dd", "trades",
                "out " + rank.name().toLowerCase(Locale.ROOT), "return", "max dd", "trades"));
            for (final Row row : rows)
            {
                for (final String name : names)
                {
                    sb.append(String.format(Locale.ROOT, "%-" + Math.max(12, name.length()) + "s ", row.values().get(name)));
                }
                sb.append(String.format(Locale.ROOT, "| %-12s %9.2f%% %9.2f%% %8d | %-12s %9.2f%% %9.2f%% %8d%n",
                    rank.figure(row.inSample()), 100 * row.inSample().totalReturn(), 100 * row.inSample().maxDrawdown(),
                    row.inSample().trades(), rank.figure(row.outOfSample()), 100 * row.outOfSample().totalReturn(),
                    100 * row.outOfSample().maxDrawdown(), row.outOfSample().trades()));
            }
            sb.append(warning());
            return sb.toString();
        }

        public String warning()
        {
            return String.format(Locale.ROOT,
                "warning: ranked on the in-sample days up to %s only; %d combinations were tried, so the top in-sample " +
                    "figure is biased upward (overfitting). Trust a combination only if its out-of-sample figure holds up.%n",
                inSampleTo, rows.size());
        }
    }

    private ParameterSweep()
    {
    }

    /**
     * @param base           the run's settings; its strategy is replaced by each grid point
     * @param grid           the parameter sets to try (one strategy id each)
     * @param inSampleShare  share of the days, in (0, 1), that are in sample
     * @param threads        parallel backtests
     */
    public static Result run(
        final BacktestConfig base, final List<BacktestConfig.StrategyParameters> grid, final double inSampleShare,
        final Rank rank, final int threads) throws Exception
    {
        final List<Point> points = new ArrayList<>();
        for (final BacktestConfig.StrategyParameters parameters : grid)
        {
            final java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            values.put("spread ticks", Integer.toString(parameters.halfSpreadTicks()));
            values.put("threshold bps", Integer.toString(parameters.thresholdBps()));
            points.add(new Point(values, base.withStrategy(parameters)));
        }
        return runPoints(base, points, inSampleShare, rank, threads);
    }

    /**
     * Every combination of any strategy parameters of a strategies file ({@code --sweep strategy.<name>.<param>=a,b}).
     *
     * @param sweeps each swept key with its values, in the order given
     * @throws io.ferrum.codecs.config.ConfigException when a key names no strategy of the file
     */
    public static List<Point> grid(final BacktestConfig base, final java.util.Map<String, List<String>> sweeps)
    {
        List<java.util.Map<String, String>> combinations = List.of(java.util.Map.of());
        for (final java.util.Map.Entry<String, List<String>> sweep : sweeps.entrySet())
        {
            final List<java.util.Map<String, String>> next = new ArrayList<>();
            for (final java.util.Map<String, String> combination : combinations)
            {
                for (final String value : sweep.getValue())
                {
                    final java.util.Map<String, String> more = new java.util.LinkedHashMap<>(combination);
                    more.put(sweep.getKey(), value);
                    next.add(more);
                }
            }
            combinations = next;
        }
        final List<Point> points = new ArrayList<>();
        for (final java.util.Map<String, String> combination : combinations)
        {
            io.ferrum.engine.loader.StrategiesFile file = base.strategies().file();
            for (final java.util.Map.Entry<String, String> value : combination.entrySet())
            {
                file = file.with(value.getKey(), value.getValue());
            }
            // loads each combination's strategies once here: a value a strategy refuses stops the sweep before it runs
            points.add(new Point(combination, base.withStrategies(ConfiguredStrategies.of(file, base.strategies().jars()))));
        }
        return points;
    }

    /** As {@link #run} over any combinations (their configs differ from {@code base} only in strategy settings). */
    public static Result runPoints(
        final BacktestConfig base, final List<Point> grid, final double inSampleShare, final Rank rank, final int threads)
        throws Exception
    {
        final long days = ChronoUnit.DAYS.between(base.from(), base.to()) + 1;
        if (days < 2 || !(inSampleShare > 0 && inSampleShare < 1))
        {
            throw new IllegalArgumentException("a sweep needs at least two days and an in-sample share in (0, 1)");
        }
        final LocalDate split = base.from().plusDays(Math.max(1, Math.min(days - 1, (long)(days * inSampleShare))) - 1);
        if (base.source() == BacktestConfig.Source.DATA)
        {
            Backtest.importData(base, null); // once, before parallel runs read the store
        }
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try
        {
            final List<Future<PerformanceReport>> in = new ArrayList<>();
            final List<Future<PerformanceReport>> out = new ArrayList<>();
            for (final Point point : grid)
            {
                final BacktestConfig inSample = point.config().withDates(base.from(), split);
                final BacktestConfig outOfSample = point.config().withDates(split.plusDays(1), base.to());
                in.add(pool.submit(() -> Backtest.run(inSample, null).portfolio()));
                out.add(pool.submit(() -> Backtest.run(outOfSample, null).portfolio()));
            }
            final List<Row> rows = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++)
            {
                rows.add(new Row(grid.get(i).values(), grid.get(i).config().strategy(), in.get(i).get(), out.get(i).get()));
            }
            // ties keep the grid's order (a stable sort)
            rows.sort(Comparator.comparingDouble((Row r) -> rank.of(r.inSample())).reversed());
            return new Result(split, rows, rank);
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /** Every combination of the market maker's half-spread and the momentum taker's threshold. */
    public static List<BacktestConfig.StrategyParameters> grid(
        final BacktestConfig.StrategyParameters base, final List<Integer> halfSpreadTicks, final List<Integer> thresholdBps)
    {
        final List<BacktestConfig.StrategyParameters> grid = new ArrayList<>();
        for (final int spread : halfSpreadTicks)
        {
            for (final int threshold : thresholdBps)
            {
                grid.add(base.with(spread, threshold));
            }
        }
        return grid;
    }
}
