package io.ferrum.engine;

import io.ferrum.codecs.sbe.AccountBalancesEncoder;
import io.ferrum.codecs.sbe.AggTradeEncoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.FeedStatusEncoder;
import io.ferrum.codecs.sbe.KillSwitchEncoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.ReconcileOrdersEncoder;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitEncoder;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.SetTradingStateEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Ticker24hEncoder;
import io.ferrum.codecs.sbe.TimerFiredEncoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.engine.instrument.Instrument;
import org.agrona.MutableDirectBuffer;

/** Encodes Ferrum SBE inputs for tests; each method returns the encoded length, header included. */
public final class TestMessages
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final ReconcileOrdersEncoder reconcile = new ReconcileOrdersEncoder();
    private final AggTradeEncoder aggTrade = new AggTradeEncoder();
    private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
    private final BookDeltaEncoder delta = new BookDeltaEncoder();
    private final BestBidAskEncoder bbo = new BestBidAskEncoder();
    private final Ticker24hEncoder ticker = new Ticker24hEncoder();
    private final FeedStatusEncoder feed = new FeedStatusEncoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final SetTradingStateEncoder tradingState = new SetTradingStateEncoder();
    private final KillSwitchEncoder kill = new KillSwitchEncoder();
    private final SetRiskLimitEncoder riskLimit = new SetRiskLimitEncoder();
    private final TimerFiredEncoder timer = new TimerFiredEncoder();
    private final AccountBalancesEncoder balances = new AccountBalancesEncoder();

    public int trade(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final long tradeId, final long price, final long quantity, final Side aggressor)
    {
        trade.wrapAndApplyHeader(buffer, offset, header);
        trade.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        trade.venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .tradeId(tradeId).price(price).quantity(quantity).tradeTimeNs(timeNs).aggressor(aggressor);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    public int aggTrade(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final long aggTradeId, final long price, final long quantity,
        final long tradeTimeNs, final boolean buyerIsMaker)
    {
        aggTrade.wrapAndApplyHeader(buffer, offset, header);
        aggTrade.source().sourceId(sourceId).sequence(sequence).eventTimeNs(tradeTimeNs).receiveTimeNs(timeNs);
        aggTrade.venue(instrument.venue()).instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .aggTradeId(aggTradeId).price(price).quantity(quantity).firstTradeId(aggTradeId).lastTradeId(aggTradeId)
            .tradeTimeNs(tradeTimeNs).aggressor(buyerIsMaker ? Side.SELL : Side.BUY);
        return MessageHeaderEncoder.ENCODED_LENGTH + aggTrade.encodedLength();
    }

    public int bookSnapshot(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final long lastUpdateId, final long[][] bids, final long[][] asks)
    {
        snapshot.wrapAndApplyHeader(buffer, offset, header);
        snapshot.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        snapshot.venue(instrument.venue()).instrumentId(instrument.instrumentId())
            .putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .lastUpdateId(lastUpdateId);
        final BookSnapshotEncoder.BidsEncoder bidGroup = snapshot.bidsCount(bids.length);
        for (final long[] level : bids)
        {
            bidGroup.next().price(level[0]).quantity(level[1]);
        }
        final BookSnapshotEncoder.AsksEncoder askGroup = snapshot.asksCount(asks.length);
        for (final long[] level : asks)
        {
            askGroup.next().price(level[0]).quantity(level[1]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength();
    }

    public int bookDelta(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final long firstUpdateId, final long lastUpdateId,
        final long[][] bids, final long[][] asks)
    {
        delta.wrapAndApplyHeader(buffer, offset, header);
        delta.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        delta.venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .firstUpdateId(firstUpdateId).lastUpdateId(lastUpdateId);
        final BookDeltaEncoder.BidsEncoder bidGroup = delta.bidsCount(bids.length);
        for (final long[] level : bids)
        {
            bidGroup.next().price(level[0]).quantity(level[1]);
        }
        final BookDeltaEncoder.AsksEncoder askGroup = delta.asksCount(asks.length);
        for (final long[] level : asks)
        {
            askGroup.next().price(level[0]).quantity(level[1]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + delta.encodedLength();
    }

    public int bestBidAsk(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final long updateId,
        final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
        bbo.wrapAndApplyHeader(buffer, offset, header);
        bbo.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        bbo.venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .updateId(updateId).bidPrice(bidPrice).bidQuantity(bidQuantity).askPrice(askPrice).askQuantity(askQuantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + bbo.encodedLength();
    }

    public int ticker(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final long lastPrice, final long volume)
    {
        ticker.wrapAndApplyHeader(buffer, offset, header);
        ticker.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        ticker.venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .quoteExponent((byte)-8).percentExponent((byte)-3).lastPrice(lastPrice).volume(volume)
            .openTimeNs(timeNs - 86_400_000_000_000L).closeTimeNs(timeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + ticker.encodedLength();
    }

    public int feedStatus(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final FeedState state, final String detail)
    {
        feed.wrapAndApplyHeader(buffer, offset, header);
        feed.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        feed.venue(io.ferrum.codecs.sbe.Venue.BINANCE_SPOT).instrumentId(0).streamId(1).state(state)
            .previousState(FeedState.CONNECTED).detail(detail);
        return MessageHeaderEncoder.ENCODED_LENGTH + feed.encodedLength();
    }

    /** A FeedStatus for one instrument on gateway connection {@code streamId}. */
    public int instrumentFeedStatus(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final int streamId, final FeedState state)
    {
        feed.wrapAndApplyHeader(buffer, offset, header);
        feed.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        feed.venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .streamId(streamId).state(state).previousState(FeedState.IN_SYNC).detail("");
        return MessageHeaderEncoder.ENCODED_LENGTH + feed.encodedLength();
    }

    public int executionReport(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence, final long timeNs,
        final Instrument instrument, final long clientOrderId, final ExecType execType, final OrderStatus status,
        final Side side, final long lastPrice, final long lastQuantity, final long cumulativeQuantity,
        final long leavesQuantity, final long fee, final Liquidity liquidity)
    {
        report.wrapAndApplyHeader(buffer, offset, header);
        report.source().sourceId(sourceId).sequence(sequence).eventTimeNs(timeNs).receiveTimeNs(timeNs);
        report.venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .clientOrderId(clientOrderId).venueOrderId(clientOrderId + 1_000_000).execType(execType).orderStatus(status)
            .side(side).priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .lastPrice(lastPrice).lastQuantity(lastQuantity).cumulativeQuantity(cumulativeQuantity)
            .leavesQuantity(leavesQuantity).feeExponent((byte)-8).fee(fee).liquidity(liquidity).tradeId(sequence)
            .venueRejectCode(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength();
    }

    public int setTradingState(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence,
        final Scope scope, final int targetId, final TradingState state)
    {
        tradingState.wrapAndApplyHeader(buffer, offset, header);
        tradingState.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
        tradingState.scope(scope).targetId(targetId).state(state).operatorName("test");
        return MessageHeaderEncoder.ENCODED_LENGTH + tradingState.encodedLength();
    }

    public int killSwitch(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence,
        final Scope scope, final int targetId)
    {
        kill.wrapAndApplyHeader(buffer, offset, header);
        kill.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
        kill.scope(scope).targetId(targetId).operatorName("test");
        return MessageHeaderEncoder.ENCODED_LENGTH + kill.encodedLength();
    }

    public int setRiskLimit(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence,
        final Scope scope, final int targetId, final RiskLimit limit, final int exponent, final long value)
    {
        riskLimit.wrapAndApplyHeader(buffer, offset, header);
        riskLimit.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
        riskLimit.scope(scope).targetId(targetId).riskLimit(limit).valueExponent((byte)exponent).value(value)
            .operatorName("test");
        return MessageHeaderEncoder.ENCODED_LENGTH + riskLimit.encodedLength();
    }

    public int timerFired(
        final MutableDirectBuffer buffer, final int offset, final long timerId, final long deadlineNs, final long timeNs)
    {
        timer.wrapAndApplyHeader(buffer, offset, header);
        timer.timerId(timerId).deadlineNs(deadlineNs).timestampNs(timeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + timer.encodedLength();
    }

    public int reconcileOrders(final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence)
    {
        reconcile.wrapAndApplyHeader(buffer, offset, header);
        reconcile.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + reconcile.encodedLength();
    }

    /** A venue's AccountBalances; {@code assets[i]} as raw bytes (up to 16, NUL padded), so a test can garble one. */
    public int accountBalances(
        final MutableDirectBuffer buffer, final int offset, final int sourceId, final long sequence,
        final BalanceUpdate update, final int exponent, final byte[][] assets, final long[] free, final long[] locked)
    {
        balances.wrapAndApplyHeader(buffer, offset, header);
        balances.source().sourceId(sourceId).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
        balances.venue(io.ferrum.codecs.sbe.Venue.BINANCE_SPOT).update(update).balanceExponent((byte)exponent)
            .updateTimeNs(sequence);
        final AccountBalancesEncoder.BalancesEncoder entries = balances.balancesCount(assets.length);
        for (int i = 0; i < assets.length; i++)
        {
            final byte[] padded = new byte[16];
            System.arraycopy(assets[i], 0, padded, 0, assets[i].length);
            entries.next().putAsset(padded, 0).free(free[i]).locked(locked[i]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + balances.encodedLength();
    }
}
