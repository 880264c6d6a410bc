package io.ferrum.bench.risk;

import io.ferrum.risk.PortfolioView;

/**
 * A fixed portfolio for the risk benchmarks: array lookups only, like the engine's
 * portfolio is expected to be, so that the benchmark measures risk and not the view.
 */
final class BenchPortfolio implements PortfolioView
{
    private final int instruments;
    private final long[] position;
    private final long[] entry;
    private final long[] openBuy;
    private final long[] openSell;
    private final long[] reference;
    private final int[] strategyOpenOrders;
    private final int[] instrumentOpenOrders;
    private final long[] spendable;
    private long equity;
    private long peak;
    private long pnl;

    BenchPortfolio(final int strategies, final int instruments)
    {
        this.instruments = instruments;
        position = new long[strategies * instruments];
        entry = new long[strategies * instruments];
        openBuy = new long[strategies * instruments];
        openSell = new long[strategies * instruments];
        reference = new long[instruments];
        strategyOpenOrders = new int[strategies];
        instrumentOpenOrders = new int[instruments];
        spendable = new long[instruments];
        java.util.Arrays.fill(spendable, NOT_CHECKED);
    }

    /** The venue account's spendable balance for the instrument's orders (either side): the balance rule on. */
    void spendable(final int i, final long amount)
    {
        spendable[i] = amount;
    }

    void position(final int s, final int i, final long quantity, final long entryPrice)
    {
        position[s * instruments + i] = quantity;
        entry[s * instruments + i] = entryPrice;
    }

    void open(final int s, final int i, final long buy, final long sell, final int orders)
    {
        openBuy[s * instruments + i] = buy;
        openSell[s * instruments + i] = sell;
        strategyOpenOrders[s] += orders;
        instrumentOpenOrders[i] += orders;
    }

    void reference(final int i, final long price)
    {
        reference[i] = price;
    }

    void equity(final long equity, final long peak, final long pnl)
    {
        this.equity = equity;
        this.peak = peak;
        this.pnl = pnl;
    }

    @Override
    public long position(final int strategyId, final int instrumentId)
    {
        return position[strategyId * instruments + instrumentId];
    }

    @Override
    public long openBuyQuantity(final int strategyId, final int instrumentId)
    {
        return openBuy[strategyId * instruments + instrumentId];
    }

    @Override
    public long openSellQuantity(final int strategyId, final int instrumentId)
    {
        return openSell[strategyId * instruments + instrumentId];
    }

    @Override
    public long instrumentPosition(final int instrumentId)
    {
        return position[instrumentId] + position[instruments + instrumentId];
    }

    @Override
    public long instrumentOpenBuyQuantity(final int instrumentId)
    {
        return openBuy[instrumentId] + openBuy[instruments + instrumentId];
    }

    @Override
    public long instrumentOpenSellQuantity(final int instrumentId)
    {
        return openSell[instrumentId] + openSell[instruments + instrumentId];
    }

    @Override
    public long averageEntryPrice(final int strategyId, final int instrumentId)
    {
        return entry[strategyId * instruments + instrumentId];
    }

    @Override
    public int openOrders(final int strategyId)
    {
        return strategyOpenOrders[strategyId];
    }

    @Override
    public int instrumentOpenOrders(final int instrumentId)
    {
        return instrumentOpenOrders[instrumentId];
    }

    @Override
    public int totalOpenOrders()
    {
        return strategyOpenOrders[0] + strategyOpenOrders[1];
    }

    @Override
    public long referencePrice(final int instrumentId)
    {
        return reference[instrumentId];
    }

    @Override
    public long equity()
    {
        return equity;
    }

    @Override
    public long equityPeak()
    {
        return peak;
    }

    @Override
    public long totalPnl()
    {
        return pnl;
    }

    @Override
    public long strategyPnl(final int strategyId)
    {
        return strategyId == 1 ? pnl : 0;
    }

    @Override
    public long spendable(final int instrumentId, final boolean buy)
    {
        return spendable[instrumentId];
    }
}
