package io.ferrum.ops.cli;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.ops.backtest.Backtest;
import io.ferrum.ops.backtest.BacktestConfig;
import io.ferrum.ops.backtest.BacktestResult;
import io.ferrum.ops.backtest.ParameterSweep;
import io.ferrum.ops.backtest.StrategyLedger;
import io.ferrum.ops.backtest.data.EventFileException;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.ImportException;
import io.ferrum.ops.backtest.parity.ParityCheck;
import io.ferrum.ops.backtest.parity.ParityResult;
import io.ferrum.ops.backtest.report.HtmlReport;
import io.ferrum.ops.backtest.report.ResultJson;
import io.ferrum.ops.backtest.synthetic.SyntheticMarket;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.ops.backtest.ConfiguredStrategies;
import io.ferrum.ops.history.HistoryException;
import io.ferrum.ops.history.HistoryReader;
import io.ferrum.ops.history.PgConnector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./ferrum backtest}: one backtest from synthetic data, Binance CSV dumps or a
 * recorded session; writes result.json and report.html to --out and prints a summary
 * JSON line. Options and models: docs/backtesting.md.
 */
@Command(name = "backtest",
    header = "replay history or a synthetic market through a strategy, with fills, fees and latency; JSON and HTML report",
    customSynopsis = {"./ferrum backtest (--synthetic | --data DIR | --session DIR | --journal DIR | --pg URL) [options]",
        "./ferrum backtest --journal DIR --parity"},
    footer = {"With --journal only the latency, fee, capital, sample, seed, risk and --out options apply;",
        "with --pg those and --from, --to, --log-name.",
        "Options and models: docs/backtesting.md."})
public final class BacktestCommand implements FerrumCommand
{
    /** The live risk limits, the default of a backtest that is not of a journal (run from the repository's root). */
    static final Path DEFAULT_RISK_CONFIG = Path.of("config", "risk.properties");

    /** What a journal backtest takes from the live run (demo.properties, the log's range) instead. */
    private static final List<String> NOT_WITH_JOURNAL = List.of("--instruments", "--symbols", "--from", "--to", "--events-per-day",
        "--strategy", "--order-quantity", "--spread-ticks", "--threshold-bps", "--sweep-spread-ticks",
        "--sweep-threshold-bps", "--sweep", "--rank", "--threads", "--in-sample", "--strategies");

    @Spec
    CommandSpec spec;

    @Option(names = "--synthetic", description = "seeded synthetic market (default symbols BTCUSDT,ETHUSDT, 2023-01-01..2024-12-31)")
    boolean synthetic;

    @Option(names = "--data", paramLabel = "DIR", description = "Binance public-data CSV dumps (trades, aggTrades, klines; .csv or .zip)")
    Path data;

