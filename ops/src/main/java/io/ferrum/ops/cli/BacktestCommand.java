package io.ferrum.ops.cli;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.ops.backtest.Backtest;
import io.ferrum.ops.backtest.BacktestConfig;
import io.ferrum.ops.backtest.BacktestResult;
import io.ferrum.ops.backtest.ParameterSweep;
import io.ferrum.ops.backtest.StrategyLedger;
import io.ferrum.ops.backtest.data.EventFileException;
import io.ferrum.ops.backtest.data.ImportException;
import io.ferrum.ops.backtest.report.HtmlReport;
import io.ferrum.ops.backtest.report.ResultJson;
import io.ferrum.ops.backtest.synthetic.SyntheticMarket;
import io.ferrum.ops.backtest.venue.FeeSchedule;

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
    private static final Set<String> FLAGS = Set.of("--synthetic");
    private static final Set<String> OPTIONS = Set.of("--data", "--session", "--journal", "--symbols", "--from", "--to",
        "--seed", "--events-per-day", "--out", "--store", "--data-latency-us", "--order-latency-us",
        "--report-latency-us", "--latency-jitter-us", "--maker-fee-bps", "--taker-fee-bps", "--impact-bps",
        "--capital", "--notional", "--fast", "--slow", "--band-bps", "--sample-seconds", "--sweep-fast", "--sweep-slow",
        "--sweep-band-bps", "--rank", "--threads", "--in-sample", "--strategy", "--order-quantity");

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
            "usage: ./ferrum backtest (--synthetic | --data DIR | --session DIR) [options]",
            "  --synthetic               seeded synthetic market (default symbols BTCUSDT,ETHUSDT, 2023-01-01..2024-12-31)",
            "  --data DIR                Binance public-data CSV dumps (trades, aggTrades, klines; .csv or .zip)",
            "  --session DIR             a recorded session folder (*.frames.jsonl)",
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
            "  --impact-bps X            price impact per assumed level beyond the touch (default 1)",
            "  --capital X               initial cash per strategy in quote currency (default 100000)",
            "  --notional X              the strategy's position size in quote currency (default 10000)",
            "  --strategy ema-cross|market-maker|momentum   ema-cross is the ops stand-in (default); the",
            "                            others are the engine's sample strategies in the real engine and its",
            "                            fill model, trading the first symbol",
            "  --order-quantity X        engine strategies' order size in base units (default 0.01)",
            "  --fast N --slow N --band-bps X   EMA-cross strategy: EMA weights 2^-N per event, dead band",
            "                            (defaults 14, 18, 50)",
            "  --sample-seconds N        equity sample interval (default 3600 for --synthetic/--data, 1 for --session)",
            "  --sweep-fast N,N --sweep-slow N,N --sweep-band-bps X,X",
            "                            parameter sweep: every combination (fast < slow), run in parallel on the",
            "                            in-sample days and on the out-of-sample days after them, ranked by --rank",
            "  --rank sharpe|sortino|calmar|cagr|net_profit   (default sharpe)",
            "  --in-sample F             share of the days in sample (default 0.7)   --threads N (default: cores)",
            "  --journal DIR [--parity]  replay a live run's journal: not available until the engine's journal lands");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        final Map<String, String> options = new HashMap<>();
        final Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            if (FLAGS.contains(arg))
            {
                flags.add(arg);
            }
            else if (arg.equals("--parity"))
            {
                flags.add(arg);
            }
            else if (OPTIONS.contains(arg))
            {
                if (i + 1 >= args.size())
                {
                    throw new UsageException(arg + " needs a value");
                }
                options.put(arg, args.get(++i));
            }
            else
            {
                throw new UsageException("unknown option " + arg);
            }
        }
        if (options.containsKey("--journal") || flags.contains("--parity"))
        {
            err.println("ferrum backtest: --journal and --parity need the engine's journal, which has not landed yet");
            return 2;
        }
        final long sources = Arrays.asList(flags.contains("--synthetic"), options.containsKey("--data"),
            options.containsKey("--session")).stream().filter(b -> b).count();
        if (sources != 1)
        {
            throw new UsageException("choose exactly one of --synthetic, --data DIR, --session DIR");
        }
        final BacktestConfig config = config(flags, options);
        final Path outDir = Path.of(options.getOrDefault("--out", "backtest-out"));
        try
        {
            if (options.containsKey("--sweep-fast") || options.containsKey("--sweep-slow") ||
                options.containsKey("--sweep-band-bps"))
            {
                return sweep(config, options, outDir, out);
            }
            if (config.strategy().strategy() != BacktestConfig.Strategy.EMA_CROSS)
            {
                err.println("ferrum backtest: warning: engine strategies match against the engine's L2 book; the synthetic " +
                    "feed's depth does not keep it consistent and sessions lack their REST snapshots, so fills are not " +
                    "trustworthy yet (docs/backtesting.md, Known limits)");
            }
            final BacktestResult result = Backtest.run(config, err);
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("result.json"), ResultJson.write(result), StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("report.html"), HtmlReport.write(result), StandardCharsets.UTF_8);
            out.println(ResultJson.summary(result));
            err.println("ferrum backtest: wrote " + outDir.resolve("result.json") + " and " + outDir.resolve("report.html"));
            return 0;
        }
        catch (final ImportException | EventFileException ex)
        {
            err.println("ferrum backtest: " + ex.getMessage());
            return EXIT_DATA;
        }
    }

    private static int sweep(
        final BacktestConfig config, final Map<String, String> o, final Path outDir, final PrintStream out) throws Exception
    {
        final BacktestConfig.StrategyParameters base = config.strategy();
        final List<Integer> fast = list(o, "--sweep-fast", String.valueOf(base.fastShift())).stream()
            .map(s -> (int)integer(Map.of("--sweep-fast", s), "--sweep-fast", 0)).toList();
        final List<Integer> slow = list(o, "--sweep-slow", String.valueOf(base.slowShift())).stream()
            .map(s -> (int)integer(Map.of("--sweep-slow", s), "--sweep-slow", 0)).toList();
        final List<Long> band = list(o, "--sweep-band-bps", Double.toString(base.bandCentiBps() / 100.0)).stream()
            .map(s -> decimal(s, "--sweep-band-bps", -2)).toList();
        final List<BacktestConfig.StrategyParameters> grid = ParameterSweep.grid(fast, slow, band, base.notional());
        if (grid.isEmpty() || fast.stream().anyMatch(f -> f < 1) || slow.stream().anyMatch(s -> s > 30))
        {
            throw new UsageException("the sweep grid is empty or out of range (1 <= fast < slow <= 30)");
        }
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
            o.containsKey("--data") ? BacktestConfig.Source.DATA : BacktestConfig.Source.SESSION;
        final Path dataDir = source == BacktestConfig.Source.DATA ? existing(o.get("--data")) :
            source == BacktestConfig.Source.SESSION ? existing(o.get("--session")) : null;
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
        final long fast = integer(o, "--fast", 14);
        final long slow = integer(o, "--slow", 18);
        return new BacktestConfig(source, dataDir, store, symbols, from, to, integer(o, "--seed", 1),
            integer(o, "--events-per-day", SyntheticMarket.DEFAULT_EVENTS_PER_DAY),
            integer(o, "--data-latency-us", 500) * 1000, integer(o, "--order-latency-us", 1000) * 1000,
            integer(o, "--report-latency-us", 1000) * 1000, integer(o, "--latency-jitter-us", 0) * 1000,
            new FeeSchedule(centiBps(o, "--maker-fee-bps", "10"), centiBps(o, "--taker-fee-bps", "10")),
            centiBps(o, "--impact-bps", "1"), 100, money(o, "--capital", "100000"),
            integer(o, "--sample-seconds", source == BacktestConfig.Source.SESSION ? 1 : 3600) * 1_000_000_000L,
            new BacktestConfig.StrategyParameters(strategy(o), 1, (int)fast, (int)slow, centiBps(o, "--band-bps", "50"),
                money(o, "--notional", "10000"), quantity(o)));
    }

    private static BacktestConfig.Strategy strategy(final Map<String, String> o)
    {
        final String name = o.getOrDefault("--strategy", "ema-cross");
        try
        {
            return BacktestConfig.Strategy.valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("--strategy must be ema-cross, market-maker or momentum: '" + name + "'");
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
