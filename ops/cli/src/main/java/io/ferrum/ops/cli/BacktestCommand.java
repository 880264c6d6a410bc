package io.ferrum.ops.cli;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.ops.backtest.Backtest;
import io.ferrum.ops.backtest.BacktestConfig;
import io.ferrum.ops.backtest.BacktestResult;
import io.ferrum.ops.backtest.ParameterSweep;
import io.ferrum.ops.backtest.StrategyLedger;
import io.ferrum.ops.backtest.data.EventFileException;
import io.ferrum.ops.backtest.data.ImportException;
import io.ferrum.ops.backtest.parity.ParityCheck;
import io.ferrum.ops.backtest.parity.ParityResult;
import io.ferrum.ops.backtest.report.HtmlReport;
import io.ferrum.ops.backtest.report.ResultJson;
import io.ferrum.ops.backtest.synthetic.SyntheticMarket;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import io.ferrum.sequencer.journal.JournalException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./ferrum backtest}: one backtest from synthetic data, Binance CSV dumps or a
 * recorded session; writes result.json and report.html to --out and prints a summary
 * JSON line. Options and models: docs/backtesting.md.
 */
public final class BacktestCommand implements Command
{
    private static final Set<String> FLAGS = Set.of("--synthetic", "--parity");
    private static final Set<String> OPTIONS = Set.of("--data", "--session", "--journal", "--risk-config", "--symbols",
        "--from", "--to",
        "--seed", "--events-per-day", "--out", "--store", "--data-latency-us", "--order-latency-us",
        "--report-latency-us", "--latency-jitter-us", "--maker-fee-bps", "--taker-fee-bps",
        "--capital", "--spread-ticks", "--threshold-bps", "--sample-seconds", "--sweep-spread-ticks",
        "--sweep-threshold-bps", "--rank", "--threads", "--in-sample", "--strategy", "--order-quantity");

    /** What a journal backtest takes from the live run (demo.properties, the log's range) instead. */
    private static final List<String> NOT_WITH_JOURNAL = List.of("--symbols", "--from", "--to", "--events-per-day",
        "--strategy", "--order-quantity", "--spread-ticks", "--threshold-bps", "--sweep-spread-ticks",
        "--sweep-threshold-bps", "--rank", "--threads", "--in-sample");

    public String name()
    {
        return "backtest";
    }

