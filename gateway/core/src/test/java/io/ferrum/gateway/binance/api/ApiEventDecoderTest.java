package io.ferrum.gateway.binance.api;

import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.AccountBalancesDecoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.tuning.jit.StringLiterals;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user data stream's executionReport, as user-data-stream.md shows it, becomes a Ferrum
 * ExecutionReport field for field; hostile events are counted, never thrown; and decoding allocates
 * nothing once warm (the thread's allocated-bytes counter over a million events).
 */
class ApiEventDecoderTest
{
    static String executionReport(final String clientOrderId, final String execType, final String status,
        final String lastQty, final String cumQty, final String lastPrice)
    {
        // user-data-stream.md's example, with a symbol of the fixture instruments and Ferrum's id format
        return "{\"e\":\"executionReport\",\"E\":1499405658658,\"s\":\"BTCUSDT\",\"c\":\"" + clientOrderId + "\"," +
            "\"S\":\"BUY\",\"o\":\"LIMIT\",\"f\":\"GTC\",\"q\":\"1.00000000\",\"p\":\"0.10264410\",\"P\":\"0.00000000\"," +
            "\"F\":\"0.00000000\",\"g\":-1,\"C\":\"\",\"x\":\"" + execType + "\",\"X\":\"" + status + "\",\"r\":\"NONE\"," +
            "\"i\":4293153,\"l\":\"" + lastQty + "\",\"z\":\"" + cumQty + "\",\"L\":\"" + lastPrice + "\",\"n\":\"0.00010000\"," +
            "\"N\":\"USDT\",\"T\":1499405658657,\"t\":77,\"v\":3,\"I\":8641984,\"w\":true,\"m\":true,\"M\":false," +
            "\"O\":1499405658657,\"Z\":\"0.00000000\",\"Y\":\"0.00000000\",\"Q\":\"0.00000000\",\"W\":1499405658657," +
            "\"V\":\"NONE\"}";
    }

    private final List<byte[]> published = new ArrayList<>();
    private final ApiEventDecoder decoder = new ApiEventDecoder(registry(), (buffer, offset, length) ->
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        published.add(copy);
        return true;
    }, 100, 1, -8, null);

    static InstrumentRegistry registry()
    {
        try
        {
            return InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private boolean decode(final String event)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(event.getBytes(StandardCharsets.UTF_8));
        return decoder.onEvent(buffer, 0, buffer.capacity(), 5L);
    }

    private ExecutionReportDecoder last()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(published.get(published.size() - 1));
        return new ExecutionReportDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
    }

    @Test
    void aPartialFillBecomesAnExecutionReport()
    {
        assertTrue(decode(executionReport("F42", "TRADE", "PARTIALLY_FILLED", "0.25000000", "0.25000000", "0.10264410")));
        final ExecutionReportDecoder report = last();
        assertEquals(100, report.source().sourceId());
        assertEquals(1, report.source().sequence());
        assertEquals(1_499_405_658_658_000_000L, report.source().eventTimeNs());
        assertEquals(1, report.instrumentId());
        assertEquals(42, report.clientOrderId());
        assertEquals(4293153, report.venueOrderId());
        assertEquals(ExecType.PARTIAL_FILL, report.execType());
        assertEquals(OrderStatus.PARTIALLY_FILLED, report.orderStatus());
        assertEquals(Side.BUY, report.side());
        assertEquals(10_264_410, report.lastPrice());
        assertEquals(25_000_000, report.lastQuantity());
        assertEquals(25_000_000, report.cumulativeQuantity());
        assertEquals(75_000_000, report.leavesQuantity());
        assertEquals(10_000, report.fee());
        assertEquals(Liquidity.MAKER, report.liquidity());
        assertEquals(77, report.tradeId());
    }

    @Test
    void aCancelNamesTheOriginalOrderAndEndsIt()
    {
        final String cancel = executionReport("web_cancel_id", "CANCELED", "CANCELED", "0.00000000", "0.00000000",
            "0.00000000").replace("\"C\":\"\"", "\"C\":\"F42\"");
        assertTrue(decode(cancel));
        assertEquals(42, last().clientOrderId());
        assertEquals(ExecType.CANCELED, last().execType());
        assertEquals(0, last().leavesQuantity());
        assertEquals(0, last().lastQuantity());
    }

    @Test
    void anOrderFerrumDidNotPlaceGoesOnTheLogWithoutAClientOrderId()
    {
        assertTrue(decode(executionReport("mUvoqJxFIILMdfAW5iGSOW", "NEW", "NEW", "0.00000000", "0.00000000", "0.00000000")));
        assertEquals(0, last().clientOrderId());
        assertEquals(1, decoder.foreignOrders());
    }

    @Test
    void hostileEventsAreCountedNeverThrown()
    {
        final String good = executionReport("F1", "NEW", "NEW", "0.00000000", "0.00000000", "0.00000000");
        final String[] malformed = {
            "", "{", "[1,2]", "{\"e\":}", good.substring(0, good.length() / 2), "{\"e\":\"executionReport\"}",
            good.replace("\"i\":4293153", "\"i\":\"x\""), good.replace("\"q\":\"1.00000000\"", "\"q\":\"1e5\""),
            good.replace("\"X\":\"NEW\"", "\"X\":\"WHATEVER\""), good.replace("\"e\":", "\"e\":\"a\",\"e\":"),
            "{\"e\":12}", good.replace("\"z\":\"0.00000000\"", "\"z\":\"99999999999999999999.0\""),
        };
        int refused = 0;
        for (final String event : malformed)
        {
            refused += decode(event) ? 0 : 1;
        }
        assertEquals(malformed.length, refused);
        assertTrue(published.isEmpty());
        assertTrue(decode(good.replace("\"V\":\"NONE\"", "\"V\":\"NONE\",\"unknownField\":[1,{\"a\":2}],\"zz\":null")),
            "unknown fields are skipped");
        assertTrue(decode(good.replace("BTCUSDT", "NOSUCHSYMBOL")));
        assertEquals(1, decoder.unknownSymbols());
        assertTrue(decode("{\"e\":\"listStatus\",\"E\":1}"));
        assertEquals(1, decoder.ignored());
        assertTrue(decode("{\"e\":\"outboundAccountPosition\",\"E\":1,\"u\":1,\"B\":[{\"a\":\"ETH\",\"f\":\"1.0\",\"l\":\"0.0\"}]}"));
        assertEquals(1, decoder.accountPositions());
        assertEquals(2, published.size(), "the report of the unknown fields' event and the balances");
    }

    /** user-data-stream.md's outboundAccountPosition, with a second asset. */
    static final String ACCOUNT_POSITION = "{\"e\":\"outboundAccountPosition\",\"E\":1564034571105,\"u\":1564034571073," +
        "\"B\":[{\"a\":\"ETH\",\"f\":\"10000.000000\",\"l\":\"0.000000\"}," +
        "{\"a\":\"USDT\",\"f\":\"12.34567891\",\"l\":\"0.5\"}]}";

    @Test
    void anAccountPositionBecomesAccountBalancesOfTheAssetsThatChanged()
    {
        assertTrue(decode(ACCOUNT_POSITION));
        final AccountBalancesDecoder balances = new AccountBalancesDecoder().wrapAndApplyHeader(
            new UnsafeBuffer(published.get(0)), 0, new MessageHeaderDecoder());
        assertEquals(100, balances.source().sourceId());
        assertEquals(1, balances.source().sequence());
        assertEquals(BalanceUpdate.CHANGED, balances.update());
        assertEquals(-8, balances.balanceExponent());
        assertEquals(1_564_034_571_073_000_000L, balances.updateTimeNs());
        final AccountBalancesDecoder.BalancesDecoder group = balances.balances();
        assertEquals(2, group.count());
        group.next();
        assertEquals("ETH", group.asset().trim());
        assertEquals(1_000_000_000_000L, group.free());
        assertEquals(0, group.locked());
        group.next();
        assertEquals("USDT", group.asset().trim());
        assertEquals(1_234_567_891L, group.free());
        assertEquals(50_000_000L, group.locked());
        assertEquals(1, decoder.accountBalanceUpdates());
    }

    @Test
    void hostileAccountPositionsAreRefusedWholeNeverHalfPublished()
    {
        for (final String hostile : List.of(
            ACCOUNT_POSITION.replace("\"B\":[", "\"B\":{\"x\":[").replace("]}", "]}}"),
            ACCOUNT_POSITION.replace("\"f\":\"12.34567891\"", "\"f\":\"12.3.4\""),
            ACCOUNT_POSITION.replace("\"f\":\"12.34567891\"", "\"f\":\"-1\""),
            ACCOUNT_POSITION.replace("\"a\":\"USDT\"", "\"a\":\"AN-ASSET-NAME-LONGER-THAN-16\""),
            ACCOUNT_POSITION.replace(",\"l\":\"0.5\"", ""),
            ACCOUNT_POSITION.replace("{\"a\":\"USDT\"", "7,{\"a\":\"USDT\""),
            ACCOUNT_POSITION.replace("\"B\":[", "\"B\":\"[\",\"x\":[")))
        {
            assertFalse(decode(hostile), hostile);
        }
        assertTrue(published.isEmpty(), "nothing of a malformed update reaches the log");
    }

    @Test
    void decodingAccountPositionsAllocatesNothingOnceWarm()
    {
        final UnsafeBuffer[] frames = {frame(ACCOUNT_POSITION)};
        final ApiEventDecoder quiet = new ApiEventDecoder(registry(), (buffer, offset, length) -> true, 100, 1, -8, null);
        assertAllocatesNothingOnceWarm(quiet, frames);
        assertFalse(quiet.accountBalanceUpdates() < 1_000_000);
    }

    @Test
    void decodingExecutionReportsAllocatesNothingOnceWarm()
    {
        final UnsafeBuffer[] frames = {
            frame(executionReport("F7", "NEW", "NEW", "0.00000000", "0.00000000", "0.00000000")),
            frame(executionReport("F7", "TRADE", "PARTIALLY_FILLED", "0.40000000", "0.40000000", "0.10264410")),
            frame(executionReport("F7", "TRADE", "FILLED", "0.60000000", "1.00000000", "0.10264400")),
            frame(executionReport("x", "CANCELED", "CANCELED", "0.00000000", "0.00000000", "0.00000000")
                .replace("\"C\":\"\"", "\"C\":\"F8\"")),
        };
        final ApiEventDecoder quiet = new ApiEventDecoder(registry(), (buffer, offset, length) -> true, 100, 1, -8, null);
        assertAllocatesNothingOnceWarm(quiet, frames);
        assertFalse(quiet.executionReports() < 1_000_000);
    }

    /** Windows of a million events (the frames in turn) until one allocates nothing, at most four. */
    private static void assertAllocatesNothingOnceWarm(final ApiEventDecoder quiet, final UnsafeBuffer[] frames)
    {
        StringLiterals.preIntern("io.ferrum.", "org.agrona.");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final List<Long> windows = new ArrayList<>();
        long allocated = -1;
        for (int window = 0; window < 4 && allocated != 0; window++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000_000; i++)
            {
                final UnsafeBuffer frame = frames[i % frames.length];
                if (!quiet.onEvent(frame, 0, frame.capacity(), i))
                {
                    throw new AssertionError("refused a good event");
                }
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            windows.add(allocated);
        }
        assertEquals(0L, allocated, "bytes allocated per window of a million events: " + windows);
    }

    private static UnsafeBuffer frame(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
