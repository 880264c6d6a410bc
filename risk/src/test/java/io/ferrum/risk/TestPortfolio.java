package io.ferrum.risk;

import io.ferrum.codecs.sbe.Side;

/**
 * A small but real portfolio, standing in for the engine's until the engine wires risk in:
 * it applies fills (position, average entry, cash), tracks open orders and reference
 * prices, and marks equity and P&L at the reference price. Prices and sizes at exponent
 * -8, money at -8.
 */
final class TestPortfolio implements PortfolioView
{
    static final int PE = -8;
    static final int SE = -8;
    static final long UNIT = 100_000_000L;

    private final int strategies;
    private final int instruments;
    private final long[][] position;
    private final long[][] entry;
    private final long[][] openBuy;
    private final long[][] openSell;
    private final int[] strategyOpenOrders;
    private final int[] instrumentOpenOrders;
    private final long[] strategyCash;
    private final long[] reference;
    private final long[][] spendable;
    private final long initialEquity;
    private long peak;

    TestPortfolio(final int strategies, final int instruments, final long initialEquity)
    {
        this.strategies = strategies;
        this.instruments = instruments;
        position = new long[strategies][instruments];
        entry = new long[strategies][instruments];
        openBuy = new long[strategies][instruments];
        openSell = new long[strategies][instruments];
        strategyOpenOrders = new int[strategies];
        instrumentOpenOrders = new int[instruments];
        strategyCash = new long[strategies];
        reference = new long[instruments];
        spendable = new long[2][instruments];
        java.util.Arrays.fill(spendable[0], NOT_CHECKED);
        java.util.Arrays.fill(spendable[1], NOT_CHECKED);
        this.initialEquity = initialEquity;
        peak = initialEquity;
    }

    void reference(final int instrumentId, final long price)
    {
        reference[instrumentId] = price;
        markPeak();
    }

    /** What an order of that side may spend (at the balance exponent): the balance rule applies from now on. */
    void spendable(final int instrumentId, final boolean buy, final long value)
    {
        spendable[buy ? 1 : 0][instrumentId] = value;
    }

    public long spendable(final int instrumentId, final boolean buy)
    {
        return spendable[buy ? 1 : 0][instrumentId];
    }

    void markPeak()
    {
        peak = Math.max(peak, equity());
    }

    void addOpen(final int s, final int i, final Side side, final long quantity)
    {
        if (side == Side.BUY)
        {
            openBuy[s][i] += quantity;
        }
        else
        {
            openSell[s][i] += quantity;
        }
        strategyOpenOrders[s]++;
        instrumentOpenOrders[i]++;
    }

    void removeOpen(final int s, final int i, final Side side, final long quantity)
    {
        if (side == Side.BUY)
        {
            openBuy[s][i] -= quantity;
        }
        else
        {
            openSell[s][i] -= quantity;
        }
        strategyOpenOrders[s]--;
        instrumentOpenOrders[i]--;
    }

    /** A fill of resting orders on one side: their open quantity shrinks by the fill. */
    void fillResting(final int s, final int i, final Side side, final long price, final long quantity)
    {
        if (side == Side.BUY)
        {
            openBuy[s][i] -= quantity;
        }
        else
        {
            openSell[s][i] -= quantity;
        }
        fill(s, i, side, price, quantity);
    }

    /** Applies a fill of an order that was not resting (or call removeOpen first). */
    void fill(final int s, final int i, final Side side, final long price, final long quantity)
    {
        final long signed = side == Side.BUY ? quantity : -quantity;
        final long before = position[s][i];
        final long after = before + signed;
        if (before == 0 || Long.signum(before) != Long.signum(after) && after != 0)
        {
            entry[s][i] = price;
        }
        else if (Long.signum(before) == Long.signum(signed))
        {
            entry[s][i] = java.math.BigInteger.valueOf(entry[s][i]).multiply(java.math.BigInteger.valueOf(Math.abs(before)))
                .add(java.math.BigInteger.valueOf(price).multiply(java.math.BigInteger.valueOf(quantity)))
                .divide(java.math.BigInteger.valueOf(Math.abs(after))).longValueExact();
        }
        if (after == 0)
        {
            entry[s][i] = 0;
        }
        position[s][i] = after;
        strategyCash[s] -= signedMoney(signed, price);
        markPeak();
    }

    private static long signedMoney(final long signedQuantity, final long price)
    {
        final long money = FixedMath.scaledProduct(Math.abs(signedQuantity), price, PE + SE - RiskManager.MONEY_EXPONENT,
            false);
        return signedQuantity < 0 ? -money : money;
    }

    @Override
    public long position(final int strategyId, final int instrumentId)
    {
        return position[strategyId][instrumentId];
    }

    @Override
    public long openBuyQuantity(final int strategyId, final int instrumentId)
    {
        return openBuy[strategyId][instrumentId];
    }

    @Override
    public long openSellQuantity(final int strategyId, final int instrumentId)
    {
        return openSell[strategyId][instrumentId];
    }

    @Override
    public long instrumentPosition(final int instrumentId)
    {
        long sum = 0;
        for (int s = 0; s < strategies; s++)
        {
            sum += position[s][instrumentId];
        }
        return sum;
    }

    @Override
    public long instrumentOpenBuyQuantity(final int instrumentId)
    {
        long sum = 0;
        for (int s = 0; s < strategies; s++)
        {
            sum += openBuy[s][instrumentId];
        }
        return sum;
    }

    @Override
    public long instrumentOpenSellQuantity(final int instrumentId)
    {
        long sum = 0;
        for (int s = 0; s < strategies; s++)
        {
            sum += openSell[s][instrumentId];
        }
        return sum;
    }

    @Override
    public long averageEntryPrice(final int strategyId, final int instrumentId)
    {
        return entry[strategyId][instrumentId];
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
        int sum = 0;
        for (final int n : strategyOpenOrders)
        {
            sum += n;
        }
        return sum;
    }

    @Override
    public long referencePrice(final int instrumentId)
    {
        return reference[instrumentId];
    }

    @Override
    public long equity()
    {
        return initialEquity + totalPnl();
    }

    @Override
    public long equityPeak()
    {
        return peak;
    }

    @Override
    public long totalPnl()
    {
        long sum = 0;
        for (int s = 0; s < strategies; s++)
        {
            sum += strategyPnl(s);
        }
        return sum;
    }

    @Override
    public long strategyPnl(final int strategyId)
    {
        long pnl = strategyCash[strategyId];
        for (int i = 0; i < instruments; i++)
        {
            pnl += signedMoney(position[strategyId][i], reference[i]);
        }
        return pnl;
    }
}
