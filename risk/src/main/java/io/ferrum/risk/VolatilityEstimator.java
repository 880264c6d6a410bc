package io.ferrum.risk;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Rolling volatility per instrument in integer math: the reference price is sampled at a
 * fixed log-time interval, each sample's return is kept in parts per million, and the
 * estimate is the root mean square of the last {@code window} returns (mean taken as
 * zero, as usual for short horizons), computed with an integer square root. Same samples,
 * same number on every machine.
 */
final class VolatilityEstimator
{
    /** Returns are clamped to +-3000% so that a window of squares cannot overflow. */
    static final long MAX_RETURN_PPM = 30_000_000L;
    static final long NOT_WARM = -1;
    private static final long PPM = 1_000_000L;

    private final int window;
    private final long sampleIntervalNs;
    private final long[] lastSampleNs;
    private final long[] lastPrice;
    private final long[] squares;
    private final int[] head;
    private final int[] count;
    private final long[] sumOfSquares;

    VolatilityEstimator(final int instruments, final int window, final long sampleIntervalNs)
    {
        this.window = window;
        this.sampleIntervalNs = sampleIntervalNs;
        lastSampleNs = new long[instruments];
        lastPrice = new long[instruments];
        squares = new long[instruments * window];
        head = new int[instruments];
        count = new int[instruments];
        sumOfSquares = new long[instruments];
    }

    void onPrice(final int instrumentId, final long price, final long nowNs)
    {
        if (price <= 0)
        {
            return;
        }
        final long previous = lastPrice[instrumentId];
        if (previous == 0)
        {
            lastPrice[instrumentId] = price;
            lastSampleNs[instrumentId] = nowNs;
            return;
        }
        if (nowNs - lastSampleNs[instrumentId] < sampleIntervalNs)
        {
            return;
        }
        final long move = FixedMath.scaledProduct(Math.abs(price - previous), PPM, 0, false);
        final long returnPpm = move == FixedMath.SATURATED ? MAX_RETURN_PPM : Math.min(move / previous, MAX_RETURN_PPM);
        final long square = returnPpm * returnPpm;
        final int slot = instrumentId * window + head[instrumentId];
        if (count[instrumentId] == window)
        {
            sumOfSquares[instrumentId] -= squares[slot];
        }
        else
        {
            count[instrumentId]++;
        }
        squares[slot] = square;
        sumOfSquares[instrumentId] += square;
        head[instrumentId] = (head[instrumentId] + 1) % window;
        lastPrice[instrumentId] = price;
        lastSampleNs[instrumentId] = nowNs;
    }

    /** Volatility of one sample interval in parts per million, or {@link #NOT_WARM} before the window is full. */
    long volatilityPpm(final int instrumentId)
    {
        if (count[instrumentId] < window)
        {
            return NOT_WARM;
        }
        return FixedMath.sqrt(sumOfSquares[instrumentId] / window);
    }

    void reset()
    {
        Arrays.fill(lastSampleNs, 0);
        Arrays.fill(lastPrice, 0);
        Arrays.fill(squares, 0);
        Arrays.fill(head, 0);
        Arrays.fill(count, 0);
        Arrays.fill(sumOfSquares, 0);
    }

    /** Writes instruments that have seen a price: id, times, ring in slot order. */
    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset + Integer.BYTES;
        int written = 0;
        for (int i = 0; i < lastPrice.length; i++)
        {
            if (lastPrice[i] == 0)
            {
                continue;
            }
            written++;
            buffer.putInt(at, i);
            buffer.putLong(at + 4, lastSampleNs[i]);
            buffer.putLong(at + 12, lastPrice[i]);
            buffer.putInt(at + 20, head[i]);
            buffer.putInt(at + 24, count[i]);
            at += 28;
            for (int k = 0; k < count[i]; k++)
            {
                buffer.putLong(at, squares[i * window + k]);
                at += Long.BYTES;
            }
        }
        buffer.putInt(offset, written);
        return at - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        reset();
        final int n = buffer.getInt(offset);
        int at = offset + Integer.BYTES;
        for (int e = 0; e < n; e++)
        {
            final int i = buffer.getInt(at);
            final int h = buffer.getInt(at + 20);
            final int c = buffer.getInt(at + 24);
            if (i < 0 || i >= lastPrice.length || c < 0 || c > window || h < 0 || h >= window)
            {
                throw new IllegalStateException("corrupt risk snapshot: volatility entry " + i);
            }
            lastSampleNs[i] = buffer.getLong(at + 4);
            lastPrice[i] = buffer.getLong(at + 12);
            head[i] = h;
            count[i] = c;
            at += 28;
            long sum = 0;
            for (int k = 0; k < c; k++)
            {
                squares[i * window + k] = buffer.getLong(at);
                sum += squares[i * window + k];
                at += Long.BYTES;
            }
            sumOfSquares[i] = sum;
        }
        return at - offset;
    }
}
