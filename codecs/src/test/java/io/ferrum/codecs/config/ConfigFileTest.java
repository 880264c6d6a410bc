package io.ferrum.codecs.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest
{
    @Test
    void readsKeysValuesAndLinesInFileOrder()
    {
        final ConfigFile file = ConfigFile.parse(
            "# a comment\n\n  cluster.dir = /data/ferrum  \r\nring.size=8192 # inline comment\nrisk.url = a#b\n", "f.conf");

        assertEquals(List.of(
            new ConfigFile.Entry("cluster.dir", "/data/ferrum", "f.conf", 3),
            new ConfigFile.Entry("ring.size", "8192", "f.conf", 4),
            new ConfigFile.Entry("risk.url", "a#b", "f.conf", 5)), file.entries());
        assertEquals("f.conf:4", file.entries().get(1).where());
    }

    @Test
    void emptyValueIsAValue()
    {
        assertEquals("", ConfigFile.parse("cluster.backup =", "f").entries().get(0).value());
    }

    @Test
    void repeatedKeyNamesBothLines()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigFile.parse("a = 1\nb = 2\na = 3\n", "f.conf"));
        assertEquals("f.conf:3: key 'a' given twice (first on line 1)", ex.getMessage());
    }

    @Test
    void lineWithoutEqualsIsRefused()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigFile.parse("a = 1\njunk\n", "f"));
        assertEquals("f:2: expected 'key = value', got 'junk'", ex.getMessage());
    }

    @Test
    void malformedKeysAreRefusedAndEchoedSafely()
    {
        assertEquals("f:1: malformed key ''",
            assertThrows(ConfigException.class, () -> ConfigFile.parse("= 1", "f")).getMessage());
        assertEquals("f:1: malformed key 'a b'",
            assertThrows(ConfigException.class, () -> ConfigFile.parse("a b = 1", "f")).getMessage());
        final String hostile = "k\u001b[31m\u00e9" + "x".repeat(100);
        final String message = assertThrows(ConfigException.class,
            () -> ConfigFile.parse(hostile + " = 1", "f")).getMessage();
        assertTrue(message.startsWith("f:1: malformed key 'k?[31m?xxx"), message);
        assertTrue(message.endsWith("...'"), message);
    }

    @Test
    void controlCharactersInAValueAreRefused()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigFile.parse("token = ab\u0000cd", "f"));
        assertEquals("f:1: key 'token' has control characters in its value", ex.getMessage());
    }

    @Test
    void hugeInputIsRefusedBeforeParsing(@TempDir final Path dir) throws Exception
    {
        final String huge = "a = " + "1".repeat(ConfigFile.MAX_CHARS);
        assertThrows(ConfigException.class, () -> ConfigFile.parse(huge, "f"));
        final Path file = dir.resolve("huge.conf");
        Files.writeString(file, huge);
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigFile.read(file));
        assertTrue(ex.getMessage().contains("larger than"), ex.getMessage());
    }

    @Test
    void binaryFileIsNotText(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("binary.conf");
        Files.write(file, new byte[] { 'a', '=', (byte)0xff, (byte)0xfe, 0 });
        assertEquals(file + ": not UTF-8 text",
            assertThrows(ConfigException.class, () -> ConfigFile.read(file)).getMessage());
    }

    @Test
    void missingFileNamesIt(@TempDir final Path dir)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigFile.read(dir.resolve("absent.conf")));
        assertTrue(ex.getMessage().startsWith("cannot read configuration " + dir.resolve("absent.conf")),
            ex.getMessage());
    }

    @Test
    void entryErrorNamesWhereAndKey()
    {
        final ConfigFile.Entry entry = ConfigFile.parse("\nring.sise = 1", "node.conf").entries().get(0);
        assertEquals("node.conf:2: key 'ring.sise' unknown", entry.error("unknown").getMessage());
    }

    @Test
    void durations()
    {
        assertEquals(15_000_000L, ConfigValues.durationNs("k", "15ms", Long.MAX_VALUE));
        assertEquals(2_000_000_000L, ConfigValues.durationNs("k", "2s", Long.MAX_VALUE));
        assertEquals(300_000_000_000L, ConfigValues.durationNs("k", "5M", Long.MAX_VALUE));
        assertEquals(7L, ConfigValues.durationNs("k", "7ns", Long.MAX_VALUE));
        for (final String bad : new String[] { "", "5", "0s", "-1s", "1.5s", "s", "1d", "99999999999999999h" })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ConfigValues.durationNs("k", bad, 86_400_000_000_000L), bad);
            assertEquals("k must be a positive duration like 500ms, 1s or 15m: '" + bad + "'", ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.durationNs("k", "2s", 1_000_000_000L));
    }

    @Test
    void sizes()
    {
        assertEquals(65536, ConfigValues.size("k", "64k"));
        assertEquals(1 << 20, ConfigValues.size("k", "1M"));
        assertEquals(1 << 30, ConfigValues.size("k", "1g"));
        assertEquals(100, ConfigValues.size("k", "100"));
        assertEquals("k out of range 1..2g: '2g'",
            assertThrows(IllegalArgumentException.class, () -> ConfigValues.size("k", "2g")).getMessage());
        assertEquals("k out of range 1..2g: '0'",
            assertThrows(IllegalArgumentException.class, () -> ConfigValues.size("k", "0")).getMessage());
        for (final String bad : new String[] { "", "k", "1.5m", "1t", "99999999999999999999" })
        {
            assertThrows(IllegalArgumentException.class, () -> ConfigValues.size("k", bad), bad);
        }
    }

    @Test
    void integersAndBooleans()
    {
        assertEquals(-3, ConfigValues.integer("k", "-3"));
        assertEquals(1L << 40, ConfigValues.longValue("k", Long.toString(1L << 40)));
        assertEquals("k must be an integer: '3x'",
            assertThrows(IllegalArgumentException.class, () -> ConfigValues.integer("k", "3x")).getMessage());
        assertTrue(ConfigValues.bool("k", "TRUE"));
        assertEquals(false, ConfigValues.bool("k", "false"));
        assertEquals("k must be true or false: yes",
            assertThrows(IllegalArgumentException.class, () -> ConfigValues.bool("k", "yes")).getMessage());
    }
}
