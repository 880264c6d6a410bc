package io.ferrum.gateway.sim.exchange;

import io.ferrum.codecs.sbe.AccountBalancesDecoder;
import io.ferrum.codecs.sbe.CancelAllResultDecoder;
import io.ferrum.codecs.sbe.CancelOrderEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OpenOrderStateEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.ReplaceOrderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.engine.TestMessages;
import io.ferrum.gateway.Fixtures;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.binance.api.BinanceApiVenue;
import io.ferrum.gateway.binance.api.Credentials;
import io.ferrum.gateway.binance.api.Ed25519Signer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance WebSocket API client against the local exchange, over real Netty on loopback: every method
 * the client uses (time, session.logon, userDataStream.subscribe and .signature, account.status,
 * order.place of each type, order.cancel, order.cancelReplace, openOrders.status, order.status,
 * openOrders.cancelAll) and every error code it handles (-1013 filters, -1021 clock, -1022 signature,
 * -2010 duplicate and balance, -2011, -2013, 429). Keys are made by the test; the exchange's filters are
 * the sample exchangeInfo's (BTCUSDT: tick 0.01, step 0.00001, notional 10).
 */
class BinanceApiContractTest
{
    private static final String API_KEY = "key-made-by-the-test";
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    private final InstrumentRegistry registry = InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES);
    private final Instrument btc = registry.get("BTCUSDT");
    private final KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    private final byte[] hmacSecret = ("secret-" + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final List<byte[]> reports = new ArrayList<>();
    private LocalExchange exchange;
    private BinanceApiVenue venue;

    BinanceApiContractTest() throws Exception
    {
    }

    private LocalExchange exchange(final int ordersPer10s) throws Exception
    {
        exchange = LocalExchange.launch(new LocalExchange.Context()
            .instruments(registry)
            .exchangeInfo(Fixtures.binance("samples/http_spot_market_exchange_info.json"))
            .account(API_KEY, hmacSecret, ed25519.getPublic())
            .balance("USDT", "1000000")
            .balance("BTC", "10")
            .rateLimits(ordersPer10s, 160_000, 6_000));
        // the book: 50000.00 bid, 50001.00 ask, a BTC each
        final int length = new TestMessages().bookSnapshot(message, 0, 1, 1, 1, btc, 1,
            new long[][]{{5_000_000_000_000L, 100_000_000L}}, new long[][]{{5_000_100_000_000L, 100_000_000L}});
        exchange.onMarketData(message, 0, length);
        return exchange;
    }

    private BinanceApiVenue venue(final Credentials credentials, final double headroom, final long clockSkewNs)
    {
        return venue(credentials, headroom, clockSkewNs, TimeUnit.MILLISECONDS.toNanos(100));
    }

    private BinanceApiVenue venue(
        final Credentials credentials, final double headroom, final long clockSkewNs, final long maxSendDelayNs)
    {
        venue = new BinanceApiVenue(new BinanceApiVenue.Context()
            .maxSendDelay(maxSendDelayNs, TimeUnit.NANOSECONDS)
            .maxFrameLength(16 * 1024)
            .apiUri(exchange.apiUrl())
            .credentials(credentials)
            .headroom(headroom)
            .jitterSeed(1)
            .reconnectBackoff(10, 200, TimeUnit.MILLISECONDS)
            .clock(() -> System.currentTimeMillis() * 1_000_000L + clockSkewNs),
            registry, (buffer, offset, length) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                reports.add(copy);
                return true;
            });
        return venue;
    }

    private Credentials ed25519Credentials()
    {
        return Credentials.ed25519(API_KEY, new Ed25519Signer(ed25519.getPrivate()));
    }

    @AfterEach
    void close()
    {
        if (venue != null)
        {
            venue.close();
        }
        if (exchange != null)
        {
            exchange.close();
        }
    }

    /** Polls the venue on this thread until the condition holds (parking 1 ms between polls). */
    private void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out waiting for " + what + ": " + diagnostics());
            }
            if (0 == venue.poll(System.currentTimeMillis() * 1_000_000L))
            {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private String diagnostics()
    {
        return "venue placed " + venue.ordersPlaced() + ", ready " + venue.isReady() + ", connects " + venue.connects() +
            ", reports " + venue.events().executionReports() + ", malformed " + venue.events().malformed() +
            ", unknown responses " + venue.responsesWithoutRequest() + ", throttled " + venue.rateLimits().throttled() +
            ", rejects " + venue.venueRejects() + "; exchange accepted " + exchange.ordersAccepted() + ", malformed " +
            exchange.malformedRequests() + ", 429 " + exchange.tooManyRequests() + ", filter " + exchange.filterFailures() +
            ", signature " + exchange.signatureFailures() + ", timestamp " + exchange.timestampFailures();
    }

    private void place(final long id, final Side side, final OrderType type, final TimeInForce tif, final boolean postOnly,
        final long price, final long quantity)
    {
        final NewOrderEncoder order = new NewOrderEncoder().wrapAndApplyHeader(message, 0, header);
        order.venue(btc.venue()).instrumentId(btc.instrumentId()).putSymbol(btc.symbolBytes(), 0).strategyId(1)
            .clientOrderId(id).side(side).orderType(type).timeInForce(tif);
        order.flags().clear().postOnly(postOnly);
        order.priceExponent((byte)-8).sizeExponent((byte)-8).price(price).stopPrice(0).quantity(quantity)
            .timestampNs(System.currentTimeMillis() * 1_000_000L);
        venue.onOrderMessage(message, 0, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength(),
            System.currentTimeMillis() * 1_000_000L);
    }

    private void cancel(final long id)
    {
        final CancelOrderEncoder cancel = new CancelOrderEncoder().wrapAndApplyHeader(message, 0, header);
        cancel.venue(btc.venue()).instrumentId(btc.instrumentId()).putSymbol(btc.symbolBytes(), 0).strategyId(1)
            .clientOrderId(id).timestampNs(1);
        venue.onOrderMessage(message, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength(),
            System.currentTimeMillis() * 1_000_000L);
    }

    /** The log's state of an order this session never sent, as a reconcile answer carries it. */
    private void openOrderState(final long id, final Side side, final long price, final long quantity)
    {
        final OpenOrderStateEncoder state = new OpenOrderStateEncoder().wrapAndApplyHeader(message, 0, header);
        state.venue(btc.venue()).instrumentId(btc.instrumentId()).putSymbol(btc.symbolBytes(), 0).strategyId(1)
            .clientOrderId(id).side(side).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC);
        state.flags().clear();
        state.priceExponent((byte)-8).sizeExponent((byte)-8).price(price).quantity(quantity).filledQuantity(0)
            .orderStatus(OrderStatus.PENDING_NEW).timestampNs(1).replacesClientOrderId(0);
        venue.onOrderMessage(message, 0, MessageHeaderEncoder.ENCODED_LENGTH + state.encodedLength(),
            System.currentTimeMillis() * 1_000_000L);
    }

    private void replace(final long id, final long newId, final long price, final long quantity)
    {
        final ReplaceOrderEncoder replace = new ReplaceOrderEncoder().wrapAndApplyHeader(message, 0, header);
        replace.venue(btc.venue()).instrumentId(btc.instrumentId()).putSymbol(btc.symbolBytes(), 0).strategyId(1)
            .clientOrderId(id).newClientOrderId(newId).priceExponent((byte)-8).sizeExponent((byte)-8).price(price)
            .quantity(quantity).timestampNs(System.currentTimeMillis() * 1_000_000L);
        venue.onOrderMessage(message, 0, MessageHeaderEncoder.ENCODED_LENGTH + replace.encodedLength(),
            System.currentTimeMillis() * 1_000_000L);
    }

    private ExecutionReportDecoder report(final int index)
    {
        return new ExecutionReportDecoder().wrapAndApplyHeader(new UnsafeBuffer(reports.get(index)), 0,
            new MessageHeaderDecoder());
    }

    private ExecutionReportDecoder lastReport()
    {
        int index = reports.size() - 1;
        while (templateOf(index) != ExecutionReportDecoder.TEMPLATE_ID)
        {
            index--; // balances follow a fill
        }
        return report(index);
    }

    private int templateOf(final int index)
    {
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(reports.get(index)), 0).templateId();
    }

    /** The CancelAllResults on the log, as "SYMBOL code clientOrderId,..." lines. */
    private List<String> cancelAllResults()
    {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++)
        {
            if (templateOf(i) == CancelAllResultDecoder.TEMPLATE_ID)
            {
                final CancelAllResultDecoder result = new CancelAllResultDecoder().wrapAndApplyHeader(
                    new UnsafeBuffer(reports.get(i)), 0, new MessageHeaderDecoder());
                final StringBuilder line = new StringBuilder(result.symbol().trim()).append(' ')
                    .append(result.venueErrorCode());
                for (final CancelAllResultDecoder.OrdersDecoder order : result.orders())
                {
                    line.append(' ').append(order.clientOrderId()).append(order.venueOrderId() > 0 ? "" : "?");
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** The sequences of everything the venue put on the log, in order. */
    private List<Long> sequences()
    {
        final List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++)
        {
            // every venue message starts its block with the Source; its sequence follows the int32 source id
            sequences.add(new UnsafeBuffer(reports.get(i)).getLong(MessageHeaderEncoder.ENCODED_LENGTH + Integer.BYTES,
                java.nio.ByteOrder.LITTLE_ENDIAN));
        }
        return sequences;
    }

    /** The reports of one client order id, as "EXEC_TYPE lastQuantity" lines. */
    private List<String> reportsOf(final long clientOrderId)
    {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++)
        {
            if (templateOf(i) != ExecutionReportDecoder.TEMPLATE_ID)
            {
                continue;
            }
            final ExecutionReportDecoder report = report(i);
            if (report.clientOrderId() == clientOrderId)
            {
                lines.add(report.execType() + " " + report.lastQuantity() +
                    (report.venueRejectCode() != 0 ? " " + report.venueRejectCode() : ""));
            }
        }
        return lines;
    }

    private boolean has(final long clientOrderId, final ExecType execType)
    {
        return reportsOf(clientOrderId).stream().anyMatch(line -> line.startsWith(execType.name() + " "));
    }

    @Test
    void ed25519SessionPlacesEveryOrderTypeCancelsAndReplaces() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "logon, subscription and reconcile");

        place(1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L); // 49000.00 x 0.001
        await(() -> has(1, ExecType.NEW), "NEW of a resting GTC limit");
        place(2, Side.BUY, OrderType.MARKET, TimeInForce.GTC, false, 0, 100_000L);
        await(() -> has(2, ExecType.FILL), "a market buy filled at the ask");
        assertEquals(5_000_100_000_000L, lastReport().lastPrice());
        place(3, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false, 5_100_000_000_000L, 100_000L);
        await(() -> has(3, ExecType.EXPIRED), "an IOC above the bid expires");
        place(4, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, false, 5_000_100_000_000L, 1_000_000_000L); // 10 BTC, 1 shown
        await(() -> has(4, ExecType.EXPIRED), "a FOK larger than the book expires");
        place(5, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true, 5_000_100_000_000L, 100_000L);
        await(() -> has(5, ExecType.EXPIRED), "a LIMIT_MAKER that would take expires");

        replace(1, 6, 4_950_000_000_000L, 100_000L);
        await(() -> has(6, ExecType.REPLACED), "cancelReplace reported as REPLACED");
        assertTrue(has(1, ExecType.CANCELED));
        cancel(6);
        await(() -> has(6, ExecType.CANCELED), "order.cancel");
        assertEquals(0, exchange.openOrders());
        assertEquals(0, venue.openOrders());
        assertEquals(0, exchange.tooManyRequests());
        assertTrue(venue.decisionToAck().getTotalCount() >= 5, "decision to ack measured for each placed order");
    }

    @Test
    void venueRejectsComeBackWithBinancesCodes() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        place(10, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_100_000L, 100_000L); // 49000.001: off tick
        await(() -> has(10, ExecType.REJECTED), "PRICE_FILTER");
        place(11, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 10_000L); // 0.0001 x 49000 < 10
        await(() -> has(11, ExecType.REJECTED), "NOTIONAL");
        place(12, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 5_100_000_000_000L, 2_000_000_000L); // 20 BTC, have 10
        await(() -> has(12, ExecType.REJECTED), "insufficient balance");
        assertEquals(List.of("REJECTED 0 -1013"), reportsOf(10));
        assertEquals(List.of("REJECTED 0 -1013"), reportsOf(11));
        assertEquals(List.of("REJECTED 0 -2010"), reportsOf(12));
        cancel(999);
        assertEquals(1, venue.unknownCancels(), "a cancel of an order the session does not hold never leaves");
        assertEquals(2, exchange.filterFailures());
    }

    @Test
    void hmacSessionSignsEveryRequestAndAClockBehindIsCorrectedByTime() throws Exception
    {
        exchange(50);
        venue(Credentials.hmac(API_KEY, hmacSecret), 0.8, -TimeUnit.MINUTES.toNanos(2));
        await(venue::isReady, "subscribe.signature, account.status, openOrders.status");
        place(20, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L);
        await(() -> has(20, ExecType.NEW), "an HMAC-signed order.place");
        venue.cancelAll(0, System.currentTimeMillis() * 1_000_000L);
        await(() -> has(20, ExecType.CANCELED), "openOrders.cancelAll");
        assertEquals(0, exchange.openOrders());
        assertEquals(0, exchange.timestampFailures(), "the server offset from time corrected a clock two minutes behind");
        assertEquals(0, exchange.signatureFailures());
    }

    @Test
    void aWrongSecretNeverGetsASession() throws Exception
    {
        exchange(50);
        venue(Credentials.hmac(API_KEY, "not-the-secret".getBytes(StandardCharsets.US_ASCII)), 0.8, 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (exchange.signatureFailures() < 2 && System.nanoTime() - deadline < 0)
        {
            venue.poll(System.currentTimeMillis() * 1_000_000L);
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(exchange.signatureFailures() >= 2, "-1022, then again after a reconnect");
        assertFalse(venue.isReady());
    }

    @Test
    void aDropIsReconciledFillsMissedAreCorrectedAndUnknownOrdersCancelled() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        place(30, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_990_000_000_000L, 100_000L);
        await(() -> has(30, ExecType.NEW), "resting");
        exchange.loseResponses(1);
        place(31, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_980_000_000_000L, 100_000L); // its ACK is lost
        await(() -> has(31, ExecType.NEW), "the stream still tells");
        final long connects = venue.connects();
        exchange.dropConnections();
        // while Ferrum is away: the market trades through order 30, and another program places an order
        final int length = new TestMessages().bookSnapshot(message, 0, 1, 2, 2, btc, 2,
            new long[][]{{4_980_000_000_000L, 100_000_000L}}, new long[][]{{4_985_000_000_000L, 100_000_000L}});
        exchange.onMarketData(message, 0, length);
        exchange.placeForeignOrder("BTCUSDT", "SELL", "60000.00", "0.00100");
        await(() -> venue.connects() > connects && venue.isReady(), "reconnected and reconciled");
        await(() -> has(30, ExecType.FILL), "the fill missed while away, as a correction");
        await(() -> exchange.openOrders() == 1, "the foreign order cancelled");
        assertEquals(List.of("NEW 0", "FILL 100000"), reportsOf(30));
        assertTrue(venue.corrections() >= 1);
        assertEquals(1, venue.foreignCancelled());
        assertEquals(1, venue.openOrders(), "order 31 rests, known to both");
        assertEquals(0, exchange.idsAcceptedTwice());
    }

    @Test
    void aLoggedOrderBinanceNeverHeardOfIsPlacedUnlessItsCancelCameInTheSameReconcileAnswer() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        // a restarted gateway's reconcile answer: the log holds both orders pending, the old session died before
        // sending them; the kill switch asked for 41's cancel (its egress lost with the leader)
        openOrderState(40, Side.BUY, 4_990_000_000_000L, 100_000L);
        place(40, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_990_000_000_000L, 100_000L);
        openOrderState(41, Side.BUY, 4_980_000_000_000L, 100_000L);
        place(41, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_980_000_000_000L, 100_000L);
        cancel(41);
        await(() -> has(40, ExecType.NEW) && has(41, ExecType.CANCELED), "40 placed, 41 ended");
        assertEquals(List.of("CANCELED 0"), reportsOf(41), "never placed: its cancel would have found nothing");
        assertEquals(1, exchange.ordersAccepted(), "only 40 reached the exchange");
        assertEquals(1, exchange.openOrders());
        assertEquals(1, venue.openOrders());
        assertEquals(2, venue.adoptedOrders());
    }

    @Test
    void hostileFramesOnTheApiSocketAreCountedAndTheSessionGoesOn() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        final String stream = "{\"subscriptionId\":0,\"event\":";
        exchange.sendRaw("not json at all");
        exchange.sendRaw("{\"id\":");
        exchange.sendRaw(stream + "{\"e\":\"executionReport\",\"s\":1}}");
        exchange.sendRaw(stream + "{\"e\":\"somethingNew\",\"E\":1,\"newField\":{\"deep\":[1,2,3]}}}");
        exchange.sendRaw("{\"id\":987654,\"status\":400,\"error\":{\"code\":-1000,\"msg\":\"for nobody\"}}");
        exchange.sendRaw("{\"id\":\"text-id\",\"status\":200,\"result\":{}}");
        exchange.sendRaw("{\"status\":200,\"result\":[],\"unknown\":true}");
        exchange.sendRaw(stream + "{\"e\":\"executionReport\",\"padding\":\"" + "x".repeat(40 * 1024) + "\"}}");
        await(() -> venue.events().malformed() >= 3 && venue.responsesWithoutRequest() >= 2 && venue.oversizeFrames() >= 1,
            "every hostile frame counted");
        assertEquals(1, venue.events().ignored(), "an event type Ferrum does not use");
        assertTrue(venue.isReady(), "the session goes on");
        assertEquals(1, venue.connects());
        place(60, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L);
        await(() -> has(60, ExecType.NEW), "an order after the hostile frames");
        assertTrue(reportsOf(0).isEmpty(), "nothing hostile reached the log");
    }

    @Test
    void anOrderThatCannotGoWithinTheSendBoundIsRefusedAsThrottledAndCancelsStillGo() throws Exception
    {
        exchange(5);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        // the first response tells the client the limit is 5 per 10 s: with 0.8 headroom 4 go out, the rest would
        // wait seconds for the window: refused at once instead, as a stale quote must be
        for (long id = 40; id < 46; id++)
        {
            place(id, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L);
        }
        await(() -> has(44, ExecType.REJECTED) && has(45, ExecType.REJECTED), "orders 44 and 45 refused");
        assertEquals(List.of("REJECTED 0 " + BinanceApiVenue.THROTTLED), reportsOf(44));
        assertEquals(List.of("REJECTED 0 " + BinanceApiVenue.THROTTLED), reportsOf(45));
        assertEquals(2, venue.throttledRejects());
        await(() -> has(43, ExecType.NEW), "the four sent rest");
        cancel(40);
        await(() -> has(40, ExecType.CANCELED), "a cancel goes while new orders are held back");
        assertEquals(4, exchange.ordersAccepted(), "nothing refused reached the exchange");
        assertEquals(0, exchange.tooManyRequests(), "Ferrum throttled itself before Binance did");
        assertTrue(venue.rateLimits().highestUse() <= 1.0);
    }

    @Test
    void withALongSendBoundHeldOrdersGoInTheNextWindowAndOneCancelledWhileHeldNeverLeaves() throws Exception
    {
        exchange(5);
        venue(ed25519Credentials(), 0.8, 0, TimeUnit.SECONDS.toNanos(30));
        await(venue::isReady, "ready");
        for (long id = 40; id < 46; id++)
        {
            place(id, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L);
        }
        await(() -> exchange.ordersAccepted() >= 4, "four orders accepted");
        assertTrue(venue.rateLimits().throttled() > 0);
        cancel(45); // still in Ferrum's queue: it ends here
        assertEquals(List.of("CANCELED 0"), reportsOf(45));
        assertEquals(1, venue.canceledBeforeSent());
        await(() -> exchange.ordersAccepted() == 5, "the held order goes in the next window");
        await(() -> has(44, ExecType.NEW), "acknowledged");
        assertEquals(0, exchange.tooManyRequests());
        assertEquals(5, venue.openOrders());
        assertEquals(0, venue.throttledRejects());
    }

    @Test
    void theKillSwitchCancelsEverythingTheExchangeHoldsAndEachResultGoesOnTheLog() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        place(70, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L);
        place(71, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false, 5_100_000_000_000L, 100_000L);
        exchange.placeForeignOrder("BTCUSDT", "SELL", "60000.00", "0.00100"); // another program on the account
        await(() -> has(70, ExecType.NEW) && has(71, ExecType.NEW) && exchange.openOrders() == 3, "three resting");
        venue.cancelAll(0, System.currentTimeMillis() * 1_000_000L);
        await(() -> exchange.openOrders() == 0 && cancelAllResults().size() == registry.instruments().size(),
            "every symbol answered");
        await(() -> has(70, ExecType.CANCELED) && has(71, ExecType.CANCELED), "the stream's cancels");
        final List<String> results = cancelAllResults();
        final String btcResult = results.stream().filter(line -> line.startsWith("BTCUSDT ")).findFirst().orElseThrow();
        final List<String> ids = new ArrayList<>(List.of(btcResult.split(" "))).subList(2, btcResult.split(" ").length);
        ids.sort(null);
        assertEquals("BTCUSDT 0", btcResult.substring(0, 9));
        assertEquals(List.of("0", "70", "71"), ids, "its own two by id, the foreign one as 0: " + results);
        for (final Instrument other : registry.instruments())
        {
            if (other != btc)
            {
                assertTrue(results.contains(other.symbol() + " " + BinanceApiVenue.CANCEL_REJECTED),
                    "nothing open on " + other.symbol() + ": Binance's -2011, on the log too: " + results);
            }
        }
        assertEquals(registry.instruments().size(), venue.cancelAllsSent());
        final List<Long> sequences = sequences();
        for (int i = 1; i < sequences.size(); i++)
        {
            assertTrue(sequences.get(i) > sequences.get(i - 1), "one source, one sequence: " + sequences);
        }
    }

    /** The AccountBalances on the log, as "UPDATE ASSET=free/locked ..." lines (balances at 8 decimals). */
    private List<String> balanceUpdates()
    {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++)
        {
            if (templateOf(i) == AccountBalancesDecoder.TEMPLATE_ID)
            {
                final AccountBalancesDecoder update = new AccountBalancesDecoder().wrapAndApplyHeader(
                    new UnsafeBuffer(reports.get(i)), 0, new MessageHeaderDecoder());
                final StringBuilder line = new StringBuilder(update.update().name());
                for (final AccountBalancesDecoder.BalancesDecoder balance : update.balances())
                {
                    line.append(' ').append(balance.asset().trim()).append('=').append(balance.free()).append('/')
                        .append(balance.locked());
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    @Test
    void theAccountsBalancesGoOnTheLogFromAccountStatusAndTheStream() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        await(() -> !balanceUpdates().isEmpty(), "account.status's balances");
        assertEquals("SNAPSHOT BTC=1000000000/0 USDT=100000000000000/0", balanceUpdates().get(0),
            "the account as the exchange keeps it, at Binance's 8 decimals");
        place(90, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 5_000_100_000_000L, 100_000L); // takes 0.001 at 50001
        await(() -> has(90, ExecType.FILL) && balanceUpdates().size() > 2, "the fill's outboundAccountPosition");
        // as Binance: the order's lock when it is placed (0.001 at 50001 = 50.001 USDT), then the fill
        assertEquals("CHANGED BTC=1000000000/0 USDT=99994999900000/5000100000", balanceUpdates().get(1));
        final String changed = balanceUpdates().get(2);
        assertTrue(changed.startsWith("CHANGED BTC=1000100000/0 USDT="), changed);
        assertEquals(0, venue.events().malformed());
    }

    @Test
    void aKillSwitchDuringADropIsSentOnceTheSessionIsBack() throws Exception
    {
        exchange(50);
        venue(ed25519Credentials(), 0.8, 0);
        await(venue::isReady, "ready");
        place(80, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L);
        await(() -> has(80, ExecType.NEW), "resting");
        exchange.placeForeignOrder("BTCUSDT", "SELL", "60000.00", "0.00100");
        final long connects = venue.connects();
        exchange.dropConnections();
        await(() -> !venue.isReady(), "the drop seen");
        venue.cancelAll(btc.instrumentId(), System.currentTimeMillis() * 1_000_000L);
        await(() -> venue.connects() > connects && exchange.openOrders() == 0, "cancelled after the reconnect");
        await(() -> !cancelAllResults().isEmpty(), "the result on the log");
        assertEquals(1, venue.cancelAllsSent(), "one instrument's kill switch: one openOrders.cancelAll");
        assertTrue(cancelAllResults().get(0).startsWith("BTCUSDT "), cancelAllResults().toString());
    }

    @Test
    void aVenueThatIgnoresHeadroomMeets429AndWaitsForRetryAfter() throws Exception
    {
        exchange(2);
        venue(ed25519Credentials(), 1.0, 0, TimeUnit.SECONDS.toNanos(30)); // a bound longer than the retryAfter
        await(venue::isReady, "ready");
        for (long id = 50; id < 53; id++)
        {
            place(id, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, 4_900_000_000_000L, 100_000L);
        }
        await(() -> exchange.ordersAccepted() == 3, "the third order after its retryAfter");
        assertTrue(venue.rateLimits().tooManyRequests() + venue.rateLimits().throttled() > 0);
        assertEquals(3, venue.openOrders());
        assertEquals(0, exchange.duplicateIds());
    }
}
