package io.ferrum.gateway.sim.order;

import io.ferrum.codecs.sbe.CancelAllOrdersEncoder;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.CancelOrderEncoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.OrdersReconcilingEncoder;
import io.ferrum.codecs.sbe.ReconcileOrdersDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.RingPublisher;
import io.ferrum.gateway.venue.VenueAdapter;
import io.ferrum.sequencer.ring.InboundRing;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order gateway on a real ring and a real simulated venue, driven on the test's thread. */
class OrderGatewayTest
{
    private final InboundRing ring = new InboundRing(new InboundRing.Context().ringSize(64).slotLength(512));
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final List<byte[]> tapped = new ArrayList<>();
    private final List<String> venueOrders = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long nowNs = 1_700_000_000_000_000_000L;
    private final OrderGateway gateway;

    OrderGatewayTest() throws Exception
    {
        gateway = new OrderGateway(new OrderGateway.Context()
            .instruments(InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES))
            .venue(new SimulatedVenue.Context().latencyNs(0).sourceId(77))
            .reconcileSourceId(78)
            .reconcileTimeoutNs(1_000_000_000L)
            .clock(() -> nowNs)
            .orderTap((buffer, offset, length) ->
            {
                header.wrap(buffer, offset);
                venueOrders.add(header.templateId() + ":" + buffer.getLong(offset + clientOrderIdOffset(header.templateId())));
                return true;
            })
            .reportPublisher(new RingPublisher(ring, null))
            .reportTap((buffer, offset, length) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                tapped.add(copy);
                return true;
            }));
    }

    private int newOrder(final long clientOrderId)
    {
        final NewOrderEncoder order = new NewOrderEncoder().wrapAndApplyHeader(message, 0, headerEncoder);
        order.venue(Venue.BINANCE_SPOT).instrumentId(2).symbol("ZILUSDT").strategyId(1).clientOrderId(clientOrderId)
            .side(Side.BUY).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
            .priceExponent((byte)-8).sizeExponent((byte)-8).price(20_000_000L).stopPrice(0).quantity(1_000_000_000L)
            .timestampNs(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength();
    }

    private int cancel(final long clientOrderId)
    {
        final CancelOrderEncoder cancel = new CancelOrderEncoder().wrapAndApplyHeader(message, 0, headerEncoder);
        cancel.venue(Venue.BINANCE_SPOT).instrumentId(2).symbol("ZILUSDT").strategyId(1).clientOrderId(clientOrderId)
            .timestampNs(2);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength();
    }

    private List<long[]> drainRing()
    {
        final List<long[]> reports = new ArrayList<>();
        final MessageHeaderDecoder h = new MessageHeaderDecoder();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        ring.poll((buffer, offset, length) ->
        {
            h.wrap(buffer, offset);
            assertEquals(ExecutionReportDecoder.TEMPLATE_ID, h.templateId());
            report.wrapAndApplyHeader(buffer, offset, h);
            reports.add(new long[]{report.source().sourceId(), report.source().sequence(), report.clientOrderId()});
            return true;
        }, 100);
        return reports;
    }

    private void work()
    {
        for (int i = 0; i < 10; i++)
        {
            gateway.doWork();
        }
    }

    @Test
    void anOrderDeliveredTwiceReachesTheVenueOnceAndItsReportsGoIntoTheRingInSequence()
    {
        final int length = newOrder(42);
        gateway.onEngineOutput(message, 0, length, 1);
        gateway.onEngineOutput(message, 0, length, 1); // the same egress message again (second session, new leader)
        work();
        final int cancelLength = cancel(42);
        gateway.onEngineOutput(message, 0, cancelLength, 2);
        gateway.onEngineOutput(message, 0, cancelLength, 2);
        work();

        assertEquals(2, gateway.ordersSent(), "the order and its cancel, once each");
        assertEquals(2, gateway.duplicateOrders());
        final List<long[]> reports = drainRing();
        assertEquals(tapped.size(), reports.size(), "every report the venue emitted is in the ring");
        assertEquals(gateway.reportsPublished(), reports.size());
        assertTrue(reports.size() >= 2, "an acknowledgement and a cancel confirmation at least: " + reports.size());
        for (int i = 0; i < reports.size(); i++)
        {
            assertEquals(77, reports.get(i)[0], "the venue's own source id");
            // from the gateway's start time, so that a restarted gateway's reports are not duplicates of its last run's
            assertEquals(nowNs + i, reports.get(i)[1], "increasing sequence without holes");
            assertEquals(42, reports.get(i)[2]);
        }
        assertEquals(0, gateway.venueOpenOrders());
    }

    /** An order gateway whose venue records the calls it gets: "order" or "cancelAll ID". */
    private OrderGateway recordingGateway(final List<String> venueCalls) throws Exception
    {
        return new OrderGateway(new OrderGateway.Context()
            .instruments(InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES))
            .clock(() -> nowNs)
            .reconcileSourceId(78)
            .reportPublisher(new RingPublisher(ring, null))
            .venueFactory((instruments, books, reports) -> new VenueAdapter()
            {
                public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length, final long now)
                {
                    venueCalls.add("order");
                }

                public void onMarketData(final DirectBuffer buffer, final int offset, final int length, final long now)
                {
                }

                public int poll(final long now)
                {
                    return 0;
                }

                public int openOrders()
                {
                    return 0;
                }

                public void cancelAll(final int instrumentId, final long now)
                {
                    venueCalls.add("cancelAll " + instrumentId);
                }
            }));
    }

    @Test
    void theEnginesCancelAllOrdersReachesTheVenueOnceForEachKillSwitch() throws Exception
    {
        final List<String> venueCalls = new ArrayList<>();
        final OrderGateway withVenue = recordingGateway(venueCalls);
        final CancelAllOrdersEncoder cancelAll = new CancelAllOrdersEncoder().wrapAndApplyHeader(message, 0, headerEncoder);
        cancelAll.timestampNs(10).scope(Scope.INSTRUMENT).instrumentId(2);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + cancelAll.encodedLength();
        withVenue.onEngineOutput(message, 0, length, 1);
        withVenue.onEngineOutput(message, 0, length, 1); // delivered again after a leader change
        withVenue.onEngineOutput(message, 0, length - 1, 1); // truncated: ignored
        cancelAll.timestampNs(20).scope(Scope.GLOBAL).instrumentId(0);
        withVenue.onEngineOutput(message, 0, length, 2);
        for (int i = 0; i < 10; i++)
        {
            withVenue.doWork();
        }
        assertEquals(List.of("cancelAll 2", "cancelAll 0"), venueCalls);
        assertEquals(2, withVenue.cancelAllsSent());
    }

    @Test
    void aKillSwitchInAReconcileAnswerIsPartOfTheAnswerAndReachesTheVenueOnce() throws Exception
    {
        final List<String> venueCalls = new ArrayList<>();
        final OrderGateway withVenue = recordingGateway(venueCalls);
        final CancelAllOrdersEncoder cancelAll = new CancelAllOrdersEncoder();
        for (int leader = 0; leader < 2; leader++)
        {
            nowNs += 1_000;
            withVenue.onNewLeader(leader);
            withVenue.doWork();
            final List<Long> requests = reconcileRequests();
            assertEquals(1, requests.size());
            withVenue.onEngineOutput(message, 0, reconciling(requests.get(0), 2), 1);
            // the kill switch's egress was lost with the old leader: the answer asks for each instrument not answered
            for (final int instrumentId : new int[]{ 1, 3 })
            {
                cancelAll.wrapAndApplyHeader(message, 0, headerEncoder).timestampNs(10).scope(Scope.INSTRUMENT)
                    .instrumentId(instrumentId);
                withVenue.onEngineOutput(message, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelAll.encodedLength(), 1);
            }
            withVenue.doWork();
            assertFalse(withVenue.isReconciling(), "the cancel-alls complete the answer");
        }
        // the second leader's answer asks again (no CancelAllResult on the log yet): this gateway sent them already
        assertEquals(List.of("cancelAll 1", "cancelAll 3"), venueCalls);
        assertEquals(2, withVenue.cancelAllsSent());
    }

    @Test
    void engineOutputsThatAreNotOrdersAndTruncatedMessagesAreIgnored()
    {
        gateway.onEngineOutput(message, 0, 3, 1); // shorter than a header
        message.putShort(2, (short)9999); // unknown template id
        gateway.onEngineOutput(message, 0, 64, 1);
        final int length = newOrder(7);
        message.putShort(4, (short)1234); // another schema
        gateway.onEngineOutput(message, 0, length, 1);
        work();

        assertEquals(0, gateway.ordersSent());
        assertTrue(drainRing().isEmpty());
    }

    @Test
    void truncatedMarketDataIsCountedNotThrownAndUnknownInstrumentsHaveNoPrice()
    {
        assertEquals(0, gateway.bestBid(2));
        assertEquals(0, gateway.bestAsk(999), "an unknown instrument reads as no price");
        assertEquals(0, gateway.bestAsk(-1));
        gateway.onMessage(message, 0, 3); // truncated market data: counted, never thrown
        work();
        assertEquals(1, gateway.marketDataMessages());
        assertEquals(0, gateway.bestBid(2), "no book yet");
    }

    /** The client order id each order message is de-duplicated by: the new id of a replace. */
    private static int clientOrderIdOffset(final int templateId)
    {
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        return switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID -> body + NewOrderDecoder.clientOrderIdEncodingOffset();
            case ReplaceOrderDecoder.TEMPLATE_ID -> body + ReplaceOrderDecoder.newClientOrderIdEncodingOffset();
            default -> body + CancelOrderDecoder.clientOrderIdEncodingOffset();
        };
    }

    private int reconciling(final long requestSequence, final int count)
    {
        final OrdersReconcilingEncoder answer = new OrdersReconcilingEncoder().wrapAndApplyHeader(message, 0, headerEncoder);
        answer.timestampNs(1).requestSourceId(78).requestSequence(requestSequence).messageCount(count);
        return MessageHeaderEncoder.ENCODED_LENGTH + answer.encodedLength();
    }

    private void output(final int length)
    {
        gateway.onEngineOutput(message, 0, length, 1);
    }

    /** The ReconcileOrders requests in the ring, as their sequences; execution reports are skipped. */
    private List<Long> reconcileRequests()
    {
        final List<Long> requests = new ArrayList<>();
        final MessageHeaderDecoder h = new MessageHeaderDecoder();
        ring.poll((buffer, offset, length) ->
        {
            h.wrap(buffer, offset);
            if (h.templateId() == ReconcileOrdersDecoder.TEMPLATE_ID)
            {
                final ReconcileOrdersDecoder request = new ReconcileOrdersDecoder().wrapAndApplyHeader(buffer, offset, h);
                assertEquals(78, request.source().sourceId());
                requests.add(request.source().sequence());
            }
            return true;
        }, 100);
        return requests;
    }

    @Test
    void afterALeaderChangeOrdersWaitForTheReconcileAnswerAndOnlyWhatTheVenueHasNotSeenGoesOut()
    {
        gateway.onNewLeader(0); // the first connection reconciles too: nothing pending
        work();
        final List<Long> first = reconcileRequests();
        assertEquals(List.of(nowNs), first, "one request, its sequence the epoch time");
        output(reconciling(first.get(0), 0));
        output(newOrder(42)); // the old leader's order, delivered
        work();
        assertEquals(List.of("20:42"), venueOrders);

        nowNs += 1_000;
        gateway.onNewLeader(1);
        output(newOrder(44)); // decided by the new leader before the request: held, the answer carries it
        output(reconciling(first.get(0), 5)); // a stale answer (an earlier request): ignored
        work();
        assertTrue(gateway.isReconciling());
        final List<Long> second = reconcileRequests();
        assertEquals(1, second.size());
        assertEquals(List.of("20:42"), venueOrders, "nothing goes out before the answer");
        assertEquals(1, gateway.ordersHeld());

        output(reconciling(second.get(0), 4));
        output(newOrder(42)); // delivered before the failover: not again
        output(newOrder(43)); // lost on the old leader's egress: now
        output(newOrder(44));
        output(cancel(42));
        work();
        assertFalse(gateway.isReconciling());
        output(newOrder(45)); // after the answer: as usual
        work();
        assertEquals(List.of("20:42", "20:43", "20:44", "21:42", "20:45"), venueOrders);
        assertEquals(3, gateway.ordersRecovered());
        assertEquals(1, gateway.duplicateOrders());
        assertEquals(2, gateway.reconciliations());
    }

    @Test
    void anAnswerThatDoesNotComeIsAskedForAgain()
    {
        gateway.onNewLeader(2);
        work();
        final long first = reconcileRequests().get(0);
        nowNs += 999_999_999L;
        work();
        assertTrue(reconcileRequests().isEmpty(), "within the timeout");
        nowNs += 2;
        work();
        final List<Long> again = reconcileRequests();
        assertEquals(1, again.size());
        assertTrue(again.get(0) > first);
        output(reconciling(first, 0)); // the first answer came late: no longer the one awaited
        work();
        assertTrue(gateway.isReconciling());
        output(reconciling(again.get(0), 1));
        output(newOrder(7));
        work();
        assertFalse(gateway.isReconciling());
        assertEquals(List.of("20:7"), venueOrders);
    }

    @Test
    void aTruncatedReconcileAnswerIsIgnoredNotThrown()
    {
        gateway.onNewLeader(0);
        work();
        final long request = reconcileRequests().get(0);
        final int length = reconciling(request, 0);
        gateway.onEngineOutput(message, 0, length - 1, 1);
        work();
        assertTrue(gateway.isReconciling(), "a cut answer does not end the reconciliation");
        gateway.onEngineOutput(message, 0, length, 1);
        work();
        assertFalse(gateway.isReconciling());
    }
}
