package io.ferrum.ops.node;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.risk.RiskParameter;
import io.ferrum.sequencer.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSettingsTest
{
    private static final long UNIT = 100_000_000L; // money exponent -8

    @TempDir
    Path dir;

    @Test
    void aMemberKeepsTheLimitsItStartedWithAndARestartOrReplayRunsUnderThemWhateverItsEnvironment() throws Exception
    {
        final Path file = dir.resolve("risk.conf");
        Files.writeString(file, "risk.global.max_order_notional = 1000\n");
        final Map<String, String> settings = Map.of("risk.config", file.toString());
        final Path member = dir.resolve("member-0");

        final List<String> warnings = new ArrayList<>();
        final EngineSettings first = EngineSettings.parse(settings, "cluster.conf",
            Map.of("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL", "50")).keepRiskIn(member, warnings::add);
        assertEquals(50 * UNIT, maxOrderNotional(first));
        assertTrue(Files.exists(member.resolve(EngineSettings.RISK_FILE_NAME)));
        assertEquals(List.of(), warnings);

        // restarted without the override: the journal's limits stay, and the operator is told
        final EngineSettings restarted = EngineSettings.parse(settings, "cluster.conf", Map.of()).keepRiskIn(member, warnings::add);
        assertEquals(50 * UNIT, maxOrderNotional(restarted));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("differ"), warnings.get(0));

        // ./ferrum replay reads the cluster file without environment, then the member's kept limits
        final EngineSettings replay = EngineSettings.parse(settings, "cluster.conf").withRiskKeptIn(member);
        assertEquals(50 * UNIT, maxOrderNotional(replay));
        assertEquals(1000 * UNIT, maxOrderNotional(EngineSettings.parse(settings, "cluster.conf")));
    }

    @Test
    void engineStrategiesLoadsAStrategiesFileAndRefusesItBesideTheSampleKeys() throws Exception
    {
        final String samples = Path.of("../../config/strategies.properties").toString();
        final io.ferrum.engine.Engine fromFile = EngineSettings.parse(Map.of("strategies", samples), "cluster.conf")
            .newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final io.ferrum.engine.Engine fromKeys = EngineSettings.parse(pairs(
            "marketmaker.strategyId", "1", "marketmaker.instrumentId", "2", "marketmaker.quoteQuantity", "1000000000",
            "marketmaker.halfSpreadTicks", "1", "marketmaker.maxPosition", "5000000000", "marketmaker.maxSkewTicks", "3",
            "momentum.strategyId", "2", "momentum.instrumentId", "4", "momentum.lookbackTrades", "5",
            "momentum.thresholdBps", "2", "momentum.orderQuantity", "1000000000", "momentum.maxPosition", "3000000000",
            "momentum.holdNs", "30000000000", "momentum.cooldownNs", "2000000000"), "cluster.conf")
            .newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        assertEquals(fromKeys.stateHash(), fromFile.stateHash());

        assertTrue(assertThrows(ConfigException.class, () -> EngineSettings.parse(
            Map.of("strategies", samples, "momentum.instrumentId", "4"), "cluster.conf")).getMessage()
            .contains("engine.strategies and engine.marketmaker./engine.momentum. keys do not go together"));
        final Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "strategy.x.class = com.desk.Missing\n");
        assertTrue(assertThrows(ConfigException.class, () -> EngineSettings.parse(
            Map.of("strategies", bad.toString()), "cluster.conf")).getMessage()
            .contains("bad.properties:1: strategy 'x': class com.desk.Missing is not in"));
    }

    private static Map<String, String> pairs(final String... keysAndValues)
    {
        final Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void withoutARiskFileTheEngineRunsWithoutLimitsAndKeepsNothing() throws Exception
    {
        final EngineSettings settings = EngineSettings.parse(Map.of(), "cluster.conf").keepRiskIn(dir, warning -> { });
        assertNull(settings.riskText());
        assertEquals(Long.MAX_VALUE, maxOrderNotional(settings));
        assertEquals(0, Files.list(dir).count());
    }

    @Test
    void badRiskSettingsAreRefusedNamingTheFileAndKey() throws Exception
    {
        final ConfigException missing = assertThrows(ConfigException.class,
            () -> EngineSettings.parse(Map.of("risk.config", dir.resolve("none").toString()), "cluster.conf"));
        assertTrue(missing.getMessage().contains("cluster.conf") && missing.getMessage().contains("none"), missing.getMessage());

        final Path file = dir.resolve("risk.conf");
        Files.writeString(file, "risk.global.max_order_notional = 1000\n");
        final ConfigException env = assertThrows(ConfigException.class, () -> EngineSettings.parse(
            Map.of("risk.config", file.toString()), "cluster.conf", Map.of("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL", "-1")));
        assertTrue(env.getMessage().contains("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL"), env.getMessage());

        Files.writeString(file, "risk.capacity.instruments = 1\n");
        final ConfigException capacity = assertThrows(ConfigException.class,
            () -> EngineSettings.parse(Map.of("risk.config", file.toString()), "cluster.conf"));
        assertTrue(capacity.getMessage().contains("capacity"), capacity.getMessage());
    }

    private static long maxOrderNotional(final EngineSettings settings)
    {
        return ((RiskPreTradeCheck)settings.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS)
            .preTradeCheck()).riskManager().limit(RiskParameter.MAX_ORDER_NOTIONAL, Scope.GLOBAL, 0);
    }
}
