package io.ferrum.ops.backtest;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.venue.VenueModel;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Drives an engine from a time-ordered market-data stream on one thread, as fast as it
 * goes: each event reaches the venue model at its venue time and the engine after the data
 * latency; engine orders reach the venue after the order latency; venue reports reach the
 * engine after the report latency; timers fire at their deadlines. All in log time, so a run
 * is a pure function of its inputs. The driver watches orders and reports to keep each
 * strategy's ledger and samples equity at a fixed log-time interval.
 * <p>
 * No allocation per event: queues are rings, lookups Agrona primitive maps.
 */
public final class BacktestDriver implements EngineOutput
{
    private static final long NO_PRICE = 0;

    private final EngineInput engine;
    private final BacktestTimers timers;
    private final VenueModel venue;
    private final LatencyModel dataLatency;
    private final LatencyModel orderLatency;
    private final LatencyModel reportLatency;
    private final long sampleIntervalNs;
    private final long initialCash;
    private final TimedMessageQueue toVenue = new TimedMessageQueue(1 << 20);
    private final TimedMessageQueue toEngine = new TimedMessageQueue(1 << 20);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final io.ferrum.codecs.sbe.ReplaceOrderDecoder replace = new io.ferrum.codecs.sbe.ReplaceOrderDecoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final BestBidAskDecoder quote = new BestBidAskDecoder();
    private final Int2ObjectHashMap<long[]> marks = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<StrategyLedger> ledgers = new Int2ObjectHashMap<>();
    /** Strategy, reference price, chain root (fill rate counts chains) and pending replace per order. */
    private final OpenOrders orders = new OpenOrders();
    private final LongHashSet filledOrders = new LongHashSet();
    private LongConsumer progress = ignored -> { };
    private long engineTimeNs = Long.MIN_VALUE;
    private long nextSampleNs = Long.MIN_VALUE;
    private long logPosition;
    private long events;
    private long riskRejects;
    private long firstEventNs;
    private long lastEventNs;

    /**
     * @param engineFactory    builds what is tested, given the driver as its output and the backtest's timers
     * @param venueFactory     builds the venue model, given the sink for its reports
     * @param sampleIntervalNs log time between equity samples
     * @param initialCash      per strategy, money at {@link StrategyLedger#MONEY_EXPONENT}
     */
    public BacktestDriver(
        final BiFunction<EngineOutput, TimerScheduler, EngineInput> engineFactory,
        final Function<VenueModel.Reports, VenueModel> venueFactory,
        final LatencyModel dataLatency, final LatencyModel orderLatency, final LatencyModel reportLatency,
        final long sampleIntervalNs, final long initialCash)
    {
        if (sampleIntervalNs <= 0 || initialCash <= 0)
        {
            throw new IllegalArgumentException("sample interval and initial cash must be positive");
        }
        this.timers = new BacktestTimers();
        this.engine = engineFactory.apply(this, timers);
        this.venue = venueFactory.apply(this::onVenueReport);
        this.dataLatency = dataLatency;
        this.orderLatency = orderLatency;
        this.reportLatency = reportLatency;
        this.sampleIntervalNs = sampleIntervalNs;
        this.initialCash = initialCash;
    }

    /** Called every 2^20 events with the count, e.g. to print progress. */
    public void progress(final LongConsumer progress)
    {
        this.progress = progress;
    }

    /** Declares a strategy up front so that it has a ledger (and an equity curve) even if it never trades. */
    public void addStrategy(final int strategyId)
    {
        ledger(strategyId);
    }

    /** Runs the whole stream, then lets in-flight orders and reports settle. */
    public void run(final EventSource source)
    {
        while (source.next())
        {
            final long venueTime = source.timestampNs();
            final DirectBuffer buffer = source.buffer();
            final int offset = source.offset();
            final int length = source.length();
            if (events == 0)
            {
                firstEventNs = venueTime;
                nextSampleNs = venueTime;
            }
            lastEventNs = venueTime;
            deliverToVenue(venueTime);
            mark(buffer, offset);
            final long deliveryTime = Math.max(engineTimeNs, venueTime + dataLatency.nextNs());
            deliverToEngine(deliveryTime);
            sampleUntil(deliveryTime);
            engineTimeNs = deliveryTime;
            engine.onInput(buffer, offset, length, ++logPosition, deliveryTime);
            // after the engine: a venue that matches against the engine's own book sees it updated
            venue.onMarketData(buffer, offset, length, venueTime);
            if ((++events & ((1 << 20) - 1)) == 0)
            {
                progress.accept(events);
            }
        }
        settle();
    }

