package io.ferrum.ops.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentsTest
{
    @Test
    void readsOptionsValuesAndPositionals()
    {
        final Arguments a = new Arguments(List.of(
            "BTCUSDT", "--ws", "ws://127.0.0.1:1", "--events", "--symbols", " btcusdt, ,ethusdt ",
            "--until-idle", "500ms", "--duration", "3s", "--timeout", "2m", "--port", "0", "--speed", "2.5", "--n", "-7"));
        assertEquals("BTCUSDT", a.next());
        assertFalse(a.isOption());
        assertEquals("--ws", a.next());
        assertEquals("ws://127.0.0.1:1", a.value());
        assertEquals("--events", a.next());
        assertTrue(a.isOption());
        a.next();
        assertEquals(List.of("BTCUSDT", "ETHUSDT"), a.list(true));
        a.next();
        assertEquals(Duration.ofMillis(500), a.duration());
        a.next();
        assertEquals(Duration.ofSeconds(3), a.duration());
        a.next();
        assertEquals(Duration.ofMinutes(2), a.duration());
        a.next();
        assertEquals(0, a.port());
        a.next();
        assertEquals(2.5, a.decimal());
        a.next();
        assertEquals(-7, a.intValue());
        assertFalse(a.hasNext());
    }

    @Test
    void refusesWhatTheUserGotWrongNamingTheOption()
    {
        assertEquals("--ws needs a value", usageError(List.of("--ws"), Arguments::value));
        assertEquals("--ws needs a value", usageError(List.of("--ws", "--rest", "x"), Arguments::value));
        assertEquals("--n needs an integer: 'ten'", usageError(List.of("--n", "ten"), Arguments::longValue));
        assertEquals("--n out of range: 4294967296", usageError(List.of("--n", "4294967296"), Arguments::intValue));
        assertEquals("--n must be positive: 0", usageError(List.of("--n", "0"), Arguments::positiveLong));
        assertEquals("--port port out of range: 70000", usageError(List.of("--port", "70000"), Arguments::port));
        assertEquals("--port needs an integer: 'http'", usageError(List.of("--port", "http"), Arguments::port));
        assertEquals("--speed needs a number: 'fast'", usageError(List.of("--speed", "fast"), Arguments::decimal));
        assertEquals("--symbols needs a list: ' , '", usageError(List.of("--symbols", " , "), a -> a.list(true)));
        for (final String bad : List.of("3", "s", "3h", "1.5s", "99999999999999999999ms", "9223372036854775807m"))
        {
            assertEquals("--d needs a duration (500ms, 3s, 2m): '" + bad + "'",
                usageError(List.of("--d", bad), Arguments::duration), bad);
        }
        assertEquals("--d must be positive: '0s'", usageError(List.of("--d", "0s"), Arguments::duration));
        assertEquals("--d must be positive: '-5ms'", usageError(List.of("--d", "-5ms"), Arguments::duration));
        assertEquals("unknown option: --bogus", usageError(List.of("--bogus"), Arguments::unknown));
        assertEquals("unexpected argument: extra", usageError(List.of("extra"), Arguments::unknown));
    }

    private static String usageError(final List<String> args, final java.util.function.Function<Arguments, Object> read)
    {
        final Arguments a = new Arguments(args);
        a.next();
        return assertThrows(UsageException.class, () ->
        {
            final Object result = read.apply(a);
            if (result instanceof UsageException)
            {
                throw (UsageException)result;
            }
        }).getMessage();
    }
}