    public String summary()
    {
        return "replay history or a synthetic market through a strategy, with fills, fees and latency; JSON and HTML report";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ./ferrum backtest (--synthetic | --data DIR | --session DIR | --journal DIR) [options]",
            "       ./ferrum backtest --journal DIR --parity",
            "  --synthetic               seeded synthetic market (default symbols BTCUSDT,ETHUSDT, 2023-01-01..2024-12-31)",
            "  --data DIR                Binance public-data CSV dumps (trades, aggTrades, klines; .csv or .zip)",
            "  --session DIR             a recorded session folder (*.replay.tsv)",
            "  --journal DIR             a ./ferrum demo run's journal: its market data and admin commands, in log order,",
            "                            through the engine configured as live (its demo.properties) and this venue model",
            "  --parity                  with --journal: replay the log with the live venue's responses and compare every",
            "                            engine decision with the live one; prints the first difference (exit 1) or none",
            "  --risk-config FILE        pre-trade risk limits (config/risk.properties format, docs/risk.md); default none,",
            "                            or with --journal the limits the live run had",
            "  --symbols A,B             symbols to replay (default: all in the data)",
            "  --from YYYY-MM-DD --to YYYY-MM-DD   UTC days, inclusive",
            "  --seed N                  synthetic market and latency jitter seed (default 1)",
            "  --events-per-day N        synthetic events per symbol per day (default " +
                SyntheticMarket.DEFAULT_EVENTS_PER_DAY + ")",
            "  --out DIR                 where result.json and report.html go (default backtest-out)",
            "  --store DIR               imported event files (default DIR/.ferrum-events for --data, OUT/events otherwise)",
            "  --data-latency-us N --order-latency-us N --report-latency-us N --latency-jitter-us N",
            "                            one-way delays (defaults 500, 1000, 1000, 0); jitter is exponential with that mean",
            "  --maker-fee-bps X --taker-fee-bps X   fees (default 10 and 10)",
            "  --capital X               initial cash per strategy in quote currency (default 100000)",
            "  --strategy market-maker|momentum|both   the engine's sample strategies, run in the real engine",
            "                            and filled by its SimulatedVenue, trading the first symbol (default both)",
            "  --order-quantity X        order size in base units (default 0.01)",
            "  --spread-ticks N          market maker's half-spread in ticks (default 1)",
            "  --threshold-bps N         momentum taker's signal threshold (default 5)",
            "  --sample-seconds N        equity sample interval (default 3600 for --synthetic/--data, 1 for --session/--journal)",
            "  --sweep-spread-ticks N,N --sweep-threshold-bps N,N",
            "                            parameter sweep: every combination, run in parallel on the",
            "                            in-sample days and on the out-of-sample days after them, ranked by --rank",
            "  --rank sharpe|sortino|calmar|cagr|net_profit   (default sharpe)",
            "  --in-sample F             share of the days in sample (default 0.7)   --threads N (default: cores)",
            "  with --journal only the latency, fee, capital, sample, seed, risk and --out options apply");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        final Map<String, String> options = new HashMap<>();
        final Set<String> flags = new java.util.HashSet<>();
        final Arguments a = new Arguments(args);
        while (a.hasNext())
        {
            final String arg = a.next();
            if (FLAGS.contains(arg))
            {
                flags.add(arg);
            }
            else if (OPTIONS.contains(arg))
            {
                options.put(arg, a.value());
            }
            else
            {
                throw a.unknown();
            }
        }
        if (flags.contains("--parity"))
        {
            if (!options.containsKey("--journal") || options.size() != 1 || flags.size() != 1)
            {
                throw new UsageException("--parity takes --journal DIR and nothing else");
            }
            return parity(existing(options.get("--journal")), out, err);
        }
        final long sources = Arrays.asList(flags.contains("--synthetic"), options.containsKey("--data"),
            options.containsKey("--session"), options.containsKey("--journal")).stream().filter(b -> b).count();
        if (sources != 1)
        {
            throw new UsageException("choose exactly one of --synthetic, --data DIR, --session DIR, --journal DIR");
        }
        if (options.containsKey("--journal"))
        {
            for (final String option : NOT_WITH_JOURNAL)
            {
                if (options.containsKey(option))
                {
                    throw new UsageException(option + " does not go with --journal: the journal's engine configuration " +
                        "and log decide it");
                }
            }
        }
        final BacktestConfig config = config(flags, options);
        final Path outDir = Path.of(options.getOrDefault("--out", "backtest-out"));
        try
        {
            if (options.containsKey("--sweep-spread-ticks") || options.containsKey("--sweep-threshold-bps"))
            {
                return sweep(config, options, outDir, out);
            }
            final BacktestResult result = Backtest.run(config, err);
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("result.json"), ResultJson.write(result), StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("report.html"), HtmlReport.write(result), StandardCharsets.UTF_8);
            out.println(ResultJson.summary(result));
            err.println("ferrum backtest: wrote " + outDir.resolve("result.json") + " and " + outDir.resolve("report.html"));
            return 0;
        }
        catch (final ImportException | EventFileException | ConfigException ex)
        {
            err.println("ferrum backtest: " + ex.getMessage());
            return EXIT_DATA;
        }
    }

    private static int parity(final Path journal, final PrintStream out, final PrintStream err)
    {
        final ParityResult result;
        try
        {
            result = ParityCheck.run(journal);
        }
        catch (final JournalException | IllegalArgumentException ex)
        {
            err.println("ferrum backtest: " + ex.getMessage());
            return EXIT_DATA;
        }
        out.println(result.toJson());
        out.flush();
        if (result.difference() != null)
        {
            final ParityCheck.Difference d = result.difference();
            err.println("ferrum backtest: parity FAILED: first difference at input " + d.inputCount() + " (log position " +
                d.logPosition() + ", " + d.input() + ")\n  live:   " + d.live() + "\n  replay: " + d.replay());
        }
        else if (!result.same())
        {
            err.println("ferrum backtest: parity UNKNOWN: the " + result.liveDecisions() + " recorded decisions agree, but " +
                (result.complete() ? result.lost() + " live decisions were not recorded" :
                "the decision log was not closed (the demo did not stop cleanly): later live decisions may be missing"));
        }
        else
        {
            err.println("ferrum backtest: parity OK: all " + result.replayDecisions() + " decisions over " + result.inputs() +
                " inputs are the same as live");
        }
        return result.same() ? 0 : 1;
    }

    private static int sweep(
        final BacktestConfig config, final Map<String, String> o, final Path outDir, final PrintStream out) throws Exception
    {
        final BacktestConfig.StrategyParameters base = config.strategy();
        final List<Integer> spread = list(o, "--sweep-spread-ticks", String.valueOf(base.halfSpreadTicks())).stream()
            .map(s -> (int)integer(Map.of("--sweep-spread-ticks", s), "--sweep-spread-ticks", 0)).toList();
        final List<Integer> threshold = list(o, "--sweep-threshold-bps", String.valueOf(base.thresholdBps())).stream()
            .map(s -> (int)integer(Map.of("--sweep-threshold-bps", s), "--sweep-threshold-bps", 0)).toList();
        if (spread.isEmpty() || threshold.isEmpty() || spread.stream().anyMatch(t -> t < 1 || t > 1000) ||
            threshold.stream().anyMatch(t -> t < 1 || t > 10_000))
        {
            throw new UsageException("the sweep grid is empty or out of range (spread ticks 1..1000, threshold bps 1..10000)");
        }
        final List<BacktestConfig.StrategyParameters> grid = ParameterSweep.grid(base, spread, threshold);
        final ParameterSweep.Rank rank;
        try
        {
            rank = ParameterSweep.Rank.valueOf(o.getOrDefault("--rank", "sharpe").toUpperCase(java.util.Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("--rank must be one of sharpe, sortino, calmar, cagr, net_profit");
        }
        final double share;
        try
        {
            share = Double.parseDouble(o.getOrDefault("--in-sample", "0.7"));
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("--in-sample must be a number in (0, 1)");
        }
        if (!(share > 0 && share < 1) || config.to().equals(config.from()))
        {
            throw new UsageException("a sweep needs --in-sample in (0, 1) and at least two days");
        }
        final int threads = (int)integer(o, "--threads", Runtime.getRuntime().availableProcessors());
        final ParameterSweep.Result result = ParameterSweep.run(config, grid, share, rank, threads);
        final String table = result.table();
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("sweep.txt"), table, StandardCharsets.UTF_8);
        out.print(table);
        return 0;
    }

    private static List<String> list(final Map<String, String> o, final String option, final String fallback)
    {
        return Arrays.stream(o.getOrDefault(option, fallback).split(",")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList();
    }

    private static BacktestConfig config(final Set<String> flags, final Map<String, String> o)
    {
        final BacktestConfig.Source source = flags.contains("--synthetic") ? BacktestConfig.Source.SYNTHETIC :
            o.containsKey("--data") ? BacktestConfig.Source.DATA :
            o.containsKey("--journal") ? BacktestConfig.Source.JOURNAL : BacktestConfig.Source.SESSION;
        final Path dataDir = source == BacktestConfig.Source.SYNTHETIC ? null : existing(o.get(
            source == BacktestConfig.Source.DATA ? "--data" : source == BacktestConfig.Source.JOURNAL ? "--journal" : "--session"));
        final Path out = Path.of(o.getOrDefault("--out", "backtest-out"));
        final Path store = o.containsKey("--store") ? Path.of(o.get("--store")) :
            source == BacktestConfig.Source.DATA ? dataDir.resolve(".ferrum-events") : out.resolve("events");
        final boolean synthetic = source == BacktestConfig.Source.SYNTHETIC;
        final List<String> symbols = o.containsKey("--symbols") ?
            Arrays.stream(o.get("--symbols").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList() :
            synthetic ? List.of("BTCUSDT", "ETHUSDT") : List.of();
        final LocalDate from = date(o.getOrDefault("--from", synthetic ? "2023-01-01" : "1970-01-01"), "--from");
        final LocalDate to = date(o.getOrDefault("--to", synthetic ? "2024-12-31" : "9999-12-31"), "--to");
        if (to.isBefore(from))
        {
            throw new UsageException("--to is before --from");
        }
        if (source == BacktestConfig.Source.DATA && !o.containsKey("--from"))
        {
            throw new UsageException("--data needs --from and --to");
        }
        final long spreadTicks = integer(o, "--spread-ticks", 1);
        final long thresholdBps = integer(o, "--threshold-bps", 5);
        if (spreadTicks < 1 || spreadTicks > 1000 || thresholdBps < 1 || thresholdBps > 10_000)
        {
            throw new UsageException("--spread-ticks must be in 1..1000 and --threshold-bps in 1..10000");
        }
        return new BacktestConfig(source, dataDir, store, symbols, from, to, integer(o, "--seed", 1),
            integer(o, "--events-per-day", SyntheticMarket.DEFAULT_EVENTS_PER_DAY),
            integer(o, "--data-latency-us", 500) * 1000, integer(o, "--order-latency-us", 1000) * 1000,
            integer(o, "--report-latency-us", 1000) * 1000, integer(o, "--latency-jitter-us", 0) * 1000,
            new FeeSchedule(centiBps(o, "--maker-fee-bps", "10"), centiBps(o, "--taker-fee-bps", "10")),
            money(o, "--capital", "100000"),
            integer(o, "--sample-seconds", source == BacktestConfig.Source.SESSION ||
                source == BacktestConfig.Source.JOURNAL ? 1 : 3600) * 1_000_000_000L,
            new BacktestConfig.StrategyParameters(strategy(o), quantity(o), (int)spreadTicks, (int)thresholdBps),
            o.containsKey("--risk-config") ? Path.of(o.get("--risk-config")) : null);
    }

    private static BacktestConfig.Strategy strategy(final Map<String, String> o)
    {
        final String name = o.getOrDefault("--strategy", "both");
        try
        {
            return BacktestConfig.Strategy.valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("--strategy must be market-maker, momentum or both: '" + name + "'");
        }
    }

    private static String quantity(final Map<String, String> o)
    {
        final String text = o.getOrDefault("--order-quantity", "0.01");
        if (decimal(text, "--order-quantity", -8) <= 0)
        {
            throw new UsageException("--order-quantity must be positive");
        }
        return text;
    }

    private static Path existing(final String dir)
    {
        final Path path = Path.of(dir);
        if (!Files.isDirectory(path))
        {
            throw new UsageException(dir + " is not a directory");
        }
        return path;
    }

    private static LocalDate date(final String text, final String option)
    {
        try
        {
            return LocalDate.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            throw new UsageException(option + " must be a date YYYY-MM-DD: '" + text + "'");
        }
    }

    private static long integer(final Map<String, String> o, final String option, final long fallback)
    {
        final String text = o.get(option);
        if (text == null)
        {
            return fallback;
        }
        try
        {
            final long value = Long.parseLong(text);
            if (value < 0)
            {
                throw new UsageException(option + " cannot be negative");
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException(option + " must be a whole number: '" + text + "'");
        }
    }

    private static long centiBps(final Map<String, String> o, final String option, final String fallback)
    {
        return decimal(o.getOrDefault(option, fallback), option, -2);
    }

    private static long money(final Map<String, String> o, final String option, final String fallback)
    {
        final long value = decimal(o.getOrDefault(option, fallback), option, StrategyLedger.MONEY_EXPONENT);
        if (value <= 0)
        {
            throw new UsageException(option + " must be positive");
        }
        return value;
    }

    private static long decimal(final String text, final String option, final int exponent)
    {
        try
        {
            return DecimalParser.parse(text, exponent);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(option + ": " + ex.getMessage());
        }
    }
}
