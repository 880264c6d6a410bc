package io.ferrum.risk;

import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.ferrum.risk.Risk.e8;
import static io.ferrum.risk.RiskParameter.Scopes.GLOBAL;
import static io.ferrum.risk.RiskParameter.Scopes.INSTRUMENT;
import static io.ferrum.risk.RiskParameter.Scopes.STRATEGY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskConfigParserTest
{
    private static RiskConfig parse(final String text)
    {
        return RiskConfigParser.parse(text, "risk.properties", Map.of());
    }

    private static String refusal(final String text)
    {
        return refusal(text, Map.of());
    }

    private static String refusal(final String text, final Map<String, String> env)
    {
        return assertThrows(RiskConfigException.class, () -> RiskConfigParser.parse(text, "risk.properties", env))
            .getMessage();
    }

    @Test
    void shippedDefaultConfigurationLoadsAndBuildsAManager() throws IOException
    {
        final Path file = repoRoot().resolve("config/risk.properties");
        final RiskConfig config = RiskConfigParser.load(file, Map.of());
        assertEquals(e8("100000"), config.find(GLOBAL, "", RiskParameter.MAX_ORDER_NOTIONAL).value());
        assertEquals(5000, config.find(INSTRUMENT, "BTCUSDT", RiskParameter.MAX_POSITION_PCT_EQUITY).value());
        // the symbols of the recorded sessions' instruments, as ./ferrum demo --risk-config loads them
        final RiskManager risk = new RiskManager(config, symbol -> switch (symbol)
        {
            case "ZILUSDT" -> 2;
            case "DENTUSDT" -> 4;
            default -> Risk.instrumentId(symbol);
        }, (s, i, r, p, q, l, t) -> { });
        assertEquals(e8("2"), risk.limit(RiskParameter.MAX_ORDER_QUANTITY, Scope.INSTRUMENT, Risk.BTC));
        assertEquals(1000, risk.limit(RiskParameter.MAX_DRAWDOWN_PCT, Scope.GLOBAL, 0));
    }

    @Test
    void parsesEveryShapeOfKey()
    {
        final RiskConfig config = parse("""
            # comment
              risk.global.max_order_notional = 250000.5  \r
            risk.strategy.7.max_orders_per_second=20
            risk.instrument.BTCUSDT.price_band_bps = 75

            risk.daily_reset_utc = 21:30:15
            risk.daily_loss_breach_state = HALTED
            risk.feed.degraded_state = HALTED
            risk.feed.fallback_is_healthy = false
            risk.balance.check = venue
            risk.instrument.ETHUSDT.stop_loss_amount = 12.25
            risk.global.volatility_stop_multiple = 2.5
            """);
        assertEquals(e8("250000.5"), config.find(GLOBAL, "", RiskParameter.MAX_ORDER_NOTIONAL).value());
        assertEquals(20, config.find(STRATEGY, "7", RiskParameter.MAX_ORDERS_PER_SECOND).value());
        assertEquals(75, config.find(INSTRUMENT, "BTCUSDT", RiskParameter.PRICE_BAND_BPS).value());
        assertEquals(e8("12.25"), config.find(INSTRUMENT, "ETHUSDT", RiskParameter.STOP_LOSS_AMOUNT).value());
        assertEquals(250, config.find(GLOBAL, "", RiskParameter.VOLATILITY_STOP_MULTIPLE).value());
        assertEquals(((21 * 60 + 30) * 60 + 15) * 1_000_000_000L, config.dailyResetOffsetNs());
        assertEquals(TradingState.HALTED, config.dailyLossBreachState());
        assertEquals(TradingState.HALTED, config.feedDegradedState());
        assertFalse(config.fallbackFeedHealthy());
        assertTrue(config.balanceCheck());
        assertFalse(parse("").balanceCheck(), "off unless set");
        assertFalse(RiskConfigParser.parse("risk.balance.check = venue\n", "f",
            Map.of("FERRUM_RISK_BALANCE_CHECK", "off")).balanceCheck(), "the environment overrides it too");
    }

    @Test
    void environmentOverridesTheFile()
    {
        final RiskConfig config = RiskConfigParser.parse("risk.global.max_order_notional = 100\n", "f", Map.of(
            "FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL", "5000",
            "FERRUM_RISK_STRATEGY_3_MAX_OPEN_ORDERS", "4",
            "FERRUM_RISK_INSTRUMENT_BTCUSDT_TRAILING_STOP_BPS", "150",
            "FERRUM_RISK_INSTRUMENT_BTCUSDT_STOP_LOSS_BPS", "90",
            "FERRUM_RISK_DAILY_RESET_UTC", "06:00",
            "PATH", "/usr/bin",
            "FERRUM_OTHER_THING", "x"));
        assertEquals(e8("5000"), config.find(GLOBAL, "", RiskParameter.MAX_ORDER_NOTIONAL).value());
        assertEquals(4, config.find(STRATEGY, "3", RiskParameter.MAX_OPEN_ORDERS).value());
        assertEquals(150, config.find(INSTRUMENT, "BTCUSDT", RiskParameter.TRAILING_STOP_BPS).value());
        assertEquals(90, config.find(INSTRUMENT, "BTCUSDT", RiskParameter.STOP_LOSS_BPS).value());
        assertEquals(6 * 3600 * 1_000_000_000L, config.dailyResetOffsetNs());
        assertEquals("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL",
            RiskConfigParser.environmentVariableOf("risk.global.max_order_notional"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        risk.global.max_order_notionl = 5                 | unknown limit 'max_order_notionl'
        risk.globl.max_order_notional = 5                 | unknown key
        risk.global.max_order_notional = -5               | negative limit
        risk.global.max_order_notional = 12abc            | not a plain decimal
        risk.global.max_order_notional = 1e6              | not a plain decimal
        risk.global.max_order_notional =                  | empty string
        risk.global.max_order_notional = 99999999999999999999 | does not fit
        risk.global.max_order_notional = 0.000000001      | more significant decimals
        risk.global.max_open_orders = 2.5                 | more significant decimals
        risk.global.max_open_orders = 99999999999         | at most 2147483647
        risk.global.max_orders_per_second = 100001        | at most 100000
        risk.global.max_drawdown_pct = 101                | at most 100
        risk.global.max_order_quantity = 1                | can only be set per strategy, instrument
        risk.strategy.1.max_drawdown_pct = 5              | can only be set per global
        risk.strategy.64.max_open_orders = 5              | strategy id 64 is not below
        risk.strategy.-1.max_open_orders = 5              | malformed key
        risk.instrument.BTC-USDT.max_open_orders = 5      | malformed key
        risk.instrument.BTCUSDTBTCUSDTBTCUSDT.max_open_orders = 5 | unknown key
        risk.strategy.1.2.max_open_orders = 5             | unknown key
        risk.strategy.007.max_open_orders = 5             | unknown key
        risk.global.stop_loss_bps = 0                     | must be in [1, 10000]
        risk.global.max_holding_seconds = 999999999999    | must be in [1,
        risk.daily_reset_utc = 24:00                      | not a time of day
        risk.daily_reset_utc = noon                       | expected HH:MM
        risk.daily_loss_breach_state = ACTIVE             | expected REDUCING or HALTED
        risk.feed.fallback_is_healthy = yes               | expected true or false
        risk.balance.check = on                           | expected venue or off
        risk.capacity.strategies = 0                      | must be in [1, 4096]
        risk.capacity.instruments = 10000000              | must be in [1, 65536]
        risk.volatility.window = 1                        | must be in [2, 10000]
        just some words                                   | expected 'key = value'
        risk.global.max open = 3                          | malformed key
        """)
    void refusesWithKeyAndProblem(final String line, final String problem)
    {
        final String message = refusal(line + "\n");
        assertTrue(message.contains(problem), message);
        assertTrue(message.startsWith("risk.properties:1"), message);
    }

    @Test
    void refusesDuplicatesNamingBothLines()
    {
        final String message = refusal("risk.global.max_open_orders = 3\n\nrisk.global.max_open_orders = 4\n");
        assertTrue(message.startsWith("risk.properties:3:") && message.contains("(first on line 1)"), message);
    }

    @Test
    void refusesUnknownEnvironmentVariables()
    {
        final String message = refusal("", Map.of("FERRUM_RISK_GLOBAL_MAX_NOTIONAL", "5"));
        assertTrue(message.contains("FERRUM_RISK_GLOBAL_MAX_NOTIONAL"), message);
        assertTrue(refusal("", Map.of("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL", "lots")).contains("environment"));
        assertTrue(refusal("", Map.of("FERRUM_RISK_STRATEGY__MAX_OPEN_ORDERS", "5")).contains("not a risk"));
    }

    @Test
    void refusesUnknownSymbolWhenBuildingTheManager()
    {
        final RiskConfig config = parse("risk.instrument.DOGEUSDT.max_open_orders = 3\n");
        final RiskConfigException ex = assertThrows(RiskConfigException.class,
            () -> new RiskManager(config, Risk::instrumentId, (s, i, r, p, q, l, t) -> { }));
        assertTrue(ex.getMessage().contains("risk.instrument.DOGEUSDT.max_open_orders"), ex.getMessage());
        assertTrue(ex.getMessage().contains("unknown instrument"), ex.getMessage());
    }

    @Test
    void refusesTwoNamesForTheSameInstrumentLimit()
    {
        final RiskConfig config = parse("risk.instrument.BTCUSDT.max_open_orders = 3\nrisk.instrument.1.max_open_orders = 9\n");
        final RiskConfigException ex = assertThrows(RiskConfigException.class,
            () -> new RiskManager(config, Risk::instrumentId, (s, i, r, p, q, l, t) -> { }));
        assertTrue(ex.getMessage().contains("risk.instrument.1.max_open_orders"), ex.getMessage());
    }

    @Test
    void hostileFiles(@TempDir final Path dir) throws IOException
    {
        final Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] { (byte)0xff, (byte)0xfe, 0, 1, 2 });
        assertTrue(assertThrows(RiskConfigException.class, () -> RiskConfigParser.load(binary, Map.of()))
            .getMessage().contains("not UTF-8"));

        final Path huge = dir.resolve("huge");
        Files.write(huge, new byte[io.ferrum.codecs.config.ConfigFile.MAX_CHARS + 1]);
        assertTrue(assertThrows(RiskConfigException.class, () -> RiskConfigParser.load(huge, Map.of()))
            .getMessage().contains("larger than"));

        final Path missing = dir.resolve("missing");
        assertTrue(assertThrows(RiskConfigException.class, () -> RiskConfigParser.load(missing, Map.of()))
            .getMessage().contains("cannot read"));

        final String control = refusal("risk.global.max_open_orders = \u001b[31m3\n");
        assertFalse(control.contains("\u001b"), "control characters are not echoed");

        final Path empty = dir.resolve("empty");
        Files.writeString(empty, "");
        assertNotNull(RiskConfigParser.load(empty, Map.of()));
    }

    static Path repoRoot()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config")))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new IllegalStateException("no config/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
