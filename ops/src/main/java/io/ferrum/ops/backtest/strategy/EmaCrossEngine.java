package io.ferrum.ops.backtest.strategy;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.engine.EngineInput;
import io.ferrum.engine.EngineOutput;
import io.ferrum.ops.backtest.Money;
import io.ferrum.ops.backtest.StrategyLedger;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * A stand-in engine for the backtest until io.ferrum.engine's Engine lands: one
 * exponential-moving-average crossover strategy per instrument, long or short a fixed
 * notional, with market orders. Integer EMAs of the mark (mid of quotes, else trades):
 * {@code ema += (price - ema) >> shift}; it goes long when the fast EMA is above the
 * slow one by more than {@code bandCentiBps}, short when below, and keeps one order in
 * flight at a time. Deterministic and allocation-free per event; no risk checks (those
 * are the engine's).
 */
public final class EmaCrossEngine implements EngineInput
{
    private static final int PRECISION = 16;

    private final EngineOutput output;
    private final int strategyId;
    private final int fastShift;
    private final int slowShift;
    private final long bandCentiBps;
    private final long notional;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BestBidAskDecoder quote = new BestBidAskDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final MessageHeaderEncoder orderHeader = new MessageHeaderEncoder();
    private final NewOrderEncoder order = new NewOrderEncoder();
    private final ExpandableDirectByteBuffer orderBuffer = new ExpandableDirectByteBuffer(256);
    private final Int2ObjectHashMap<Book> books = new Int2ObjectHashMap<>();
    private long nextClientOrderId;

    /**
     * @param fastShift    fast EMA weight 2^-fastShift per event
     * @param slowShift    slow EMA weight 2^-slowShift per event; larger than fastShift
     * @param bandCentiBps dead band around the crossing, in hundredths of a basis point
     * @param notional     position size in quote money at {@link StrategyLedger#MONEY_EXPONENT}
     */
    public EmaCrossEngine(
        final EngineOutput output, final int strategyId, final int fastShift, final int slowShift,
        final long bandCentiBps, final long notional)
    {
        if (fastShift < 1 || slowShift <= fastShift || slowShift > 30 || bandCentiBps < 0 || notional <= 0)
        {
            throw new IllegalArgumentException("EMA cross needs 1 <= fast < slow <= 30, a band >= 0 and a notional > 0");
        }
        this.output = output;
        this.strategyId = strategyId;
        this.fastShift = fastShift;
        this.slowShift = slowShift;
        this.bandCentiBps = bandCentiBps;
        this.notional = notional;
        this.nextClientOrderId = (long)strategyId << 40;
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case BestBidAskDecoder.TEMPLATE_ID ->
            {
                quote.wrapAndApplyHeader(buffer, offset, header);
                if (quote.bidPrice() > 0 && quote.askPrice() > quote.bidPrice())
                {
                    onPrice(book(quote.instrumentId(), quote.priceExponent(), quote.sizeExponent(), buffer, offset),
                        (quote.bidPrice() + quote.askPrice()) >> 1, timestampNs);
                }
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrapAndApplyHeader(buffer, offset, header);
                onPrice(book(trade.instrumentId(), trade.priceExponent(), trade.sizeExponent(), buffer, offset),
                    trade.price(), timestampNs);
            }
            case AggTradeDecoder.TEMPLATE_ID ->
            {
                aggTrade.wrapAndApplyHeader(buffer, offset, header);
                onPrice(book(aggTrade.instrumentId(), aggTrade.priceExponent(), aggTrade.sizeExponent(), buffer, offset),
                    aggTrade.price(), timestampNs);
            }
            case ExecutionReportDecoder.TEMPLATE_ID -> onReport(buffer, offset);
            default ->
            {
                // other inputs do not move this strategy
            }
        }
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
    }

    private void onPrice(final Book book, final long price, final long timestampNs)
    {
        if (price <= 0)
        {
            return;
        }
        final long scaled = price << PRECISION;
        if (book.samples++ == 0)
        {
            book.fast = scaled;
            book.slow = scaled;
            return;
        }
        book.fast += (scaled - book.fast) >> fastShift;
        book.slow += (scaled - book.slow) >> slowShift;
        if (book.samples < (1L << slowShift) || book.pendingOrder != 0)
        {
            return;
        }
        final long band = Money.mulDiv(book.slow, bandCentiBps, 1_000_000);
        final int want = book.fast > book.slow + band ? 1 : book.fast < book.slow - band ? -1 : 0;
        if (want == 0)
        {
            return;
        }
        final long quantity = quantityFor(notional, price, book);
        final long targetPosition = want > 0 ? quantity : -quantity;
        final long delta = targetPosition - book.position;
        if (delta == 0 || Long.signum(delta) != want || quantity == 0)
        {
            return;
        }
        send(book, delta > 0, Math.abs(delta), timestampNs);
    }

    /** Quantity worth {@code money} at {@code price}: money * 10^m / (price * 10^p) / 10^s. */
    private static long quantityFor(final long money, final long price, final Book book)
    {
        final int exponent = StrategyLedger.MONEY_EXPONENT - book.priceExponent - book.sizeExponent;
        if (exponent >= 0)
        {
            return Money.mulDiv(money, FixedPoint.powerOfTen(exponent), price);
        }
        return money / price / FixedPoint.powerOfTen(-exponent);
    }

    private void send(final Book book, final boolean buy, final long quantity, final long timestampNs)
    {
        final long clientOrderId = ++nextClientOrderId;
        order.wrapAndApplyHeader(orderBuffer, 0, orderHeader)
            .venue(Venue.SIMULATED).instrumentId(book.instrumentId).putSymbol(book.symbol, 0)
            .strategyId(strategyId).clientOrderId(clientOrderId).side(buy ? Side.BUY : Side.SELL)
            .orderType(OrderType.MARKET).timeInForce(TimeInForce.IOC)
            .priceExponent((byte)book.priceExponent).sizeExponent((byte)book.sizeExponent)
            .price(0).stopPrice(0).quantity(quantity).timestampNs(timestampNs);
        order.flags().clear();
        if (output.offer(orderBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength()))
        {
            book.pendingOrder = clientOrderId;
        }
    }

    private void onReport(final DirectBuffer buffer, final int offset)
    {
        report.wrapAndApplyHeader(buffer, offset, header);
        final Book book = books.get(report.instrumentId());
        if (book == null || report.clientOrderId() != book.pendingOrder)
        {
            return;
        }
        final long quantity = report.lastQuantity();
        book.position += report.side() == Side.BUY ? quantity : -quantity;
        final ExecType execType = report.execType();
        if (execType == ExecType.FILL || execType == ExecType.CANCELED || execType == ExecType.REJECTED ||
            execType == ExecType.EXPIRED)
        {
            book.pendingOrder = 0;
        }
    }

    private Book book(
        final int instrumentId, final int priceExponent, final int sizeExponent, final DirectBuffer buffer, final int offset)
    {
        Book book = books.get(instrumentId);
        if (book == null)
        {
            book = new Book(instrumentId, priceExponent, sizeExponent);
            // every market-data message has the symbol at the same place as Trade
            buffer.getBytes(offset + MessageHeaderDecoder.ENCODED_LENGTH + TradeDecoder.symbolEncodingOffset(), book.symbol);
            books.put(instrumentId, book);
        }
        return book;
    }

    private static final class Book
    {
        final int instrumentId;
        final int priceExponent;
        final int sizeExponent;
        final byte[] symbol = new byte[16];
        long fast;
        long slow;
        long samples;
        long position;
        long pendingOrder;

        Book(final int instrumentId, final int priceExponent, final int sizeExponent)
        {
            this.instrumentId = instrumentId;
            this.priceExponent = priceExponent;
            this.sizeExponent = sizeExponent;
        }
    }
}
