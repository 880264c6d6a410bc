package io.ferrum.engine;

import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.Order;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.strategy.Strategy;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real engine with one instrument and scripted market data and venue reports, for strategy tests. */
public final class EngineHarness
{
    public final Instrument instrument;
    public final CapturingOutput output = new CapturingOutput();
    public final ManualTimers timers = new ManualTimers();
    public final Engine engine;
    private final TestMessages encode = new TestMessages();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long position;
    private long mdSequence;
    private long venueSequence;
    private long updateId;
    private long tradeId;
    public long timeNs = 1_000_000_000_000L;

    public EngineHarness(final Instrument instrument, final Strategy... strategies)
    {
        this.instrument = instrument;
        final Engine.Context context = new Engine.Context()
            .instruments(new InstrumentRegistry().add(instrument))
            .output(output)
            .timerScheduler(timers);
        for (final Strategy strategy : strategies)
        {
            context.addStrategy(strategy);
        }
        this.engine = new Engine(context.preTradeCheck(
            RiskPreTradeCheck.withoutLimits(context.instruments(), context.maxStrategyId())));
    }

    /** Restores {@code other}'s engine snapshot here and continues its input sequences, as a restarted member would. */
    public void restoreFrom(final EngineHarness other)
    {
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 16);
        final int length = other.engine.snapshotTo(snapshot, 0);
        engine.restoreFrom(snapshot, 0, length);
        position = other.position;
        mdSequence = other.mdSequence;
        venueSequence = other.venueSequence;
        updateId = other.updateId;
        tradeId = other.tradeId;
        timeNs = other.timeNs;
        timers.armed.putAll(other.timers.armed);
    }

    private void input(final int length)
    {
        engine.onInput(buffer, 0, length, ++position, timeNs);
    }

    public void book(final long bid, final long bidQty, final long ask, final long askQty)
    {
        timeNs += 1_000_000;
        input(encode.bookSnapshot(buffer, 0, 1, ++mdSequence, timeNs, instrument, ++updateId,
            bid > 0 ? new long[][]{{bid, bidQty}} : new long[0][], ask > 0 ? new long[][]{{ask, askQty}} : new long[0][]));
    }

    /** A connection-wide (instrumentId 0) feed state change. */
    public void feedState(final io.ferrum.codecs.sbe.FeedState state)
    {
        timeNs += 1_000;
        input(encode.feedStatus(buffer, 0, 1, ++mdSequence, timeNs, state, "test"));
    }

    public void trade(final long price, final long quantity, final long atNs)
    {
        timeNs = atNs;
        input(encode.trade(buffer, 0, 1, ++mdSequence, timeNs, instrument, ++tradeId, price, quantity, Side.BUY));
    }

    public void ack(final long clientOrderId)
    {
        final Order order = engine.orderManager().order(clientOrderId);
        final ExecType type = order.replacesClientOrderId() != 0 ? ExecType.REPLACED : ExecType.NEW;
        report(clientOrderId, type, OrderStatus.ACKNOWLEDGED, order.sideCode(), 0, 0, 0);
    }

    public void fill(final long clientOrderId, final long price, final long quantity)
    {
        final Order order = engine.orderManager().order(clientOrderId);
        final long cumulative = order.filledQuantity() + quantity;
        final boolean full = cumulative == order.quantity();
        report(clientOrderId, full ? ExecType.FILL : ExecType.PARTIAL_FILL,
            full ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, order.sideCode(), price, quantity, cumulative);
    }

    public void canceled(final long clientOrderId)
    {
        final Order order = engine.orderManager().order(clientOrderId);
        report(clientOrderId, ExecType.CANCELED, OrderStatus.CANCELED, order.sideCode(), 0, 0, order.filledQuantity());
    }

    private void report(
        final long id, final ExecType type, final OrderStatus status, final Side side, final long price,
        final long quantity, final long cumulative)
    {
        timeNs += 1_000;
        input(encode.executionReport(buffer, 0, 2, ++venueSequence, timeNs, instrument, id, type, status, side, price,
            quantity, cumulative, 0, 0, Liquidity.MAKER));
    }

    /** Fires every armed timer whose deadline is at or before {@code nowNs}, as log events. */
    public void advanceTo(final long nowNs)
    {
        timeNs = nowNs;
        final List<Map.Entry<Long, Long>> due = new ArrayList<>();
        for (final Map.Entry<Long, Long> e : timers.armed.entrySet())
        {
            if (e.getValue() <= nowNs)
            {
                due.add(e);
            }
        }
        for (final Map.Entry<Long, Long> e : due)
        {
            timers.armed.remove(e.getKey());
            input(encode.timerFired(buffer, 0, e.getKey(), e.getValue(), nowNs));
        }
    }

    /** Order messages (new, cancel, replace) sent since the last {@link #clearOutput()}: "BUY LIMIT 10003 qty=100 postOnly" etc. */
    public List<String> sent()
    {
        final List<String> result = new ArrayList<>();
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        final CancelOrderDecoder cancel = new CancelOrderDecoder();
        final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
        for (final byte[] message : output.messages)
        {
            final UnsafeBuffer b = new UnsafeBuffer(message);
            header.wrap(b, 0);
            switch (header.templateId())
            {
                case NewOrderDecoder.TEMPLATE_ID:
                    newOrder.wrapAndApplyHeader(b, 0, header);
                    result.add("new " + newOrder.clientOrderId() + " " + newOrder.side() + " " + newOrder.orderType() +
                        " " + newOrder.price() + " qty=" + newOrder.quantity() +
                        (newOrder.flags().postOnly() ? " postOnly" : "") +
                        (newOrder.flags().reduceOnly() ? " reduceOnly" : ""));
                    break;
                case CancelOrderDecoder.TEMPLATE_ID:
                    cancel.wrapAndApplyHeader(b, 0, header);
                    result.add("cancel " + cancel.clientOrderId());
                    break;
                case ReplaceOrderDecoder.TEMPLATE_ID:
                    replace.wrapAndApplyHeader(b, 0, header);
                    result.add("replace " + replace.clientOrderId() + "->" + replace.newClientOrderId() + " " +
                        replace.price() + " qty=" + replace.quantity());
                    break;
                case RiskDecisionDecoder.TEMPLATE_ID:
                    break; // the audit record of each check, not order flow (RiskWiringTest checks it)
                default:
                    result.add("template " + header.templateId());
                    break;
            }
        }
        return result;
    }

    public void clearOutput()
    {
        output.clear();
    }
}
