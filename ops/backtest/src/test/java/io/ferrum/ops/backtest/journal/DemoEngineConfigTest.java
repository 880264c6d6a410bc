package io.ferrum.ops.backtest.journal;

import io.ferrum.codecs.sbe.Scope;
import io.ferrum.engine.Engine;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.risk.RiskConfigException;
import io.ferrum.risk.RiskManager;
import io.ferrum.risk.RiskParameter;
import io.ferrum.sequencer.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoEngineConfigTest
{
    @TempDir
    Path dir;

    @Test
    void theJournalKeepsTheLimitsWithTheLiveEnvironmentsOverridesSoAReplayNeedsNoEnvironment() throws Exception
    {
        final Path file = dir.resolve("limits.properties");
        Files.writeString(file, "# desk limits\nrisk.global.max_order_notional = 1000\nrisk.global.max_open_orders = 9\n");
        final Map<String, String> liveEnvironment = Map.of(
            "FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL", "50",
            "FERRUM_RISK_STRATEGY_2_MAX_OPEN_ORDERS", "3",
            "PATH", "/usr/bin");
        final DemoEngineConfig live = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT").withRiskConfig(file, liveEnvironment);
        final Path journal = Files.createDirectory(dir.resolve("journal"));
        live.write(journal);
        Files.delete(file); // a replay must not need the operator's file either

        final DemoEngineConfig replayed = DemoEngineConfig.read(journal);
        for (final DemoEngineConfig config : new DemoEngineConfig[] {live, replayed})
        {
            final RiskManager risk = riskOf(config);
            assertEquals(50L * 100_000_000L, risk.limit(RiskParameter.MAX_ORDER_NOTIONAL, Scope.GLOBAL, 0), "override");
            assertEquals(9, risk.limit(RiskParameter.MAX_OPEN_ORDERS, Scope.GLOBAL, 0), "file value kept");
            assertEquals(3, risk.limit(RiskParameter.MAX_OPEN_ORDERS, Scope.STRATEGY, 2), "override of a key the file lacks");
        }
        final String kept = Files.readString(journal.resolve(DemoEngineConfig.RISK_FILE_NAME));
        assertTrue(kept.contains("# from the environment FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL\nrisk.global.max_order_notional = 50\n"), kept);
        assertFalse(kept.contains("1000"), kept);
        assertFalse(kept.contains("PATH"), kept);
    }

    @Test
    void theDefaultsAreConfigStrategiesPropertiesAndTheJournalKeepsThem() throws Exception
    {
        final DemoEngineConfig defaults = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT");
        final DemoEngineConfig file = defaults.withStrategies(Path.of("../../config/strategies.properties"),
            io.ferrum.engine.loader.StrategyJars.none());
        assertEquals(defaults.manifest(), file.manifest());
        assertEquals(java.util.List.of("ZILUSDT", "DENTUSDT"), file.tradedSymbols());

        final Path journal = Files.createDirectory(dir.resolve("journal"));
        file.write(journal);
        final DemoEngineConfig replayed = DemoEngineConfig.read(journal);
        assertEquals(file.manifest(), replayed.manifest());
        final Engine a = file.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final Engine b = replayed.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        assertEquals(a.stateHash(), b.stateHash());
    }

    @Test
    void aHostileOverrideIsRefusedBeforeAnythingIsWrittenAndNamesTheVariable()
    {
        final Path file = dir.resolve("limits.properties");
        assertThrows(RiskConfigException.class, () -> DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT")
            .withRiskConfig(file, Map.of()), "missing file");
        final RiskConfigException injected = assertThrows(RiskConfigException.class, () ->
        {
            Files.writeString(file, "risk.global.max_open_orders = 9\n");
            DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT").withRiskConfig(file,
                Map.of("FERRUM_RISK_GLOBAL_MAX_OPEN_ORDERS", "5\nrisk.global.max_order_notional = 0"));
        });
        assertTrue(injected.getMessage().contains("FERRUM_RISK_GLOBAL_MAX_OPEN_ORDERS"), injected.getMessage());
        final RiskConfigException unknown = assertThrows(RiskConfigException.class, () -> DemoEngineConfig
            .defaults("ZILUSDT", "DENTUSDT").withRiskConfig(file, Map.of("FERRUM_RISK_GLOBAL_MAX_LEVERAGE", "2")));
        assertTrue(unknown.getMessage().contains("FERRUM_RISK_GLOBAL_MAX_LEVERAGE"), unknown.getMessage());
    }

    @Test
    void aTamperedJournalFileIsRefusedWithItsPath() throws Exception
    {
        final Path file = dir.resolve("limits.properties");
        Files.writeString(file, "risk.global.max_open_orders = 9\n");
        final Path journal = Files.createDirectory(dir.resolve("journal"));
        DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT").withRiskConfig(file, Map.of()).write(journal);
        Files.writeString(journal.resolve(DemoEngineConfig.RISK_FILE_NAME), "risk.global.max_open_orders = many\n");
        final RiskConfigException ex = assertThrows(RiskConfigException.class, () -> DemoEngineConfig.read(journal));
        assertTrue(ex.getMessage().contains(DemoEngineConfig.RISK_FILE_NAME) && ex.getMessage().contains("max_open_orders"),
            ex.getMessage());
    }

    private static RiskManager riskOf(final DemoEngineConfig config)
    {
        final Engine engine = config.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        return ((RiskPreTradeCheck)engine.preTradeCheck()).riskManager();
    }
}
