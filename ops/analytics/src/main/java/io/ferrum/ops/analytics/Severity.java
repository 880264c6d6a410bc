package io.ferrum.ops.analytics;

/** How loudly an anomaly should be shown; rendered lower case in the report. */
public enum Severity
{
    OK, WARNING, CRITICAL;

    /** |z| < 3 is ok, |z| < 6 a warning, beyond that critical; an unknown z is ok. */
    public static Severity ofZ(final double z)
    {
        final double a = Math.abs(z);
        if (Double.isNaN(a) || a < 3.0)
        {
            return OK;
        }
        return a < 6.0 ? WARNING : CRITICAL;
    }

    public String json()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
