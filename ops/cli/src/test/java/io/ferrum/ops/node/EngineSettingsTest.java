package io.ferrum.ops.node;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;
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
        final List<ConfigFile.Entry> settings = entries("risk.config = " + file);
        final Path member = dir.resolve("member-0");

        final List<String> warnings = new ArrayList<>();
        final EngineSettings first = EngineSettings.parse(settings,
            Map.of("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL", "50")).keepRiskIn(member, warnings::add);
        assertEquals(50 * UNIT, maxOrderNotional(first));
        assertTrue(Files.exists(member.resolve(EngineSettings.RISK_FILE_NAME)));
        assertEquals(List.of(), warnings);

        // restarted without the override: the journal's limits stay, and the operator is told
        final EngineSettings restarted = EngineSettings.parse(settings, Map.of()).keepRiskIn(member, warnings::add);
        assertEquals(50 * UNIT, maxOrderNotional(restarted));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("differ"), warnings.get(0));

        // ./ferrum replay reads the cluster file without environment, then the member's kept limits
        final EngineSettings replay = EngineSettings.parse(settings).withRiskKeptIn(member);
        assertEquals(50 * UNIT, maxOrderNotional(replay));
        assertEquals(1000 * UNIT, maxOrderNotional(EngineSettings.parse(settings)));
    }

    /** A member on the Binance venue runs the balance rule, keeps it with its limits, and a replay decides under it. */
    @Test
    void onTheBinanceVenueTheBalanceRuleIsKeptWithTheLimitsForReplays() throws Exception
    {
        final Path member = dir.resolve("member-0");
        final EngineSettings node = EngineSettings.parse(List.of(), Map.of()).withVenueBalances()
            .keepRiskIn(member, warning -> { });
        assertEquals("risk.balance.check = venue\n", node.riskText());
        assertEquals(node.riskText(), Files.readString(member.resolve(EngineSettings.RISK_FILE_NAME)));
        final String replay = EngineSettings.parse(List.of()).withRiskKeptIn(member).riskText();
        assertTrue(io.ferrum.risk.RiskConfigParser.parse(replay, "kept", Map.of()).balanceCheck(), replay);
        assertNull(EngineSettings.parse(List.of(), Map.of()).riskText(), "the paper venue: no limits, no rule");
    }

    @Test
    void engineStrategiesLoadsAStrategiesFileAndTheSamplesOwnKeysAreRefusedNamingTheReplacement() throws Exception
    {
        final String samples = Path.of("../../config/strategies.properties").toString();
        final io.ferrum.engine.Engine fromFile = EngineSettings.parse(entries("strategies = " + samples))
            .newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        assertEquals(List.of(1, 2), EngineSettings.parse(entries("strategies = " + samples)).spec().strategyIds());
        assertTrue(fromFile.stateHash() != 0);

        final String legacy = assertThrows(ConfigException.class, () -> EngineSettings.parse(
            entries("instruments.resource = " + io.ferrum.engine.instrument.InstrumentRegistry.BINANCE_FIXTURES +
                "\nmomentum.instrumentId = 4"))).getMessage();
        assertTrue(legacy.startsWith("cluster.conf:2: key 'engine.momentum.instrumentId' is no longer read") &&
            legacy.contains("strategy.momentum.class = io.ferrum.engine.strategy.momentum.MomentumTaker") &&
            legacy.contains("'engine.strategies'"), legacy);
        final String unknown = assertThrows(ConfigException.class, () -> EngineSettings.parse(entries("strategy = x")))
            .getMessage();
        assertTrue(unknown.startsWith("cluster.conf:1: key 'engine.strategy' is unknown: expected one of [engine.instruments,"), unknown);
        final Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "strategy.x.class = com.desk.Missing\n");
        assertTrue(assertThrows(ConfigException.class, () -> EngineSettings.parse(entries("strategies = " + bad)))
            .getMessage().contains("bad.properties:1: strategy 'x': class com.desk.Missing is not in"));
    }

    private static List<ConfigFile.Entry> entries(final String text)
    {
        return ConfigFile.parse(text.replaceAll("(?m)^", "engine."), "cluster.conf").entries();
    }

    @Test
    void withoutARiskFileTheEngineRunsWithoutLimitsAndKeepsNothing() throws Exception
    {
        final EngineSettings settings = EngineSettings.parse(List.of()).keepRiskIn(dir, warning -> { });
        assertNull(settings.riskText());
        assertEquals(Long.MAX_VALUE, maxOrderNotional(settings));
        assertEquals(0, Files.list(dir).count());
    }

    @Test
    void badRiskSettingsAreRefusedNamingTheFileAndKey() throws Exception
    {
        final ConfigException missing = assertThrows(ConfigException.class,
            () -> EngineSettings.parse(entries("risk.config = " + dir.resolve("none"))));
        assertTrue(missing.getMessage().contains("cluster.conf") && missing.getMessage().contains("none"), missing.getMessage());

        final Path file = dir.resolve("risk.conf");
        Files.writeString(file, "risk.global.max_order_notional = 1000\n");
        final ConfigException env = assertThrows(ConfigException.class, () -> EngineSettings.parse(
            entries("risk.config = " + file), Map.of("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL", "-1")));
        assertTrue(env.getMessage().contains("FERRUM_RISK_GLOBAL_MAX_ORDER_NOTIONAL"), env.getMessage());

        Files.writeString(file, "risk.capacity.instruments = 1\n");
        final ConfigException capacity = assertThrows(ConfigException.class,
            () -> EngineSettings.parse(entries("risk.config = " + file)));
        assertTrue(capacity.getMessage().contains("capacity"), capacity.getMessage());
    }

    private static long maxOrderNotional(final EngineSettings settings)
    {
        return ((RiskPreTradeCheck)settings.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS)
            .preTradeCheck()).riskManager().limit(RiskParameter.MAX_ORDER_NOTIONAL, Scope.GLOBAL, 0);
    }
}
