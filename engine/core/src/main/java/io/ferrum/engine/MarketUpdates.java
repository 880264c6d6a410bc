package io.ferrum.engine;

import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.order.StrategyTypes;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.strategy.Strategy;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.engine.telemetry.RejectLog;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Applies market data to the engine's markets (books, top of book, last trade, ticker, feed
 * state), tells the pre-trade check when an instrument's reference price moved, then calls every
 * strategy in registration order. Inputs for unknown instruments or with other exponents than the
 * instrument's are counted and recorded, never applied.
 */
final class MarketUpdates
{
    private final Engine engine;
    private final Int2ObjectHashMap<Market> markets;
    private final Strategy[] strategies;
    private final PreTradeCheck preTradeCheck;
    private final EngineCounters counters;
    private final TickerFlyweight tickerView = new TickerFlyweight();

    MarketUpdates(final Engine engine, final Int2ObjectHashMap<Market> markets, final Strategy[] strategies)
    {
        this.engine = engine;
        this.markets = markets;
        this.strategies = strategies;
        this.preTradeCheck = engine.preTradeCheck();
        this.counters = engine.counters();
    }

    void onTrade(
        final int instrumentId, final int priceExponent, final int sizeExponent, final long price, final long quantity,
        final Side aggressor, final long tradeTimeNs)
    {
        final Market market = marketFor(instrumentId, priceExponent, sizeExponent);
        if (market == null)
        {
            return;
        }
        if (price <= 0 || quantity <= 0)
        {
            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, instrumentId, price);
            return;
        }
        final long referenceBefore = market.referencePrice();
        market.lastTradePrice = price;
        market.lastTradeQuantity = quantity;
        market.lastTradeTimeNs = tradeTimeNs;
        referencePriceMayHaveChanged(market, referenceBefore);
        final long timeNs = engine.timeNs;
        final io.ferrum.strategy.Side side = StrategyTypes.toApi(aggressor);
        engine.inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onTrade(instrumentId, price, quantity, side, timeNs);
        }
        engine.inStrategy = false;
    }

    void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        final Market market = marketFor(snapshot.instrumentId(), snapshot.priceExponent(), snapshot.sizeExponent());
        if (market != null)
        {
            final long referenceBefore = market.referencePrice();
            final int outcome = market.book().apply(snapshot, engine.timeNs);
            referencePriceMayHaveChanged(market, referenceBefore);
            afterBookUpdate(market, outcome);
        }
    }

    void onBookDelta(final BookDeltaDecoder delta)
    {
        final Market market = marketFor(delta.instrumentId(), delta.priceExponent(), delta.sizeExponent());
        if (market != null)
        {
            final long referenceBefore = market.referencePrice();
            final int outcome = market.book().apply(delta, engine.timeNs);
            referencePriceMayHaveChanged(market, referenceBefore);
            afterBookUpdate(market, outcome);
        }
    }

    void onBestBidAsk(final BestBidAskDecoder d)
    {
        final Market market = marketFor(d.instrumentId(), d.priceExponent(), d.sizeExponent());
        if (market == null)
        {
            return;
        }
        if (d.updateId() < market.bboUpdateId)
        {
            counters.increment(EngineCounters.STALE_BOOK_UPDATES);
            return;
        }
        final long referenceBefore = market.referencePrice();
        market.bboUpdateId = d.updateId();
        market.bidPrice = d.bidPrice();
        market.bidQuantity = d.bidQuantity();
        market.askPrice = d.askPrice();
        market.askQuantity = d.askQuantity();
        referencePriceMayHaveChanged(market, referenceBefore);
        engine.inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onBestBidAsk(d.instrumentId(), market.bidPrice, market.bidQuantity, market.askPrice,
                market.askQuantity);
        }
        engine.inStrategy = false;
    }

    void onTicker(final Ticker24hDecoder ticker)
    {
        final Market market = marketFor(ticker.instrumentId(), ticker.priceExponent(), ticker.sizeExponent());
        if (market == null)
        {
            return;
        }
        market.tickerLastPrice = ticker.lastPrice();
        market.tickerVolume = ticker.volume();
        tickerView.wrap(ticker);
        engine.inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onTicker(ticker.instrumentId(), tickerView);
        }
        engine.inStrategy = false;
    }

    /** Instrument 0 is the connection; the pre-trade check hears every status (feed-health rules). */
    void onFeedStatus(final FeedStatusDecoder feedStatus)
    {
        counters.increment(EngineCounters.FEED_STATUS_CHANGES);
        final int instrumentId = feedStatus.instrumentId();
        final int state = feedStatus.stateRaw();
        if (instrumentId == 0)
        {
            engine.connectionFeedState = state;
        }
        else
        {
            final Market market = markets.get(instrumentId);
            if (market == null)
            {
                engine.inputReject(
                    EngineCounters.UNKNOWN_INSTRUMENT_INPUTS, RejectLog.INPUT_UNKNOWN_INSTRUMENT, instrumentId, 0);
                return;
            }
            market.feedState = state;
        }
        preTradeCheck.onFeedStatus(feedStatus.sbeRewind(), engine.timeNs);
    }

    /** The market of an input, or null (counted) when the instrument is unknown or the exponents differ. */
    private Market marketFor(final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        final Market market = markets.get(instrumentId);
        if (market == null)
        {
            engine.inputReject(
                EngineCounters.UNKNOWN_INSTRUMENT_INPUTS, RejectLog.INPUT_UNKNOWN_INSTRUMENT, instrumentId, 0);
            return null;
        }
        final Instrument instrument = market.instrument();
        if (priceExponent != instrument.priceExponent() || sizeExponent != instrument.sizeExponent())
        {
            engine.inputReject(EngineCounters.EXPONENT_MISMATCHES, RejectLog.INPUT_EXPONENT_MISMATCH, instrumentId,
                priceExponent * 1000L + sizeExponent);
            return null;
        }
        counters.increment(EngineCounters.MARKET_DATA_EVENTS);
        return market;
    }

    private void referencePriceMayHaveChanged(final Market market, final long before)
    {
        final long now = market.referencePrice();
        if (now != before)
        {
            preTradeCheck.onReferencePrice(market.instrument().instrumentId(), now, engine.timeNs);
        }
    }

    private void afterBookUpdate(final Market market, final int outcome)
    {
        if (outcome == OrderBook.STALE)
        {
            counters.increment(EngineCounters.STALE_BOOK_UPDATES);
            return;
        }
        if (outcome == OrderBook.NO_SNAPSHOT)
        {
            counters.increment(EngineCounters.BOOK_UPDATES_WITHOUT_SNAPSHOT);
            return;
        }
        final OrderBook book = market.book();
        if (book.isCrossed())
        {
            counters.increment(EngineCounters.CROSSED_BOOKS);
        }
        engine.inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onBook(book);
        }
        engine.inStrategy = false;
    }
}