    private void settle()
    {
        while (!toVenue.isEmpty() || !toEngine.isEmpty())
        {
            final long venueDue = toVenue.isEmpty() ? Long.MAX_VALUE : toVenue.headDueNs();
            final long engineDue = toEngine.isEmpty() ? Long.MAX_VALUE : toEngine.headDueNs();
            if (venueDue <= engineDue)
            {
                deliverToVenue(venueDue);
            }
            else
            {
                deliverToEngine(engineDue);
            }
        }
        if (events == 0)
        {
            return; // no market data, no time: nothing to sample
        }
        final long end = Math.max(engineTimeNs, lastEventNs);
        sampleUntil(end);
        for (final StrategyLedger ledger : ledgers.values())
        {
            if (ledger.curve().size() == 0 || ledger.curve().timeNs(ledger.curve().size() - 1) < end)
            {
                ledger.sample(end, marks);
            }
        }
    }

    /** Orders due at the venue by {@code timeNs}, in order. */
    private void deliverToVenue(final long timeNs)
    {
        while (!toVenue.isEmpty() && toVenue.headDueNs() <= timeNs)
        {
            venue.onOrder(toVenue.buffer(), toVenue.headOffset(), toVenue.headLength(), toVenue.headDueNs());
            toVenue.poll();
        }
    }

    /** Reports and timers due at the engine by {@code timeNs}, merged by due time (reports first on ties). */
    private void deliverToEngine(final long timeNs)
    {
        while (true)
        {
            final long reportDue = toEngine.isEmpty() ? Long.MAX_VALUE : toEngine.headDueNs();
            final long timerDue = timers.nextDeadlineNs();
            if (reportDue <= timerDue && reportDue <= timeNs)
            {
                engineTimeNs = Math.max(engineTimeNs, reportDue);
                final DirectBuffer buffer = toEngine.buffer();
                final int offset = toEngine.headOffset();
                final int length = toEngine.headLength();
                account(buffer, offset);
                engine.onInput(buffer, offset, length, ++logPosition, engineTimeNs);
                toEngine.poll();
            }
            else if (timerDue < reportDue && timerDue <= timeNs)
            {
                engineTimeNs = Math.max(engineTimeNs, timerDue);
                engine.onTimer(timers.poll(), engineTimeNs);
            }
            else
            {
                return;
            }
        }
    }

    private void onVenueReport(final DirectBuffer buffer, final int offset, final int length, final long venueTimeNs)
    {
        if (!toEngine.offer(buffer, offset, length, venueTimeNs + reportLatency.nextNs()))
        {
            throw new IllegalStateException("venue reports back up beyond the report queue: the engine is not reading them");
        }
    }

