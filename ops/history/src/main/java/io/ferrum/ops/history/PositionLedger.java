package io.ferrum.ops.history;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.FixedPointMath;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.order.Position;

import java.util.HashMap;
import java.util.Map;

/**
 * Every strategy's positions rebuilt from the fills on the log with the engine's own {@link Position}
 * (average-cost accounting, fees at the money exponent), so a position row says what the engine's
 * books said, to the last digit of the money exponent. Marks are the last trade price on the log.
 */
final class PositionLedger
{
    /** The engine's money exponent: P&amp;L and fees are mantissas at 10^-8 of the quote currency. */
    static final int MONEY_EXPONENT = -8;

    private final Map<Long, Position> positions = new HashMap<>();
    private final Map<Integer, long[]> lastTradePrice = new HashMap<>(); // instrumentId -> {price, exponent}

    /** A trade on the log: the instrument's mark. */
    void onTrade(final int instrumentId, final long price, final int priceExponent)
    {
        lastTradePrice.put(instrumentId, new long[] {price, priceExponent});
    }

    /**
     * Applies a fill to the strategy's position in the instrument.
     *
     * @return the position after it
     */
    Position onFill(
        final int strategyId, final int instrumentId, final String symbol, final Venue venue, final int priceExponent,
        final int sizeExponent, final Side side, final long price, final long quantity, final long fee,
        final int feeExponent)
    {
        final Position position = positions.computeIfAbsent(((long)strategyId << 32) | (instrumentId & 0xFFFF_FFFFL),
            key -> new Position(strategyId, new Instrument(instrumentId, symbol, venue, priceExponent, sizeExponent, 1, 1),
                MONEY_EXPONENT));
        position.applyFill(side, price, quantity, FixedPointMath.rescale(fee, feeExponent, MONEY_EXPONENT));
        return position;
    }

    /** The mark of {@code position}'s instrument at its price exponent, or 0 when the log had no trade. */
    long mark(final Position position)
    {
        final long[] last = lastTradePrice.get(position.instrumentId());
        return null == last ? 0 :
            FixedPointMath.rescale(last[0], (int)last[1], position.instrument().priceExponent());
    }
}
