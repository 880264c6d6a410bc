package io.ferrum.ops.backtest.synthetic;

/**
 * Market regimes of the synthetic price path: each scales volatility, drift, spread and
 * activity; a Markov chain switches between them (docs/backtesting.md).
 */
enum Regime
{
    CALM(0.6, 0.0, 0.5, 0.7),
    TREND_UP(1.0, 2.0, 1.0, 1.0),
    TREND_DOWN(1.0, -2.0, 1.0, 1.0),
    VOLATILE(2.5, 0.0, 4.0, 2.0);

    /** Multiplier of the instrument's volatility. */
    final double volatility;
    /** Annualized drift of the log price. */
    final double drift;
    /** Half-spread in basis points of the mid, before the one-tick floor. */
    final double spreadBps;
    /** Multiplier of the event rate. */
    final double activity;

    Regime(final double volatility, final double drift, final double spreadBps, final double activity)
    {
        this.volatility = volatility;
        this.drift = drift;
        this.spreadBps = spreadBps;
        this.activity = activity;
    }

    private static final Regime[] VALUES = values();

    static Regime of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    static int count()
    {
        return VALUES.length;
    }
}
