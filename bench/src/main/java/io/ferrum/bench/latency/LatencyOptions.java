package io.ferrum.bench.latency;

import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.ops.cli.UsageException;
import io.ferrum.sequencer.cluster.ThreadingProfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one {@code ./ferrum bench latency} run measures: the rates of the sweep, how long each runs,
 * the warm-up, where the files go and the threading profile ({@link LatencyCommand} reads them
 * from the command line).
 */
final class LatencyOptions
{
    static final long MAX_RATE = 5_000_000;
    static final long MAX_TICKS = 10_000_000;
    static final int COLOCATED_MIN_CORES = 8;

    List<Long> rates = List.of(10_000L, 50_000L, 100_000L, 200_000L);
    Duration duration = Duration.ofSeconds(5);
    Duration warmUp = Duration.ofSeconds(5);
    Duration gap = Duration.ofSeconds(1);
    Path out = Path.of("target", "bench-latency");
    ThreadingProfile profile = ThreadingProfile.DEFAULT;
    /** How often a scraper reads the path's /metrics during the run; null: no scraper. */
    Duration scrape;
    /** A desk's strategies, run in the engine before the harness's strategy on every tick; null: the harness's alone. */
    StrategiesFile strategies;
    StrategyJars jars = StrategyJars.none();

    /** Checks that the run is not too long for the harness and that the profile fits this machine. */
    LatencyOptions validate()
    {
        long ticks = rates.get(0) * warmUp.toNanos() / 1_000_000_000L;
        for (final long rate : rates)
        {
            ticks += rate * duration.toNanos() / 1_000_000_000L;
        }
        if (ticks > MAX_TICKS)
        {
            throw new UsageException("a run of " + ticks + " messages is too long (at most " + MAX_TICKS +
                "): lower --rates or --duration");
        }
        if (profile == ThreadingProfile.COLOCATED && Runtime.getRuntime().availableProcessors() < COLOCATED_MIN_CORES)
        {
            throw new UsageException("--profile colocated busy-spins six threads and needs isolated cores (at least " +
                COLOCATED_MIN_CORES + ", this machine has " + Runtime.getRuntime().availableProcessors() +
                "): see docs/tuning.md");
        }
        return this;
    }

    /** The warm-up, then one phase per rate. */
    List<Phase> phases()
    {
        final List<Phase> phases = new ArrayList<>();
        phases.add(warmUp());
        for (final long rate : rates)
        {
            phases.add(new Phase(rate + "/s", rate, duration.toNanos()));
        }
        return phases;
    }

    Phase warmUp()
    {
        return new Phase("warm-up", rates.get(0), warmUp.toNanos());
    }

    static Duration atLeast(final String option, final Duration value, final Duration minimum)
    {
        if (value.compareTo(minimum) < 0)
        {
            throw new UsageException(option + " must be at least " + minimum.toMillis() + "ms: " + value.toMillis() + "ms");
        }
        return value;
    }

    static ThreadingProfile profile(final String text)
    {
        try
        {
            return ThreadingProfile.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("--profile: " + ex.getMessage());
        }
    }

    /** Rates such as {@code 10k}, {@code 50000}, {@code 1m}: positive, at most {@value #MAX_RATE}, rising. */
    static List<Long> rates(final List<String> items)
    {
        final List<Long> rates = new ArrayList<>();
        if (items.isEmpty())
        {
            throw new UsageException("--rates needs a list of rates");
        }
        for (final String item : items)
        {
            final String text = item.toLowerCase(Locale.ROOT);
            long multiplier = 1;
            String digits = text;
            if (text.endsWith("k") || text.endsWith("m"))
            {
                multiplier = text.endsWith("k") ? 1_000 : 1_000_000;
                digits = text.substring(0, text.length() - 1);
            }
            final long rate;
            try
            {
                rate = Math.multiplyExact(Long.parseLong(digits), multiplier);
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                throw new UsageException("--rates: not a rate: '" + item + "' (e.g. 10k, 50000, 1m)");
            }
            if (rate <= 0 || rate > MAX_RATE)
            {
                throw new UsageException("--rates: " + item + " outside 1.." + MAX_RATE + " messages per second");
            }
            if (!rates.isEmpty() && rate <= rates.get(rates.size() - 1))
            {
                throw new UsageException("--rates must rise (a sweep up to saturation): " + String.join(",", items));
            }
            rates.add(rate);
        }
        return rates;
    }
}
