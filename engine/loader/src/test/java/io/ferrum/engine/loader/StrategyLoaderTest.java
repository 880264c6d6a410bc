package io.ferrum.engine.loader;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.strategy.StrategyApi;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyLoaderTest
{
    private static final String ECHO = "strategy.echo.class = desk.Echo\nstrategy.echo.strategyId = 7\n" +
        "strategy.echo.instrumentId = 1\nstrategy.echo.size = 100\n";

    @TempDir
    static Path dir;
    static Path deskJar;

    @BeforeAll
    static void buildTheDesksJar() throws IOException
    {
        deskJar = DeskJar.build(dir, "desk", Map.of(
            "desk.Echo", DeskJar.tradingStrategy("one"),
            "desk.NotAStrategy", "package desk; public final class NotAStrategy { " +
                "public NotAStrategy(io.ferrum.strategy.StrategyParameters p) {} }",
            "desk.NoConstructor", "package desk; public final class NoConstructor implements io.ferrum.strategy.Strategy {" +
                " public int strategyId() { return 3; } public void onStart(io.ferrum.strategy.StrategyContext c) {}" +
                " public int snapshotTo(org.agrona.MutableDirectBuffer b, int o) { return 0; }" +
                " public void restoreFrom(org.agrona.DirectBuffer b, int o, int l) {} }",
            "desk.BadStatic", "package desk; public final class BadStatic implements io.ferrum.strategy.Strategy {" +
                " static final int X = Integer.parseInt(\"x\");" +
                " public BadStatic(io.ferrum.strategy.StrategyParameters p) {}" +
                " public int strategyId() { return 3; } public void onStart(io.ferrum.strategy.StrategyContext c) {}" +
                " public int snapshotTo(org.agrona.MutableDirectBuffer b, int o) { return 0; }" +
                " public void restoreFrom(org.agrona.DirectBuffer b, int o, int l) {} }"));
    }

    @Test
    void theDefaultFileLoadsBothSamplesFromFerrumsOwnClasses()
    {
        final LoadedStrategies loaded = StrategyLoader.load(
            StrategiesFile.read(Path.of("../../config/strategies.properties")), StrategyJars.none());
        assertEquals(2, loaded.strategies().size());
        assertInstanceOf(MarketMaker.class, loaded.strategies().get(0));
        assertInstanceOf(MomentumTaker.class, loaded.strategies().get(1));
        final StrategyManifest.Item mm = loaded.manifest().items().get(0);
        assertEquals(1, mm.strategyId());
        assertEquals("mm", mm.name());
        assertEquals("", mm.jar());
        assertEquals("0".repeat(64), mm.sha256Hex());
        assertTrue(mm.parameters().contains("quoteQuantity = 1000000000\n"), mm.parameters());
    }

    @Test
    void aDesksJarIsLoadedHashedAndJournaledAndTheManifestSurvivesTheLog() throws Exception
    {
        final StrategyJars jars = StrategyJars.of(deskJar.toString(), "--classpath");
        final LoadedStrategies loaded = StrategyLoader.load(StrategiesFile.parse(ECHO, "desk.properties"), jars);
        assertEquals(7, loaded.strategies().get(0).strategyId());
        assertEquals("desk.Echo", loaded.strategies().get(0).getClass().getName());
        final StrategyManifest.Item item = loaded.manifest().items().get(0);
        assertEquals("desk.jar", item.jar());
        assertEquals(java.util.HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(deskJar))), item.sha256Hex());
        assertEquals("instrumentId = 1\nsize = 100\nstrategyId = 7\n", item.parameters());

        final byte[] bytes = loaded.manifest().encode(1L, 123L);
        assertTrue(StrategyManifest.isManifest(new UnsafeBuffer(bytes), 0, bytes.length));
        final StrategyManifest decoded = StrategyManifest.decode(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(loaded.manifest(), decoded);
        assertEquals(StrategyApi.MAJOR, decoded.apiMajor());
        assertEquals(List.of(), decoded.differences(loaded.manifest()));
        assertThrows(IllegalArgumentException.class,
            () -> StrategyManifest.decode(new UnsafeBuffer(bytes), 0, bytes.length - 5));
    }

    @Test
    void anotherBuildOfTheJarOrOtherParametersAreNamedAsDifferences() throws IOException
    {
        final StrategyManifest journaled = StrategyLoader.load(StrategiesFile.parse(ECHO, "a"),
            StrategyJars.of(deskJar.toString(), "--classpath")).manifest();
        final Path rebuilt = DeskJar.build(dir.resolve("rebuilt"), "desk", Map.of("desk.Echo", DeskJar.tradingStrategy("two")));
        final StrategyManifest here = StrategyLoader.load(StrategiesFile.parse(ECHO, "a"),
            StrategyJars.of(rebuilt.toString(), "FERRUM_CLASSPATH")).manifest();
        final List<String> differences = journaled.differences(here);
        assertEquals(1, differences.size());
        assertTrue(differences.get(0).startsWith("strategy 'echo' (id 7): desk.jar (SHA-256 " +
            journaled.items().get(0).sha256Hex() + ") in the journal, desk.jar (SHA-256 "), differences.get(0));

        final StrategyManifest otherSize = StrategyLoader.load(
            StrategiesFile.parse(ECHO.replace("size = 100", "size = 200"), "a"),
            StrategyJars.of(deskJar.toString(), "--classpath")).manifest();
        assertEquals(List.of("strategy 'echo' (id 7): other parameters: journal [instrumentId = 1;size = 100;" +
            "strategyId = 7], here [instrumentId = 1;size = 200;strategyId = 7]"), journaled.differences(otherSize));
        assertEquals(List.of("strategy 'echo' is in the journal, not loaded here"),
            journaled.differences(new StrategyManifest(StrategyApi.MAJOR, List.of())));
    }

    @Test
    void hostileStrategiesFilesAreRefusedWithFileAndLine()
    {
        assertRefused("s:1: key 'strategy.mm' is not strategy.<name>.class or strategy.<name>.<parameter>",
            "strategy.mm = x\n");
        assertRefused("s:1: key 'engine.x' is not strategy.<name>.class or strategy.<name>.<parameter>", "engine.x = 1\n");
        assertRefused("s:1: malformed key 'strategy.a b.class'", "strategy.a b.class = x\n");
        assertRefused("s:1: key 'strategy." + "x".repeat(65) + ".class' has a strategy name",
            "strategy." + "x".repeat(65) + ".class = x\n");
        assertRefused("s:2: key 'strategy.mm.class' given twice (first on line 1)", "strategy.mm.class = a\nstrategy.mm.class = b\n");
        assertRefused("s:1: strategy 'mm' has no strategy.mm.class line", "strategy.mm.size = 1\n");
        assertRefused("s: no strategy in it", "# nothing\n");
        assertRefused("s:1: expected 'key = value'", "strategy.mm.class\n");
    }

    @Test
    void classesThatAreNotStrategiesOrDoNotBuildAreRefusedWithTheirLine()
    {
        final StrategyJars jars = StrategyJars.of(deskJar.toString(), "FERRUM_CLASSPATH");
        assertLoadRefused("s:5: strategy 'b': class desk.Missing is not in Ferrum's classes and FERRUM_CLASSPATH [" +
            deskJar + "]", ECHO + "strategy.b.class = desk.Missing\n", jars);
        assertLoadRefused("s:1: strategy 'x': desk.NotAStrategy does not implement io.ferrum.strategy.Strategy",
            "strategy.x.class = desk.NotAStrategy\n", jars);
        assertLoadRefused("s:1: strategy 'x': desk.NoConstructor has no public constructor " +
            "(io.ferrum.strategy.StrategyParameters)", "strategy.x.class = desk.NoConstructor\n", jars);
        assertLoadRefused("s:1: strategy 'x': desk.BadStatic cannot be built: its static initialiser threw " +
            "java.lang.NumberFormatException", "strategy.x.class = desk.BadStatic\n",
            jars);
        assertLoadRefused("s:1: strategy 'x': desk.Echo refused its parameters: size must be positive: -5",
            "strategy.x.class = desk.Echo\nstrategy.x.strategyId = 3\nstrategy.x.size = -5\n", jars);
        assertLoadRefused("s:1: strategy 'x': desk.Echo has strategy id 0, not a positive one",
            "strategy.x.class = desk.Echo\n", jars);
        assertLoadRefused("s:1: strategy 'x': unknown key 'strategy.x.sise', expected strategy.x.<one of [instrumentId, " +
            "size, strategyId]>", "strategy.x.class = desk.Echo\nstrategy.x.strategyId = 3\nstrategy.x.sise = 5\n", jars);
        assertLoadRefused("s:5: strategy 'y': strategy id 7 is also strategy 'echo''s",
            ECHO + "strategy.y.class = desk.Echo\nstrategy.y.strategyId = 7\n", jars);
        assertLoadRefused("s:1: strategy 'x': io.ferrum.strategy.Strategy is not a public concrete class",
            "strategy.x.class = io.ferrum.strategy.Strategy\n", jars);
        assertLoadRefused("s:1: strategy 'x': io.ferrum.engine.strategy.marketmaker.MarketMaker refused its parameters: " +
            "invalid market maker parameters", "strategy.x.class = io.ferrum.engine.strategy.marketmaker.MarketMaker\n", jars);
    }

    @Test
    void missingCorruptOrDirectoryJarsAreRefused() throws IOException
    {
        final Path corrupt = dir.resolve("corrupt.jar");
        Files.write(corrupt, new byte[]{ 'P', 'K', 3, 4, 1, 2, 3 });
        final Path truncated = dir.resolve("truncated.jar");
        final byte[] whole = Files.readAllBytes(deskJar);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals("--classpath: " + dir.resolve("nope.jar") + " does not exist", assertThrows(ConfigException.class,
            () -> StrategyJars.of(dir.resolve("nope.jar").toString(), "--classpath")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> StrategyJars.of(corrupt.toString(), "--classpath"))
            .getMessage().startsWith("--classpath: " + corrupt + " is not a readable jar: "));
        assertTrue(assertThrows(ConfigException.class, () -> StrategyJars.of(truncated.toString(), "--classpath"))
            .getMessage().startsWith("--classpath: " + truncated + " is not a readable jar: "));
        assertEquals("FERRUM_CLASSPATH: " + dir + " is a directory; list the strategy jar files themselves",
            assertThrows(ConfigException.class, () -> StrategyJars.of(dir.toString(), "FERRUM_CLASSPATH")).getMessage());
        assertEquals(1, StrategyJars.of(File.pathSeparator + deskJar + File.pathSeparator, "x").jars().size());
        assertEquals(1, StrategyJars.resolve(null, Map.of("FERRUM_CLASSPATH", deskJar.toString())).jars().size());
        assertEquals(0, StrategyJars.resolve(null, Map.of()).jars().size());
    }

    private static void assertRefused(final String messageStart, final String text)
    {
        final String message = assertThrows(ConfigException.class, () -> StrategiesFile.parse(text, "s")).getMessage();
        assertTrue(message.startsWith(messageStart), message);
    }

    private static void assertLoadRefused(final String messageStart, final String text, final StrategyJars jars)
    {
        final StrategiesFile file = StrategiesFile.parse(text, "s");
        final String message = assertThrows(ConfigException.class, () -> StrategyLoader.load(file, jars)).getMessage();
        assertTrue(message.startsWith(messageStart), message);
    }
}
