package io.ferrum.ops.backtest.synthetic;

import java.util.SplittableRandom;

/**
 * Fast, reproducible samples: standard normal and unit exponential variates by linear
 * interpolation in quantile tables built once with {@link StrictMath}, so that a seed gives
 * the same numbers on every JVM and no transcendental function runs per event. The tables
 * have 8192 cells: normal samples lie within +-3.8 sigma (fat tails come from the regimes),
 * exponential ones below 9.
 */
final class Distributions
{
    private static final int CELLS = 8192;
    private static final double[] NORMAL = table(true);
    private static final double[] EXPONENTIAL = table(false);

    private Distributions()
    {
    }

    static double gaussian(final SplittableRandom random)
    {
        return sample(NORMAL, random.nextDouble());
    }

    static double exponential(final SplittableRandom random)
    {
        return sample(EXPONENTIAL, random.nextDouble());
    }

    private static double sample(final double[] table, final double uniform)
    {
        final double x = uniform * CELLS;
        final int i = (int)x;
        final double fraction = x - i;
        return table[i] + (table[i + 1] - table[i]) * fraction;
    }

    /** Quantiles at the midpoints (i + 0.5) / (CELLS + 1), so both ends stay finite. */
    private static double[] table(final boolean normal)
    {
        final double[] table = new double[CELLS + 1];
        for (int i = 0; i <= CELLS; i++)
        {
            final double p = (i + 0.5) / (CELLS + 1);
            table[i] = normal ? inverseNormal(p) : -StrictMath.log(1.0 - p);
        }
        return table;
    }

    /** Acklam's rational approximation of the inverse standard normal CDF (relative error below 1.2e-9). */
    static double inverseNormal(final double p)
    {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        final double low = 0.02425;
        if (p < low)
        {
            final double q = StrictMath.sqrt(-2 * StrictMath.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low)
        {
            return -inverseNormal(1 - p);
        }
        final double q = p - 0.5;
        final double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
