package io.ferrum.ops.backtest;

import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.gateway.sim.venue.SpotAccounts;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.venue.EngineFillVenue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spot backtest cannot sell what it does not hold: the momentum taker shorts on a falling
 * signal, the simulated venue's account refuses every such sell (-2010), and neither a balance
 * nor the engine's position ever goes below zero.
 */
class SpotAccountBacktestTest
{
    private static BacktestConfig momentumOnly()
    {
        final BacktestConfig base = TestConfigs.synthetic(7);
        return base.withStrategy(new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.MOMENTUM, "0.05", 1, 2));
    }

    @Test
    void anOversellIsRefusedAndNothingGoesNegative() throws Exception
    {
        final BacktestConfig config = momentumOnly();
        assertEquals(Map.of("USDT", "100000.00000000"), Backtest.startBalances(config,
            EngineSetup.instruments(config)), "by default the traded symbol's quote asset holds --capital per strategy");
        final Engine[] engine = new Engine[1];
        final EngineFillVenue[] venue = new EngineFillVenue[1];
        final BacktestDriver driver = Backtest.driver(config, engine, venue);
        final long[] minimumBase = {Long.MAX_VALUE};
        final long[] minimumQuote = {Long.MAX_VALUE};
        driver.progress(events ->
        {
            final SpotAccounts accounts = venue[0].accounts();
            minimumBase[0] = Math.min(minimumBase[0], accounts.freeMantissa("BTC"));
            minimumQuote[0] = Math.min(minimumQuote[0], accounts.freeMantissa("USDT"));
        });
        try (EventSource source = Backtest.open(config, null))
        {
            driver.run(source);
        }
        final SpotAccounts accounts = venue[0].accounts();
        assertTrue(accounts.refused() > 0, "the taker tried to sell BTC it did not hold");
        assertTrue(minimumBase[0] >= 0 && minimumQuote[0] >= 0, "free balances after every event: " + minimumBase[0] +
            " BTC, " + minimumQuote[0] + " USDT");
        assertTrue(new BigDecimal(accounts.locked("BTC")).signum() >= 0);
        final Instrument btc = engine[0].instruments().get("BTCUSDT");
        final long position = engine[0].portfolio().quantity(BacktestConfig.StrategyParameters.MOMENTUM_ID,
            btc.instrumentId());
        assertTrue(position >= 0, "never short on spot: " + position);
        assertEquals(new BigDecimal(accounts.free("BTC")).add(new BigDecimal(accounts.locked("BTC"))),
            new BigDecimal(position).movePointLeft(-btc.sizeExponent()).setScale(8),
            "the account holds exactly the engine's position");
        assertTrue(engine[0].fills() > 0, "it still traded what it could pay for");
    }

    @Test
    void startBalancesAreConfigurableAndChecked() throws Exception
    {
        final BacktestConfig config = momentumOnly().withBalances(Map.of("USDT", "1000", "BTC", "0.5"));
        final EngineFillVenue[] venue = new EngineFillVenue[1];
        Backtest.driver(config, new Engine[1], venue);
        assertEquals("0.50000000", venue[0].accounts().free("BTC"));
        assertEquals("0.00000000", venue[0].accounts().free("ETH"));
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> Backtest.driver(momentumOnly().withBalances(Map.of("DOGE", "1")), new Engine[1], new EngineFillVenue[1]));
        assertTrue(unknown.getMessage().startsWith("balance of DOGE: no instrument has that asset"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> Backtest.driver(momentumOnly().withBalances(Map.of("BTC", "-1")), new Engine[1], new EngineFillVenue[1]));
    }
}
