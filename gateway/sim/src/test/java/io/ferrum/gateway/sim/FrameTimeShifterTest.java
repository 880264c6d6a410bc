package io.ferrum.gateway.sim;

import io.ferrum.gateway.Fixtures;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameTimeShifterTest
{
    private static final LongUnaryOperator PLUS_1000 = t -> t + 1000;

    private final FrameTimeShifter shifter = new FrameTimeShifter();

    @Test
    void movesTheTimesOfEachSpotEventAndNothingElse()
    {
        assertEquals("{\"stream\":\"x@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1617647604472,\"s\":\"X\"," +
                "\"U\":1617647603472,\"u\":5,\"b\":[[\"1617647603472\",\"1\"]],\"a\":[]}}",
            shift("{\"stream\":\"x@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1617647603472,\"s\":\"X\"," +
                "\"U\":1617647603472,\"u\":5,\"b\":[[\"1617647603472\",\"1\"]],\"a\":[]}}", PLUS_1000));
        assertEquals("{\"e\":\"aggTrade\",\"E\":2000,\"s\":\"X\",\"a\":7,\"p\":\"1.0\",\"T\":1999,\"m\":false}",
            shift("{\"e\":\"aggTrade\",\"E\":1000,\"s\":\"X\",\"a\":7,\"p\":\"1.0\",\"T\":999,\"m\":false}", PLUS_1000));
        assertEquals("{\"e\":\"trade\",\"E\":1100,\"t\":12,\"T\":1100}",
            shift("{\"e\":\"trade\",\"E\":100,\"t\":12,\"T\":100}", PLUS_1000), "t of a trade is its id");
        assertEquals("{\"e\":\"24hrTicker\",\"E\":1005,\"O\":1001,\"C\":1004,\"F\":3}",
            shift("{\"e\":\"24hrTicker\",\"E\":5,\"O\":1,\"C\":4,\"F\":3}", PLUS_1000));
        assertEquals("{\"data\":{\"e\":\"kline\",\"E\":1009,\"k\":{\"t\":1001,\"T\":1002,\"f\":3,\"x\":false}},\"stream\":\"k\"}",
            shift("{\"data\":{\"e\":\"kline\",\"E\":9,\"k\":{\"t\":1,\"T\":2,\"f\":3,\"x\":false}},\"stream\":\"k\"}", PLUS_1000));
    }

    @Test
    void leavesFramesWithoutTimesAsTheyAre()
    {
        final String bookTicker = "{\"stream\":\"x@bookTicker\",\"data\":{\"u\":4,\"s\":\"X\",\"b\":\"1\",\"B\":\"2\",\"a\":\"3\",\"A\":\"4\"}}";
        assertEquals(bookTicker, shift(bookTicker, PLUS_1000));
        final String partialDepth = "{\"lastUpdateId\":160,\"bids\":[[\"0.1\",\"2\"]],\"asks\":[]}";
        assertEquals(partialDepth, shift(partialDepth, PLUS_1000));
    }

    @Test
    void hostileFramesAreServedAsRecorded()
    {
        for (final String frame : List.of(
            "{\"e\":\"depthUpdate\",\"E\":\"1617647603472\"}",
            "{\"e\":\"depthUpdate\",\"E\":-5}",
            "{\"e\":\"depthUpdate\",\"E\":1.5}",
            "{\"e\":\"depthUpdate\",\"E\":1e3}",
            "{\"e\":\"depthUpdate\",\"E\":1234567890123456789012}",
            "{\"e\":\"depthUpdate\",\"E\":null}",
            "{\"e\":5,\"E\":100}",
            "{\"e\":\"depthUpdate\",\"E\":100",
            "{\"e\":\"depthUpdate\",\"E\":100,\"E\":100}",
            "{\"data\":[{\"e\":\"24hrTicker\",\"E\":100}]}",
            "{\"e\":\"kline\",\"E\":\"x\",\"k\":[1,2]}",
            "not json",
            ""))
        {
            assertEquals(frame, shift(frame, PLUS_1000), frame);
        }
        assertEquals("{\"e\":\"aggTrade\",\"E\":0,\"T\":5}", shift("{\"e\":\"aggTrade\",\"E\":0,\"T\":1005}", t -> t - 1000),
            "a time that would go below 0 stays");
    }

    @Test
    void aTimeChangingItsDigitCountMovesTheRestOfTheFrame()
    {
        assertEquals("{\"e\":\"aggTrade\",\"E\":1700000000000,\"a\":1,\"T\":1700000000001,\"m\":true}",
            shift("{\"e\":\"aggTrade\",\"E\":1,\"a\":1,\"T\":2,\"m\":true}", t -> t + 1_699_999_999_999L));
        assertEquals("{\"e\":\"aggTrade\",\"E\":1,\"T\":2}",
            shift("{\"e\":\"aggTrade\",\"E\":1700000000000,\"T\":1700000000001}", t -> t - 1_699_999_999_999L));
        final byte[] tight = "{\"e\":\"aggTrade\",\"E\":1,\"T\":2}".getBytes(StandardCharsets.US_ASCII);
        final int length = shifter.shift(new UnsafeBuffer(tight), 0, tight.length, t -> t + 1_699_999_999_999L);
        assertEquals("{\"e\":\"aggTrade\",\"E\":1,\"T\":2}", new String(tight, 0, length, StandardCharsets.US_ASCII),
            "no room to grow: the times stay as recorded");
    }

    @Test
    void everyRecordedFrameKeepsItsLength() throws Exception
    {
        for (final var file : Fixtures.replaySessions())
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                final String[] columns = line.split("\t", 4);
                if (columns.length == 4 && columns[1].equals("ws"))
                {
                    final String shifted = shift(columns[3], t -> t + 160_000_000_000L);
                    assertEquals(columns[3].length(), shifted.length(), columns[3]);
                    assertEquals(columns[3].contains("\"E\":"), !shifted.equals(columns[3]), columns[3]);
                }
            }
        }
    }

    private String shift(final String frame, final LongUnaryOperator clock)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + FrameTimeShifter.MAX_GROWTH + 8]);
        buffer.putBytes(4, bytes);
        final int length = shifter.shift(buffer, 4, bytes.length, clock);
        return buffer.getStringWithoutLengthAscii(4, length);
    }
}
