package io.ferrum.engine.spec;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.risk.RiskConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSpecTest
{
    private static final String SAMPLES = "../../config/strategies.properties";
    private static final TimerScheduler NO_TIMERS = new TimerScheduler()
    {
        public boolean schedule(final long timerId, final long deadlineNs)
        {
            return true;
        }

        public boolean cancel(final long timerId)
        {
            return true;
        }
    };

    @TempDir
    Path dir;

    @Test
    void aSpecFileBuildsTheEngineWithPathsFromItsOwnDirectory() throws Exception
    {
        Files.copy(Path.of(SAMPLES), dir.resolve("strategies.properties"));
        Files.writeString(dir.resolve("risk.properties"), "risk.global.max_order_notional = 1000\n");
        final Path file = dir.resolve("engine.properties");
        Files.writeString(file, String.join("\n",
            "# the samples under a limit",
            "strategies = strategies.properties",
            "risk.config = risk.properties",
            "money.exponent = -8",
            "initial.equity = 500000000000", ""));

        final EngineSpec spec = EngineSpec.read(file, StrategyJars.none());
        assertEquals(List.of(1, 2), spec.strategyIds());
        assertEquals(InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES).size(), spec.instruments().size());
        assertTrue(spec.riskText().contains("risk.global.max_order_notional = 1000"), spec.riskText());
        final Engine engine = spec.newEngine((buffer, offset, length) -> true, NO_TIMERS);
        assertEquals(5_000L * 100_000_000L, engine.portfolio().initialEquity(), "initial.equity");
        assertEquals(List.of("ZILUSDT", "DENTUSDT"), spec.tradedSymbols());
        assertTrue(((RiskPreTradeCheck)engine.preTradeCheck()).riskManager() != null);

        // two engines of one spec are two engines: their own strategy instances, the same state
        final Engine other = spec.newEngine((buffer, offset, length) -> true, NO_TIMERS);
        assertEquals(engine.stateHash(), other.stateHash());
        assertTrue(engine.context().strategies().get(0) != other.context().strategies().get(0));
    }

    @Test
    void unknownRepeatedAndConflictingKeysAreRefusedNamingFileAndLine()
    {
        assertEquals("s:2: key 'strategy' is unknown: expected one of [instruments, instruments.resource, strategies," +
            " risk.config, money.exponent, initial.equity]", refused("money.exponent = -8\nstrategy = x\n"));
        assertEquals("s:2: key 'money.exponent' given twice (first on line 1)",
            refused("money.exponent = -8\nmoney.exponent = -6\n"));
        assertTrue(refused("instruments = a.instruments\ninstruments.resource = " + InstrumentRegistry.BINANCE_FIXTURES)
            .startsWith("s:2: key 'instruments.resource' does not go with 'instruments'"));
        assertTrue(refused("money.exponent = eight").startsWith("s:1: key 'money.exponent' cannot be used:"));
        assertTrue(refused("initial.equity = -5").startsWith("s:1: key 'initial.equity' cannot be used:"));
        assertTrue(refused("instruments.resource = /no/such.instruments").contains("no class-path resource"));
    }

    @Test
    void theSamplesOwnKeysOfBeforeAreRefusedNamingWhatReplacesThem()
    {
        final String message = refused("strategies = x\nmarketmaker.quoteQuantity = 100000\n");
        assertTrue(message.startsWith("s:2: key 'marketmaker.quoteQuantity' is no longer read: the sample strategies load" +
            " as any strategy does, from a strategies file named by 'strategies' (strategy.marketmaker.class = " +
            "io.ferrum.engine.strategy.marketmaker.MarketMaker"), message);
        final ConfigException cluster = assertThrows(ConfigException.class, () -> EngineSpec.parse(
            ConfigFile.parse("engine.momentum.orderQuantity = 5", "cluster.conf").entries(), "engine.", dir, Map.of(),
            StrategyJars.none()));
        assertTrue(cluster.getMessage().startsWith("cluster.conf:1: key 'engine.momentum.orderQuantity' is no longer read") &&
            cluster.getMessage().contains("'engine.strategies'") &&
            cluster.getMessage().contains("io.ferrum.engine.strategy.momentum.MomentumTaker"), cluster.getMessage());
    }

    @Test
    void missingFilesAndBadLimitsKeepTheirKindAndPlace() throws Exception
    {
        final ConfigException missing = assertThrows(ConfigException.class, () -> spec("strategies = none.properties"));
        assertTrue(missing.getMessage().startsWith("s:1: "), missing.getMessage());
        final ConfigException instruments = assertThrows(ConfigException.class, () -> spec("instruments = none.instruments"));
        assertInstanceOf(NoSuchFileException.class, instruments.getCause(), "a missing file is no input, not a bad key");

        Files.writeString(dir.resolve("risk.properties"), "risk.global.max_open_orders = many\n");
        final RiskConfigException risk = assertThrows(RiskConfigException.class, () -> spec("risk.config = risk.properties"));
        assertTrue(risk.getMessage().startsWith("s:1: ") && risk.getMessage().contains("max_open_orders"), risk.getMessage());
        Files.writeString(dir.resolve("risk.properties"), "risk.capacity.instruments = 1\n");
        final RiskConfigException capacity =
            assertThrows(RiskConfigException.class, () -> spec("risk.config = risk.properties"));
        assertTrue(capacity.getMessage().contains("capacity"), capacity.getMessage());
    }

    @Test
    void theTextAJournalKeepsReadsBackAsTheSameSpec() throws Exception
    {
        Files.copy(Path.of(SAMPLES), dir.resolve("strategies.properties"));
        final EngineSpec spec = spec("strategies = strategies.properties\ninitial.equity = 700000000");
        final String text = spec.text("strategies.properties", "risk.properties");
        assertEquals("instruments.resource = " + InstrumentRegistry.BINANCE_FIXTURES + "\nmoney.exponent = -8\n" +
            "initial.equity = 700000000\nstrategies = strategies.properties\n", text);
        final EngineSpec again = spec(text);
        assertEquals(spec.manifest(), again.manifest());
        assertEquals(spec.newEngine((buffer, offset, length) -> true, NO_TIMERS).stateHash(),
            again.newEngine((buffer, offset, length) -> true, NO_TIMERS).stateHash());
        assertNull(EngineSpec.defaults().strategies());
        assertEquals(List.of(), EngineSpec.defaults().strategyIds());
    }

    private EngineSpec spec(final String text)
    {
        return EngineSpec.parse(ConfigFile.parse(text, "s").entries(), "", dir, Map.of(), StrategyJars.none());
    }

    private String refused(final String text)
    {
        return assertThrows(ConfigException.class, () -> spec(text)).getMessage();
    }

    /** The Binance venue's default: the balance rule on, in the risk text a journal keeps, unless the limits say. */
    @Test
    void aVenueWithBalancesTurnsTheBalanceRuleOnUnlessTheLimitsSetIt()
    {
        final EngineSpec bare = EngineSpec.defaults().withVenueBalances();
        assertEquals("risk.balance.check = venue\n", bare.riskText());
        final EngineSpec limited = EngineSpec.defaults().withRisk("risk.global.max_open_orders = 5", "risk.properties")
            .withVenueBalances();
        assertEquals("risk.global.max_open_orders = 5\nrisk.balance.check = venue\n", limited.riskText());
        assertEquals("risk.properties", limited.riskOrigin());
        final EngineSpec off = EngineSpec.defaults().withRisk("  risk.balance.check = off\n", "risk.properties");
        assertEquals(off.riskText(), off.withVenueBalances().riskText(), "the limits' own setting stands");
        assertTrue(bare.withVenueBalances().riskText().equals(bare.riskText()), "once");
    }
}