    /** The engine's output: orders go to the venue after the order latency; the driver notes what it needs. */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId == io.ferrum.codecs.sbe.ReplaceOrderDecoder.TEMPLATE_ID)
        {
            replace.wrapAndApplyHeader(buffer, offset, header);
            final int replacedSlot = orders.slot(replace.clientOrderId());
            if (replacedSlot >= 0)
            {
                final long strategyId = orders.strategy(replacedSlot);
                final long reference = orders.reference(replacedSlot);
                final long root = orders.root(replacedSlot);
                final int slot = orders.add(replace.newClientOrderId(), strategyId);
                orders.reference(slot, reference);
                orders.root(slot, root);
                orders.replaced(slot, replace.clientOrderId());
            }
        }
        if (templateId == NewOrderDecoder.TEMPLATE_ID)
        {
            newOrder.wrapAndApplyHeader(buffer, offset, header);
            final long[] mark = marks.get(newOrder.instrumentId());
            final int slot = orders.add(newOrder.clientOrderId(), newOrder.strategyId());
            orders.root(slot, newOrder.clientOrderId());
            if (mark != null && mark[0] != NO_PRICE)
            {
                orders.reference(slot, mark[0]);
            }
            ledger(newOrder.strategyId()).execution().onOrderSent();
        }
        else if (templateId == RiskRejectDecoder.TEMPLATE_ID)
        {
            riskRejects++;
            return true;
        }
        else if (templateId != io.ferrum.codecs.sbe.CancelOrderDecoder.TEMPLATE_ID &&
            templateId != io.ferrum.codecs.sbe.ReplaceOrderDecoder.TEMPLATE_ID)
        {
            return true; // telemetry and the like: nothing for the venue
        }
        return toVenue.offer(buffer, offset, length, engineTimeNs + orderLatency.nextNs());
    }

    private void account(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        if (header.templateId() != ExecutionReportDecoder.TEMPLATE_ID)
        {
            return;
        }
        report.wrapAndApplyHeader(buffer, offset, header);
        final long clientOrderId = report.clientOrderId();
        final int slot = orders.slot(clientOrderId);
        if (slot < 0)
        {
            return;
        }
        final StrategyLedger ledger = ledger((int)orders.strategy(slot));
        final long quantity = report.lastQuantity();
        if (quantity > 0)
        {
            // a cancel-replace chain is one order sent: it counts as filled once, whichever link filled
            if (filledOrders.add(orders.root(slot)))
            {
                ledger.execution().onOrderFilled();
            }
            final boolean buy = report.side() == Side.BUY;
            final long reference = orders.reference(slot);
            final long slippage = reference == OpenOrders.NONE ? 0 : Money.product(
                buy ? report.lastPrice() - reference : reference - report.lastPrice(), report.priceExponent(),
                quantity, report.sizeExponent(), StrategyLedger.MONEY_EXPONENT);
            final long fee = Money.rescale(report.fee(), report.feeExponent(), StrategyLedger.MONEY_EXPONENT);
            ledger.onFill(engineTimeNs, report.instrumentId(), report.priceExponent(), report.sizeExponent(), buy,
                report.lastPrice(), quantity, fee, slippage);
        }
        final ExecType execType = report.execType();
        final long replaced = orders.takeReplaced(slot);
        if (execType == ExecType.REPLACED && replaced != OpenOrders.NONE)
        {
            orders.remove(replaced); // the venue took the replace: the old link is gone
        }
        else if (execType == ExecType.REJECTED && replaced != OpenOrders.NONE)
        {
            orders.remove(clientOrderId); // a refused replace: the old link works on
        }
        else if (execType == ExecType.FILL || execType == ExecType.CANCELED || execType == ExecType.REJECTED ||
            execType == ExecType.EXPIRED)
        {
            filledOrders.remove(orders.root(slot));
            orders.remove(clientOrderId);
        }
    }

    /**
     * Keeps the mark per instrument: the mid of the latest quote; the last trade only for an
     * instrument that has had no quote (trades bounce between bid and ask, the mid does not).
     */
    private void mark(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final long price;
        final int instrumentId;
        final boolean isQuote = templateId == BestBidAskDecoder.TEMPLATE_ID;
        if (isQuote)
        {
            quote.wrap(buffer, body, header.blockLength(), header.version());
            instrumentId = quote.instrumentId();
            price = quote.bidPrice() > 0 && quote.askPrice() > 0 ? (quote.bidPrice() + quote.askPrice()) >> 1 : 0;
        }
        else if (templateId == TradeDecoder.TEMPLATE_ID)
        {
            instrumentId = buffer.getInt(body + TradeDecoder.instrumentIdEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN);
            price = buffer.getLong(body + TradeDecoder.priceEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        else if (templateId == AggTradeDecoder.TEMPLATE_ID)
        {
            instrumentId = buffer.getInt(body + AggTradeDecoder.instrumentIdEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN);
            price = buffer.getLong(body + AggTradeDecoder.priceEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        else
        {
            return;
        }
        if (price > 0)
        {
            long[] mark = marks.get(instrumentId);
            if (mark == null)
            {
                mark = new long[2]; // price, whether a quote has been seen
                marks.put(instrumentId, mark);
            }
            if (isQuote || mark[1] == 0)
            {
                mark[0] = price;
                mark[1] |= isQuote ? 1 : 0;
            }
        }
    }

    private void sampleUntil(final long timeNs)
    {
        while (nextSampleNs <= timeNs)
        {
            for (final StrategyLedger ledger : ledgers.values())
            {
                ledger.sample(nextSampleNs, marks);
            }
            nextSampleNs += sampleIntervalNs;
        }
    }

    private StrategyLedger ledger(final int strategyId)
    {
        StrategyLedger ledger = ledgers.get(strategyId);
        if (ledger == null)
        {
            ledger = new StrategyLedger(strategyId, initialCash);
            ledgers.put(strategyId, ledger);
        }
        return ledger;
    }

    /** Ledgers by ascending strategy id. */
    public List<StrategyLedger> ledgers()
    {
        final List<StrategyLedger> list = new ArrayList<>(ledgers.values());
        list.sort((a, b) -> Integer.compare(a.strategyId(), b.strategyId()));
        return list;
    }

    public long events()
    {
        return events;
    }

    public long logPosition()
    {
        return logPosition;
    }

    public long riskRejects()
    {
        return riskRejects;
    }

    public long firstEventNs()
    {
        return firstEventNs;
    }

    public long lastEventNs()
    {
        return lastEventNs;
    }

    public long initialCash()
    {
        return initialCash;
    }
}
