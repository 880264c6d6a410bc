package io.ferrum.ops.backtest;

import io.ferrum.risk.RiskConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --risk-config}: the backtest's engine checks every order against the limits file the
 * demo and the cluster read (docs/risk.md); refused orders are RiskRejects, counted in the result
 * and never reach the venue.
 */
class RiskConfigBacktestTest
{
    @TempDir
    Path dir;

    /** The momentum taker alone on BTCUSDT with 0.05 BTC orders. */
    private static BacktestConfig momentum()
    {
        final BacktestConfig base = TestConfigs.synthetic(4);
        return new BacktestConfig(base.source(), null, null, List.of("BTCUSDT"), base.from(), base.to(), 4,
            base.eventsPerDay(), base.dataLatencyNs(), base.orderLatencyNs(), base.reportLatencyNs(), 0, base.fees(),
            base.initialCash(), base.sampleIntervalNs(),
            new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.MOMENTUM, "0.05", 1, 5));
    }

    private Path limits(final String text) throws Exception
    {
        final Path file = dir.resolve("risk.properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aTightOrderQuantityLimitTurnsEveryOrderIntoACountedReject() throws Exception
    {
        final BacktestResult free = Backtest.run(momentum(), null);
        assertEquals(0, free.riskRejects());
        assertTrue(free.portfolio().ordersSent() > 0, "without limits the momentum taker trades");

        final BacktestResult tight = Backtest.run(
            momentum().withRiskConfig(limits("risk.instrument.BTCUSDT.max_order_quantity = 0.01\n")), null);
        assertTrue(tight.riskRejects() > 0, "0.05 BTC orders against a 0.01 BTC limit are refused");
        assertEquals(0, tight.portfolio().ordersSent(), "a refused order never reaches the venue");
        assertEquals(0, tight.portfolio().fills());
        assertTrue(tight.settings().get("risk_config").endsWith("risk.properties"));

        final BacktestResult loose = Backtest.run(
            momentum().withRiskConfig(limits("risk.instrument.BTCUSDT.max_order_quantity = 1\n")), null);
        assertEquals(0, loose.riskRejects(), "orders (0.05, or 0.1 when flipping a position) under the limit pass");
        assertEquals(free.portfolio(), loose.portfolio(), "limits that never bind change nothing");
    }

    @Test
    void aBadLimitsFileNamesTheKeyAndTheProblem() throws Exception
    {
        final RiskConfigException bad = assertThrows(RiskConfigException.class, () -> Backtest.run(
            momentum().withRiskConfig(limits("risk.instrument.BTCUSDT.max_order_quantity = lots\n")), null));
        assertTrue(bad.getMessage().contains("max_order_quantity"), bad.getMessage());
        final RiskConfigException small = assertThrows(RiskConfigException.class, () -> Backtest.run(
            momentum().withRiskConfig(limits("risk.capacity.strategies = 2\n")), null));
        assertTrue(small.getMessage().contains("risk.capacity.strategies"), small.getMessage());
        assertThrows(RiskConfigException.class,
            () -> Backtest.run(momentum().withRiskConfig(dir.resolve("missing.properties")), null));
    }
}
