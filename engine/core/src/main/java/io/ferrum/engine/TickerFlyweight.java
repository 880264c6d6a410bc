package io.ferrum.engine;

import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.strategy.TickerView;

/** A strategy's {@link TickerView} over the decoder of the input being dispatched; one per engine, re-wrapped per ticker. */
final class TickerFlyweight implements TickerView
{
    private Ticker24hDecoder decoder;

    TickerFlyweight wrap(final Ticker24hDecoder decoder)
    {
        this.decoder = decoder;
        return this;
    }

    public int instrumentId()
    {
        return decoder.instrumentId();
    }

    public int quoteExponent()
    {
        return decoder.quoteExponent();
    }

    public int percentExponent()
    {
        return decoder.percentExponent();
    }

    public long priceChange()
    {
        return decoder.priceChange();
    }

    public long priceChangePercent()
    {
        return decoder.priceChangePercent();
    }

    public long weightedAveragePrice()
    {
        return decoder.weightedAvgPrice();
    }

    public long previousClosePrice()
    {
        return decoder.prevClosePrice();
    }

    public long lastPrice()
    {
        return decoder.lastPrice();
    }

    public long lastQuantity()
    {
        return decoder.lastQuantity();
    }

    public long bidPrice()
    {
        return decoder.bidPrice();
    }

    public long bidQuantity()
    {
        return decoder.bidQuantity();
    }

    public long askPrice()
    {
        return decoder.askPrice();
    }

    public long askQuantity()
    {
        return decoder.askQuantity();
    }

    public long openPrice()
    {
        return decoder.openPrice();
    }

    public long highPrice()
    {
        return decoder.highPrice();
    }

    public long lowPrice()
    {
        return decoder.lowPrice();
    }

    public long volume()
    {
        return decoder.volume();
    }

    public long quoteVolume()
    {
        return decoder.quoteVolume();
    }

    public long openTimeNs()
    {
        return decoder.openTimeNs();
    }

    public long closeTimeNs()
    {
        return decoder.closeTimeNs();
    }

    public long tradeCount()
    {
        return decoder.tradeCount();
    }
}
