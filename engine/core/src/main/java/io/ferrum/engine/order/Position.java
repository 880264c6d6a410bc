package io.ferrum.engine.order;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.FixedPointMath;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.strategy.PositionView;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * One strategy's position in one instrument. Quantity is signed (long &gt; 0, short &lt; 0) at the
 * instrument's size exponent; money (cost basis, P&amp;L, fees) at the portfolio's money exponent,
 * in the instrument's quote currency.
 * <p>
 * Average-cost accounting (see docs/engine.md): {@code costBasis} is the signed notional paid
 * for the open quantity. A fill that adds to the position adds its notional; a fill that reduces
 * it releases the proportional share of the cost basis and books the difference as realized P&amp;L;
 * a fill that flips the position closes the old one fully and opens the rest at the fill price.
 */
public final class Position implements PositionView
{
    static final int SNAPSHOT_LENGTH = 4 + 4 + 8 * 8;

    private final int strategyId;
    private final Instrument instrument;
    private final int moneyExponent;
    private long quantity;
    private long costBasis;
    private long realizedPnl;
    private long fees;
    private long boughtQuantity;
    private long soldQuantity;
    private long fillCount;
    private long tradedNotional;

    public Position(final int strategyId, final Instrument instrument, final int moneyExponent)
    {
        this.strategyId = strategyId;
        this.instrument = instrument;
        this.moneyExponent = moneyExponent;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public int instrumentId()
    {
        return instrument.instrumentId();
    }

    public Instrument instrument()
    {
        return instrument;
    }

    /** Signed open quantity at the instrument's size exponent. */
    public long quantity()
    {
        return quantity;
    }

    /** Signed notional of the open quantity at its average cost, money exponent. */
    public long costBasis()
    {
        return costBasis;
    }

    /** Average entry price at the instrument's price exponent (truncated); 0 when flat. */
    public long averagePrice()
    {
        if (quantity == 0)
        {
            return 0;
        }
        // costBasis (money exp) / quantity (size exp) = price at exponent (money - size); rescale to price.
        final int shift = moneyExponent - instrument.sizeExponent() - instrument.priceExponent();
        final long scaled = shift >= 0 ?
            FixedPointMath.mulDiv(Math.abs(costBasis), FixedPoint.powerOfTen(shift), 1) :
            Math.abs(costBasis) / FixedPoint.powerOfTen(-shift);
        return scaled / Math.abs(quantity);
    }

    /** Realized P&amp;L before fees, money exponent. */
    public long realizedPnl()
    {
        return realizedPnl;
    }

    /** Fees paid (negative for net rebates), money exponent. */
    public long fees()
    {
        return fees;
    }

    /** Mark-to-market P&amp;L of the open quantity at {@code markPrice}; 0 when flat or no mark. */
    public long unrealizedPnl(final long markPrice)
    {
        if (quantity == 0 || markPrice <= 0)
        {
            return 0;
        }
        final long markValue = FixedPointMath.notional(
            markPrice, instrument.priceExponent(), quantity, instrument.sizeExponent(), moneyExponent);
        return markValue - costBasis;
    }

    public long boughtQuantity()
    {
        return boughtQuantity;
    }

    public long soldQuantity()
    {
        return soldQuantity;
    }

    public long fillCount()
    {
        return fillCount;
    }

    /** Sum of |fill notional|, money exponent: turnover. */
    public long tradedNotional()
    {
        return tradedNotional;
    }

    /**
     * Applies a fill. {@code fee} is already at the money exponent.
     *
     * @return the realized P&amp;L this fill booked (before fees)
     */
    public long applyFill(final Side side, final long price, final long fillQuantity, final long fee)
    {
        final long signed = side == Side.BUY ? fillQuantity : -fillQuantity;
        final long notional = FixedPointMath.notional(
            price, instrument.priceExponent(), fillQuantity, instrument.sizeExponent(), moneyExponent);
        fillCount++;
        fees += fee;
        tradedNotional += notional;
        if (side == Side.BUY)
        {
            boughtQuantity += fillQuantity;
        }
        else
        {
            soldQuantity += fillQuantity;
        }

        if (quantity == 0 || (quantity > 0) == (signed > 0))
        {
            quantity += signed;
            costBasis += signed > 0 ? notional : -notional;
            return 0;
        }

        final long open = Math.abs(quantity);
        final long closing = Math.min(fillQuantity, open);
        final long releasedCost = FixedPointMath.mulDiv(costBasis, closing, open);
        final long closingNotional = closing == fillQuantity ? notional : FixedPointMath.notional(
            price, instrument.priceExponent(), closing, instrument.sizeExponent(), moneyExponent);
        final long closingValue = quantity > 0 ? closingNotional : -closingNotional;
        final long realized = closingValue - releasedCost;
        realizedPnl += realized;
        costBasis -= releasedCost;
        quantity += signed;
        if (fillQuantity > closing)
        {
            final long opening = notional - closingNotional;
            costBasis = signed > 0 ? opening : -opening;
        }
        else if (quantity == 0)
        {
            costBasis = 0;
        }
        return realized;
    }

    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, strategyId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + 4, instrument.instrumentId(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 8, quantity, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 16, costBasis, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 24, realizedPnl, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 32, fees, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 40, boughtQuantity, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 48, soldQuantity, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 56, fillCount, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 64, tradedNotional, ByteOrder.LITTLE_ENDIAN);
        return SNAPSHOT_LENGTH;
    }

    void restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int pos = offset + 8;
        quantity = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        costBasis = buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN);
        realizedPnl = buffer.getLong(pos + 16, ByteOrder.LITTLE_ENDIAN);
        fees = buffer.getLong(pos + 24, ByteOrder.LITTLE_ENDIAN);
        boughtQuantity = buffer.getLong(pos + 32, ByteOrder.LITTLE_ENDIAN);
        soldQuantity = buffer.getLong(pos + 40, ByteOrder.LITTLE_ENDIAN);
        fillCount = buffer.getLong(pos + 48, ByteOrder.LITTLE_ENDIAN);
        tradedNotional = buffer.getLong(pos + 56, ByteOrder.LITTLE_ENDIAN);
    }
}
