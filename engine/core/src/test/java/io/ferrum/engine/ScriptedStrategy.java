package io.ferrum.engine;

import io.ferrum.strategy.BookView;
import io.ferrum.strategy.Liquidity;
import io.ferrum.strategy.OrderView;
import io.ferrum.strategy.Side;
import io.ferrum.strategy.Strategy;
import io.ferrum.strategy.StrategyContext;
import io.ferrum.strategy.TickerView;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A test strategy: records callbacks and runs an optional action on each book update. */
public final class ScriptedStrategy implements Strategy
{
    public final int id;
    public StrategyContext ctx;
    public final List<String> events = new ArrayList<>();
    public Consumer<StrategyContext> onBookAction;
    public Consumer<StrategyContext> onTimerAction;
    public long callbacks;

    public ScriptedStrategy(final int id)
    {
        this.id = id;
    }

    @Override
    public int strategyId()
    {
        return id;
    }

    @Override
    public void onStart(final StrategyContext context)
    {
        this.ctx = context;
    }

    @Override
    public void onTrade(
        final int instrumentId, final long price, final long quantity, final Side aggressor, final long timestampNs)
    {
        callbacks++;
        events.add("trade " + instrumentId + " " + price + " " + quantity + " " + aggressor);
    }

    @Override
    public void onBook(final BookView book)
    {
        callbacks++;
        events.add("book " + book.instrumentId() + " " + book.bestBidPrice() + " " + book.bestAskPrice());
        if (onBookAction != null)
        {
            onBookAction.accept(ctx);
        }
    }

    @Override
    public void onBestBidAsk(
        final int instrumentId, final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
        callbacks++;
        events.add("bbo " + instrumentId + " " + bidPrice + " " + askPrice);
    }

    @Override
    public void onTicker(final int instrumentId, final TickerView ticker)
    {
        callbacks++;
        events.add("ticker " + instrumentId + " " + ticker.lastPrice());
    }

    @Override
    public void onTimer(final long timerId, final long timestampNs)
    {
        callbacks++;
        events.add("timer " + timerId + " " + timestampNs);
        if (onTimerAction != null)
        {
            onTimerAction.accept(ctx);
        }
    }

    @Override
    public void onOrderUpdate(final OrderView order)
    {
        callbacks++;
        events.add("order " + order.clientOrderId() + " " + order.status() + " filled=" + order.filledQuantity());
    }

    @Override
    public void onFill(
        final OrderView order, final long price, final long quantity, final long fee, final Liquidity liquidity)
    {
        callbacks++;
        events.add("fill " + order.clientOrderId() + " " + price + " " + quantity + " fee=" + fee + " " + liquidity);
    }

    @Override
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, callbacks, ByteOrder.LITTLE_ENDIAN);
        return 8;
    }

    @Override
    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        callbacks = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
    }
}