    @Option(names = "--session", paramLabel = "DIR", description = "a recorded session folder (*.replay.tsv)")
    Path session;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "with --session: the symbols' instruments, from a saved Binance exchangeInfo JSON or an instruments" +
            " file (default: the session's exchangeInfo.json or recorded exchangeInfo, else derived from its snapshots)")
    Path instruments;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "a ./ferrum demo run's journal (the directory it printed, or its member-0): its market data" +
            " and admin commands, in log order, through the engine configured as live (its demo.properties)" +
            " and this venue model")
    Path journal;

    @Option(names = "--pg", paramLabel = "URL",
        description = "a log read back from the history database (./ferrum history, docs/history.md): its market data" +
            " of the days --from..--to, through its engine as with --journal; no password in the URL (PGPASSWORD)")
    String pg;

    @Option(names = "--log-name", paramLabel = "NAME", description = "with --pg: which log, when the database holds several")
    String logName;

    @Option(names = "--parity",
        description = "with --journal: replay the log with the live venue's responses and compare every" +
            " engine decision with the live one; prints the first difference (exit 1) or none")
    boolean parity;

    @Option(names = "--risk-config", paramLabel = "FILE",
        description = "pre-trade risk limits (docs/risk.md), or none; default config/risk.properties when it is there," +
            " as live (instrument keys of symbols not in the run left out), or with --journal the limits the live run had")
    Path riskConfig;

    @Option(names = "--balances", paramLabel = "ASSET=X,..", split = ",",
        description = "the simulated venue's spot account at the start, e.g. USDT=100000,BTC=1 (default: the traded" +
            " symbol's quote asset holds --capital for each strategy); an order it cannot pay for is refused (-2010)")
    List<String> balances;

    @Mixin
    StrategyOptions strategyOptions = new StrategyOptions();

    @Option(names = "--symbols", paramLabel = "A,B", split = ",", description = "symbols to replay (default: all in the data)")
    List<String> symbols;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first UTC day, inclusive")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last UTC day, inclusive")
    LocalDate to;

    @Option(names = "--seed", paramLabel = "N", description = "synthetic market and latency jitter seed (default 1)")
    long seed = 1;

    @Option(names = "--events-per-day", paramLabel = "N",
        description = "synthetic events per symbol per day (default " + SyntheticMarket.DEFAULT_EVENTS_PER_DAY + ")")
    long eventsPerDay = SyntheticMarket.DEFAULT_EVENTS_PER_DAY;

    @Option(names = "--out", paramLabel = "DIR", description = "where result.json and report.html go (default backtest-out)")
    Path out = Path.of("backtest-out");

    @Option(names = "--store", paramLabel = "DIR",
        description = "imported event files (default DIR/.ferrum-events for --data, OUT/events otherwise)")
    Path store;

    @Option(names = "--data-latency-us", paramLabel = "N", description = "one-way market data delay (default 500)")
    long dataLatencyUs = 500;

    @Option(names = "--order-latency-us", paramLabel = "N", description = "one-way order delay (default 1000)")
    long orderLatencyUs = 1000;

    @Option(names = "--report-latency-us", paramLabel = "N", description = "one-way execution report delay (default 1000)")
    long reportLatencyUs = 1000;

    @Option(names = "--latency-jitter-us", paramLabel = "N", description = "mean of the exponential jitter (default 0)")
    long latencyJitterUs;

    @Option(names = "--maker-fee-bps", paramLabel = "X", description = "maker fee (default 10)")
    String makerFeeBps = "10";

    @Option(names = "--taker-fee-bps", paramLabel = "X", description = "taker fee (default 10)")
    String takerFeeBps = "10";

    @Option(names = "--capital", paramLabel = "X", description = "initial cash per strategy in quote currency (default 100000)")
    String capital = "100000";

    @Option(names = "--strategy", paramLabel = "NAME", completionCandidates = Strategies.class,
        description = "${COMPLETION-CANDIDATES}: the engine's sample strategies, run in the real engine" +
            " and filled by its SimulatedVenue, trading the first symbol (default both)")
    String strategy = "both";

    @Option(names = "--order-quantity", paramLabel = "X", description = "order size in base units (default 0.01)")
    String orderQuantity = "0.01";

    @Option(names = "--spread-ticks", paramLabel = "N", description = "market maker's half-spread in ticks (default 1)")
    long spreadTicks = 1;

    @Option(names = "--threshold-bps", paramLabel = "N", description = "momentum taker's signal threshold (default 5)")
    long thresholdBps = 5;

    @Option(names = "--sample-seconds", paramLabel = "N",
        description = "equity sample interval (default 3600 for --synthetic/--data, 1 for --session/--journal/--pg)")
    Long sampleSeconds;

    @Option(names = "--sweep-spread-ticks", paramLabel = "N,N", split = ",",
        description = "parameter sweep: every combination, run in parallel on the in-sample days and on" +
            " the out-of-sample days after them, ranked by --rank")
    List<Integer> sweepSpreadTicks;

    @Option(names = "--sweep-threshold-bps", paramLabel = "N,N", split = ",", description = "the sweep's thresholds")
    List<Integer> sweepThresholdBps;

    @Option(names = "--sweep", paramLabel = "KEY=A,B",
        description = "with --strategies: sweep any parameter of a strategy of the file, strategy.<name>.<param>=a,b,c" +
            " (repeat for a grid of every combination); ranked and split in and out of sample as the samples' sweep")
    List<String> sweeps;

    @Option(names = "--rank", paramLabel = "METRIC", description = "${COMPLETION-CANDIDATES} (default sharpe)")
    ParameterSweep.Rank rank = ParameterSweep.Rank.SHARPE;

    @Option(names = "--in-sample", paramLabel = "F", description = "share of the days in sample (default 0.7)")
    double inSample = 0.7;

    @Option(names = "--threads", paramLabel = "N", description = "sweep threads (default: cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (parity)
        {
            if (null == journal || given.matchedOptions().size() != (null == strategyOptions.classpath ? 2 : 3))
            {
                throw new UsageException("--parity takes --journal DIR (and --classpath JARS) and nothing else");
            }
            return parity(JournalDirs.demoDir(journal), strategyOptions.jars(), out, err);
        }
        final long sources = Stream.of(synthetic, null != data, null != session, null != journal, null != pg)
            .filter(b -> b).count();
        if (sources != 1)
        {
            throw new UsageException("choose exactly one of --synthetic, --data DIR, --session DIR, --journal DIR, --pg URL");
        }
        if (null != instruments && null == session)
        {
            throw new UsageException("--instruments goes with --session (other sources' instruments are their data's or" +
                " their journal's)");
        }
        if (null != logName && null == pg)
        {
            throw new UsageException("--log-name goes with --pg");
        }
        if (null != journal || null != pg)
        {
            for (final String option : NOT_WITH_JOURNAL)
            {
                if (given.hasMatchedOption(option) && !(null != pg && List.of("--from", "--to").contains(option)))
                {
                    throw new UsageException(option + " does not go with --journal: the journal's engine configuration " +
                        "and log decide it");
                }
            }
        }
        final BacktestConfig config = config();
        try
        {
            if (null != sweeps)
            {
                return sweepParameters(config, out);
            }
            if (null != sweepSpreadTicks || null != sweepThresholdBps)
            {
                return sweep(config, out);
            }
            if (config.source() == BacktestConfig.Source.HISTORY)
            {
                err.println("ferrum backtest: read " + HistoryReader.importLog(PgConnector.of(pg, System.getenv()),
                    logName, config.from(), config.to(), config.dataDir(), new EventStore(config.storeDir())) +
                    " events from the history at " + pg);
            }
            final BacktestResult result = Backtest.run(config, err);
            Files.createDirectories(this.out);
            Files.writeString(this.out.resolve("result.json"), ResultJson.write(result), StandardCharsets.UTF_8);
            Files.writeString(this.out.resolve("report.html"), HtmlReport.write(result), StandardCharsets.UTF_8);
            out.println(ResultJson.summary(result));
            err.println("ferrum backtest: wrote " + this.out.resolve("result.json") + " and " + this.out.resolve("report.html"));
            return ExitCodes.OK;
        }
        catch (final ImportException | EventFileException ex)
        {
            throw new CommandException(ExitCodes.DATA, ex.getMessage());
        }
        catch (final HistoryException ex)
        {
            throw new CommandException(ExitCodes.of(ex), ex.getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            if (null != ex.getMessage() && ex.getMessage().startsWith("balance of "))
            {
                throw new UsageException("--balances: " + ex.getMessage());
            }
            throw ex;
        }
    }

    private static int parity(final Path journal, final StrategyJars jars, final PrintStream out, final PrintStream err)
    {
        final ParityResult result = ParityCheck.run(journal, jars);
        out.println(result.toJson());
        out.flush();
        if (result.difference() != null)
        {
            final ParityCheck.Difference d = result.difference();
            err.println("ferrum backtest: parity FAILED: first difference at input " + d.inputCount() + " (log position " +
                d.logPosition() + ", " + d.input() + ")\n  live:   " + d.live() + "\n  replay: " + d.replay());
        }
        else if (Boolean.FALSE.equals(result.positionsSame()))
        {
            err.println("ferrum backtest: parity FAILED: every decision is the same, but the final positions differ\n" +
                "  live:   " + result.livePositions() + "\n  replay: " + result.positions());
        }
        else if (!result.same())
        {
            err.println("ferrum backtest: parity UNKNOWN: the " + result.liveDecisions() + " recorded decisions agree, but " +
                (!result.complete() ? "the decision log was not closed (the demo did not stop cleanly): later live " +
                "decisions may be missing" : result.lost() > 0 ? result.lost() + " live decisions were not recorded" :
                "the journal has no " + io.ferrum.ops.backtest.journal.FinalPositions.FILE_NAME + " (the live engine's " +
                "final positions: a demo that did not stop cleanly, or an older one) to compare P&L with"));
        }
        else
        {
            err.println("ferrum backtest: parity OK: all " + result.replayDecisions() + " decisions over " + result.inputs() +
                " inputs, and the final positions, fees and realized P&L, are the same as live");
        }
        return result.same() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** --sweep KEY=A,B over a strategies file's parameters. */
    private int sweepParameters(final BacktestConfig config, final PrintStream out) throws Exception
    {
        if (null == config.strategies() || null != sweepSpreadTicks || null != sweepThresholdBps)
        {
            throw new UsageException("--sweep takes --strategies FILE (and not the samples' --sweep-* options)");
        }
        final java.util.Map<String, List<String>> grid = new java.util.LinkedHashMap<>();
        for (final String sweep : sweeps)
        {
            final int equals = sweep.indexOf('=');
            final List<String> values = equals <= 0 ? List.of() : Lists.nonBlank(List.of(sweep.substring(equals + 1).split(",")));
            if (values.isEmpty() || null != grid.put(sweep.substring(0, Math.max(0, equals)).trim(), values) ||
                values.size() != values.stream().distinct().count())
            {
                throw new UsageException("--sweep takes strategy.<name>.<param>=a,b,c, each key once and each value once: '" +
                    sweep + "'");
            }
        }
        final List<ParameterSweep.Point> points;
        try
        {
            points = ParameterSweep.grid(config, grid);
        }
        catch (final io.ferrum.codecs.config.ConfigException ex)
        {
            throw new UsageException("--sweep: " + ex.getMessage());
        }
        return sweepTable(ParameterSweep.runPoints(config, points, checkedInSample(config), rank, checkedThreads()), out);
    }

    private double checkedInSample(final BacktestConfig config)
    {
        if (!(inSample > 0 && inSample < 1) || config.to().equals(config.from()))
        {
            throw new UsageException("a sweep needs --in-sample in (0, 1) and at least two days");
        }
        return inSample;
    }

    private int checkedThreads()
    {
        if (threads < 1)
        {
            throw new UsageException("--threads must be at least 1");
        }
        return threads;
    }

    private int sweepTable(final ParameterSweep.Result result, final PrintStream out) throws java.io.IOException
    {
        final String table = result.table();
        Files.createDirectories(this.out);
        Files.writeString(this.out.resolve("sweep.txt"), table, StandardCharsets.UTF_8);
        out.print(table);
        return ExitCodes.OK;
    }

    private int sweep(final BacktestConfig config, final PrintStream out) throws Exception
    {
        final BacktestConfig.StrategyParameters base = config.strategy();
        final List<Integer> spread = null == sweepSpreadTicks ? List.of(base.halfSpreadTicks()) : sweepSpreadTicks;
        final List<Integer> threshold = null == sweepThresholdBps ? List.of(base.thresholdBps()) : sweepThresholdBps;
        if (spread.isEmpty() || threshold.isEmpty() || spread.stream().anyMatch(t -> t < 1 || t > 1000) ||
            threshold.stream().anyMatch(t -> t < 1 || t > 10_000))
        {
            throw new UsageException("the sweep grid is empty or out of range (spread ticks 1..1000, threshold bps 1..10000)");
        }
        final List<BacktestConfig.StrategyParameters> grid = ParameterSweep.grid(base, spread, threshold);
        return sweepTable(ParameterSweep.run(config, grid, checkedInSample(config), rank, checkedThreads()), out);
    }

    private BacktestConfig config()
    {
        final BacktestConfig.Source source = synthetic ? BacktestConfig.Source.SYNTHETIC :
            null != data ? BacktestConfig.Source.DATA :
            null != journal ? BacktestConfig.Source.JOURNAL : null != pg ? BacktestConfig.Source.HISTORY :
            BacktestConfig.Source.SESSION;
        final Path dataDir = switch (source)
        {
            case SYNTHETIC -> null;
            case DATA -> existing(data);
            case JOURNAL -> JournalDirs.demoDir(journal);
            case HISTORY -> out.resolve("history-log"); // the log's demo.properties, read from the database
            default -> existing(session);
        };
        final Path store = null != this.store ? this.store :
            source == BacktestConfig.Source.DATA ? dataDir.resolve(".ferrum-events") : out.resolve("events");
        final List<String> symbols = null != this.symbols ? Lists.nonBlank(this.symbols) :
            synthetic ? List.of("BTCUSDT", "ETHUSDT") : List.of();
        final LocalDate from = null != this.from ? this.from : LocalDate.parse(synthetic ? "2023-01-01" : "1970-01-01");
        final LocalDate to = null != this.to ? this.to : LocalDate.parse(synthetic ? "2024-12-31" : "9999-12-31");
        if (to.isBefore(from))
        {
            throw new UsageException("--to is before --from");
        }
        if (source == BacktestConfig.Source.DATA && null == this.from)
        {
            throw new UsageException("--data needs --from and --to");
        }
        if (spreadTicks < 1 || spreadTicks > 1000 || thresholdBps < 1 || thresholdBps > 10_000)
        {
            throw new UsageException("--spread-ticks must be in 1..1000 and --threshold-bps in 1..10000");
        }
        for (final long value : new long[] {seed, eventsPerDay, dataLatencyUs, orderLatencyUs, reportLatencyUs,
            latencyJitterUs, null == sampleSeconds ? 0 : sampleSeconds})
        {
            if (value < 0)
            {
                throw new UsageException("seeds, counts, latencies and --sample-seconds cannot be negative: " + value);
            }
        }
        final long sample = null != sampleSeconds ? sampleSeconds :
            source == BacktestConfig.Source.SESSION || source.isLog() ? 1 : 3600;
        return new BacktestConfig(source, dataDir, store, symbols, from, to, seed, eventsPerDay,
            dataLatencyUs * 1000, orderLatencyUs * 1000, reportLatencyUs * 1000, latencyJitterUs * 1000,
            new FeeSchedule(decimal(makerFeeBps, "--maker-fee-bps", -2), decimal(takerFeeBps, "--taker-fee-bps", -2)),
            money(capital, "--capital"), sample * 1_000_000_000L,
            new BacktestConfig.StrategyParameters(strategy(strategy), quantity(orderQuantity), (int)spreadTicks,
                (int)thresholdBps),
            riskConfig(source),
            null == strategyOptions.strategies ? null :
                ConfiguredStrategies.of(strategyOptions.file(), strategyOptions.jars()))
            .withInstruments(null == instruments ? null : existingFile(instruments))
            .withBalances(balances());
    }

    /** --risk-config none is no limits; without it, the live file when there (a journal's own limits otherwise). */
    private Path riskConfig(final BacktestConfig.Source source)
    {
        if (null != riskConfig)
        {
            return "none".equals(riskConfig.toString()) ? null : riskConfig;
        }
        return !source.isLog() && Files.isRegularFile(DEFAULT_RISK_CONFIG) ? DEFAULT_RISK_CONFIG : null;
    }

    private java.util.Map<String, String> balances()
    {
        if (null == balances)
        {
            return null;
        }
        final java.util.Map<String, String> start = new java.util.LinkedHashMap<>();
        for (final String balance : Lists.nonBlank(balances))
        {
            final int equals = balance.indexOf('=');
            if (equals <= 0 || null != start.put(balance.substring(0, equals).trim(), balance.substring(equals + 1).trim()))
            {
                throw new UsageException("--balances takes ASSET=X pairs, each asset once: '" + balance + "'");
            }
            if (decimal(balance.substring(equals + 1).trim(), "--balances " + balance.substring(0, equals), -8) < 0)
            {
                throw new UsageException("--balances cannot be negative: '" + balance + "'");
            }
        }
        return start;
    }

    private static Path existingFile(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new CommandException(ExitCodes.NO_INPUT, file + " is not a file");
        }
        return file;
    }

    private static BacktestConfig.Strategy strategy(final String name)
    {
        try
        {
            return BacktestConfig.Strategy.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("--strategy must be market-maker, momentum or both: '" + name + "'");
        }
    }

    private static String quantity(final String text)
    {
        if (decimal(text, "--order-quantity", -8) <= 0)
        {
            throw new UsageException("--order-quantity must be positive");
        }
        return text;
    }

    private static Path existing(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new CommandException(ExitCodes.NO_INPUT, dir + " is not a directory");
        }
        return dir;
    }

    private static long money(final String text, final String option)
    {
        final long value = decimal(text, option, StrategyLedger.MONEY_EXPONENT);
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

    /** The --strategy names, for help and shell completion. */
    static final class Strategies implements Iterable<String>
    {
        public Iterator<String> iterator()
        {
            return List.of("market-maker", "momentum", "both").iterator();
        }
    }
}
