package io.ferrum.engine;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/** What the engine knows of one instrument's market: its L2 book, top of book, last trade, feed state. */
public final class Market
{
    private final Instrument instrument;
    private final OrderBook book;
    long lastTradePrice;
    long lastTradeQuantity;
    long lastTradeTimeNs;
    long bboUpdateId;
    long bidPrice;
    long bidQuantity;
    long askPrice;
    long askQuantity;
    long tickerLastPrice;
    long tickerVolume;
    int feedState;

    Market(final Instrument instrument, final int bookLevels)
    {
        this.instrument = instrument;
        this.book = new OrderBook(instrument, bookLevels);
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public OrderBook book()
    {
        return book;
    }

    public long lastTradePrice()
    {
        return lastTradePrice;
    }

    public long lastTradeQuantity()
    {
        return lastTradeQuantity;
    }

    /** Top of book from @bookTicker; 0 when none yet. */
    public long bidPrice()
    {
        return bidPrice;
    }

    public long askPrice()
    {
        return askPrice;
    }

    public long bidQuantity()
    {
        return bidQuantity;
    }

    public long askQuantity()
    {
        return askQuantity;
    }

    /** Last reported feed state value of the instrument, 0 before any. */
    public int feedState()
    {
        return feedState;
    }

    /** Book mid when the L2 book is two-sided, else top-of-book mid, else last trade, else 0. */
    public long referencePrice()
    {
        final long mid = book.midPrice();
        if (mid != 0)
        {
            return mid;
        }
        if (bidPrice > 0 && askPrice > 0 && bidPrice < askPrice)
        {
            return (bidPrice + askPrice) >>> 1;
        }
        return lastTradePrice;
    }

    static boolean isHealthy(final int feedState)
    {
        return feedState == 0 || feedState == FeedState.CONNECTED.value() || feedState == FeedState.IN_SYNC.value() ||
            feedState == FeedState.FALLBACK.value();
    }

    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, lastTradePrice, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 8, lastTradeQuantity, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 16, lastTradeTimeNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 24, bboUpdateId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 32, bidPrice, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 40, bidQuantity, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 48, askPrice, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 56, askQuantity, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 64, tickerLastPrice, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 72, tickerVolume, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 80, feedState, ByteOrder.LITTLE_ENDIAN);
        int pos = offset + 88;
        pos += book.snapshotTo(buffer, pos);
        return pos - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int pos = offset;
        lastTradePrice = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        lastTradeQuantity = buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN);
        lastTradeTimeNs = buffer.getLong(pos + 16, ByteOrder.LITTLE_ENDIAN);
        bboUpdateId = buffer.getLong(pos + 24, ByteOrder.LITTLE_ENDIAN);
        bidPrice = buffer.getLong(pos + 32, ByteOrder.LITTLE_ENDIAN);
        bidQuantity = buffer.getLong(pos + 40, ByteOrder.LITTLE_ENDIAN);
        askPrice = buffer.getLong(pos + 48, ByteOrder.LITTLE_ENDIAN);
        askQuantity = buffer.getLong(pos + 56, ByteOrder.LITTLE_ENDIAN);
        tickerLastPrice = buffer.getLong(pos + 64, ByteOrder.LITTLE_ENDIAN);
        tickerVolume = buffer.getLong(pos + 72, ByteOrder.LITTLE_ENDIAN);
        feedState = (int)buffer.getLong(pos + 80, ByteOrder.LITTLE_ENDIAN);
        pos += 88;
        pos += book.restoreFrom(buffer, pos);
        return pos - offset;
    }
}
