package io.ferrum.bench.risk;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.risk.RiskConfig;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.risk.RiskManager;
import io.ferrum.risk.RiskOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One full pre-trade check with every rule on (states, quantity, notional, price band,
 * position per strategy and instrument, open orders, the venue account's free balance, order rate,
 * daily loss, drawdown),
 * for an order that passes them all, so that no rule is skipped by an early reject; and
 * the price hook that samples volatility and evaluates the four stop-loss rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED") // Agrona 2 needs it
public class PreTradeCheckBenchmark
{
    static final String ALL_RULES = "risk.capacity.strategies = 8\nrisk.capacity.instruments = 16\n" +
        "risk.global.max_order_notional = 1000000\nrisk.strategy.1.max_order_notional = 500000\n" +
        "risk.instrument.BTCUSDT.max_order_quantity = 5\nrisk.strategy.1.max_order_quantity = 10\n" +
        "risk.global.price_band_bps = 500\nrisk.strategy.1.price_band_bps = 300\n" +
        "risk.strategy.1.max_position_pct_equity = 30\nrisk.instrument.BTCUSDT.max_position_pct_equity = 40\n" +
        "risk.global.max_orders_per_second = 100000\nrisk.strategy.1.max_orders_per_second = 100000\n" +
        "risk.global.max_open_orders = 100\nrisk.strategy.1.max_open_orders = 50\n" +
        "risk.instrument.BTCUSDT.max_open_orders = 50\nrisk.global.daily_loss_limit = 50000\n" +
        "risk.strategy.1.daily_loss_limit = 20000\nrisk.global.max_drawdown_pct = 20\n" +
        "risk.global.stop_loss_bps = 500\nrisk.global.trailing_stop_bps = 300\n" +
        "risk.global.max_holding_seconds = 86400\nrisk.global.volatility_stop_multiple = 50\n" +
        "risk.volatility.window = 10\n";
    private static final int BTC = 1;
    private static final int PE = -8;
    private static final int SE = -8;
    private static final long PRICE = 5_000_000_000_000L; // 50,000
    private static final long QUANTITY = 50_000_000L; // 0.5

    private RiskManager risk;
    private BenchPortfolio portfolio;
    private final RiskOrder order = new RiskOrder();
    private long now;
    private long sequence;
    private long stopsFired;

    @Setup(Level.Trial)
    public void setUp()
    {
        final RiskConfig config = RiskConfigParser.parse(ALL_RULES, "bench", Map.of());
        risk = new RiskManager(config, symbol -> "BTCUSDT".equals(symbol) ? BTC : -1,
            (s, i, rule, position, price, level, time) -> stopsFired++);
        portfolio = new BenchPortfolio(2, 16);
        portfolio.reference(BTC, PRICE);
        portfolio.position(1, BTC, 100_000_000L, PRICE);
        portfolio.open(1, BTC, 50_000_000L, 20_000_000L, 3);
        portfolio.equity(100_000_000_000_000L, 101_000_000_000_000L, -100_000_000_000L); // 1M, peak 1.01M, -1000
        portfolio.spendable(BTC, 1_000_000_000L * 100_000_000L); // a billion of either asset: every order covered
        now = 1_767_571_200_000_000_000L;
        risk.onFill(1, BTC, PE, PRICE, now, portfolio);
        if (!fullCheckAccepted())
        {
            throw new IllegalStateException("the benchmark order must pass every rule: " + risk.decision());
        }
    }

    @Benchmark
    public boolean fullCheckAccepted()
    {
        now += 1_000_000; // 1 ms of log time: the rate window keeps ~1000 accepts
        sequence++;
        order.newOrder(1, BTC, sequence, (sequence & 1) == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT, PE,
            PRICE + (sequence & 7) * 100_000_000L, SE, QUANTITY, false);
        return risk.check(order, portfolio, now);
    }

    @Benchmark
    public long priceHookWithStops()
    {
        now += 1_000_000;
        sequence++;
        portfolio.reference(BTC, PRICE + (sequence & 15) * 1_000_000_000L);
        risk.onPrice(BTC, now, portfolio);
        return stopsFired;
    }
}
