package io.ferrum.ops.analytics;

/**
 * Our own trade tape for one symbol, kept as fixed buckets in venue event time so that
 * memory stays bounded whatever the trade rate: 3600 one-second buckets (flows over
 * 1 min, 5 min, 1 h) and 1440 one-minute buckets (rolling 24 h statistics). Windows end
 * at the newest trade time seen, which makes a replayed session give the same figures as
 * the live one did.
 */
public final class TradeTape
{
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    public static final long NANOS_PER_MINUTE = 60L * NANOS_PER_SECOND;
    static final int SECONDS = 3600;
    static final int MINUTES = 1440;

    private final long[] secondId = new long[SECONDS];
    private final long[] secondBuy = new long[SECONDS];
    private final long[] secondSell = new long[SECONDS];
    private final long[] secondCount = new long[SECONDS];

    private final long[] minuteId = new long[MINUTES];
    private final long[] minuteOpen = new long[MINUTES];
    private final long[] minuteHigh = new long[MINUTES];
    private final long[] minuteLow = new long[MINUTES];
    private final long[] minuteClose = new long[MINUTES];
    private final long[] minuteVolume = new long[MINUTES];
    private final double[] minuteQuoteVolume = new double[MINUTES];
    private final long[] minuteCount = new long[MINUTES];

    private long lastTradeTimeNs = Long.MIN_VALUE;
    private long firstTradeTimeNs = Long.MIN_VALUE;

    public TradeTape()
    {
        java.util.Arrays.fill(secondId, Long.MIN_VALUE);
        java.util.Arrays.fill(minuteId, Long.MIN_VALUE);
    }

    /**
     * @param tradeCount venue trades this print stands for (1 for a trade, last - first + 1 for an aggTrade)
     * @param quoteValue price * quantity in quote units
     */
    public void onTrade(
        final long timeNs, final long price, final long quantity, final boolean buyAggressor,
        final long tradeCount, final double quoteValue)
    {
        if (Long.MIN_VALUE == firstTradeTimeNs)
        {
            firstTradeTimeNs = timeNs;
        }
        lastTradeTimeNs = Math.max(lastTradeTimeNs, timeNs);

        final long second = Math.floorDiv(timeNs, NANOS_PER_SECOND);
        final int s = Math.floorMod(second, SECONDS);
        if (secondId[s] != second)
        {
            secondId[s] = second;
            secondBuy[s] = 0;
            secondSell[s] = 0;
            secondCount[s] = 0;
        }
        if (buyAggressor)
        {
            secondBuy[s] += quantity;
        }
        else
        {
            secondSell[s] += quantity;
        }
        secondCount[s] += tradeCount;

        final long minute = Math.floorDiv(timeNs, NANOS_PER_MINUTE);
        final int m = Math.floorMod(minute, MINUTES);
        if (minuteId[m] != minute)
        {
            minuteId[m] = minute;
            minuteOpen[m] = price;
            minuteHigh[m] = price;
            minuteLow[m] = price;
            minuteVolume[m] = 0;
            minuteQuoteVolume[m] = 0;
            minuteCount[m] = 0;
        }
        minuteHigh[m] = Math.max(minuteHigh[m], price);
        minuteLow[m] = Math.min(minuteLow[m], price);
        minuteClose[m] = price;
        minuteVolume[m] += quantity;
        minuteQuoteVolume[m] += quoteValue;
        minuteCount[m] += tradeCount;
    }

    public boolean isEmpty()
    {
        return Long.MIN_VALUE == lastTradeTimeNs;
    }

    public long lastTradeTimeNs()
    {
        return lastTradeTimeNs;
    }

    public long firstTradeTimeNs()
    {
        return firstTradeTimeNs;
    }

    /** Buy, sell quantity (mantissas) and trade count over the {@code seconds} ending at the last trade. */
    public void flows(final int seconds, final long[] buySellCount)
    {
        buySellCount[0] = 0;
        buySellCount[1] = 0;
        buySellCount[2] = 0;
        if (isEmpty())
        {
            return;
        }
        final long last = Math.floorDiv(lastTradeTimeNs, NANOS_PER_SECOND);
        for (long second = last - Math.min(seconds, SECONDS) + 1; second <= last; second++)
        {
            final int s = Math.floorMod(second, SECONDS);
            if (secondId[s] == second)
            {
                buySellCount[0] += secondBuy[s];
                buySellCount[1] += secondSell[s];
                buySellCount[2] += secondCount[s];
            }
        }
    }

    /** Rolling 24 h statistics over the minute buckets ending at the last trade, into {@code out}. */
    public void stats24h(final Stats out)
    {
        out.reset();
        if (isEmpty())
        {
            return;
        }
        final long last = Math.floorDiv(lastTradeTimeNs, NANOS_PER_MINUTE);
        for (long minute = last - MINUTES + 1; minute <= last; minute++)
        {
            final int m = Math.floorMod(minute, MINUTES);
            if (minuteId[m] != minute)
            {
                continue;
            }
            if (0 == out.tradeCount)
            {
                out.open = minuteOpen[m];
                out.high = minuteHigh[m];
                out.low = minuteLow[m];
            }
            out.high = Math.max(out.high, minuteHigh[m]);
            out.low = Math.min(out.low, minuteLow[m]);
            out.last = minuteClose[m];
            out.volume += minuteVolume[m];
            out.quoteVolume += minuteQuoteVolume[m];
            out.tradeCount += minuteCount[m];
        }
        out.windowStartNs = Math.max(firstTradeTimeNs, (last - MINUTES + 1) * NANOS_PER_MINUTE);
        out.windowEndNs = lastTradeTimeNs;
    }

    /** Volume (mantissa) of the minute {@code minute} (epoch minutes), 0 when it had no trades. */
    public long minuteVolume(final long minute)
    {
        final int m = Math.floorMod(minute, MINUTES);
        return minuteId[m] == minute ? minuteVolume[m] : 0;
    }

    /** 24 h statistics from the tape, in the symbol's fixed point (quote volume in quote units). */
    public static final class Stats
    {
        public long open;
        public long high;
        public long low;
        public long last;
        public long volume;
        public double quoteVolume;
        public long tradeCount;
        public long windowStartNs;
        public long windowEndNs;

        void reset()
        {
            open = 0;
            high = 0;
            low = 0;
            last = 0;
            volume = 0;
            quoteVolume = 0;
            tradeCount = 0;
            windowStartNs = 0;
            windowEndNs = 0;
        }
    }
}
