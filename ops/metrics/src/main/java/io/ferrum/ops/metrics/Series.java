package io.ferrum.ops.metrics;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.engine.api.MetricCounters;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Ferrum counter as read from a CnC: its name, labels, kind and value. The raw value is the
 * counter; {@link #value()} applies its decimal exponent (a price or an amount of money kept as a
 * fixed-point mantissa).
 */
public final class Series
{
    private final String name;
    private final Map<String, String> labels;
    private final int kind;
    private final int exponent;
    private final long raw;

    Series(final String name, final Map<String, String> labels, final int kind, final int exponent, final long raw)
    {
        this.name = name;
        this.labels = Collections.unmodifiableMap(labels);
        this.kind = kind;
        this.exponent = exponent;
        this.raw = raw;
    }

    /**
     * Parses a counter's label, {@code name{a="1",b="x"}}.
     *
     * @return null when the label is not a series (another program's counter of the same type id)
     */
    static Series parse(final String label, final int kind, final int exponent, final long raw)
    {
        final int brace = label.indexOf('{');
        final String name = brace < 0 ? label : label.substring(0, brace);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"))
        {
            return null;
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0)
        {
            if (!label.endsWith("}"))
            {
                return null;
            }
            int i = brace + 1;
            final int end = label.length() - 1;
            while (i < end)
            {
                final int eq = label.indexOf("=\"", i);
                final int close = eq < 0 ? -1 : label.indexOf('"', eq + 2);
                if (eq < 0 || close < 0 || close > end)
                {
                    return null;
                }
                labels.put(label.substring(i, eq), label.substring(eq + 2, close));
                i = close + 1;
                if (i < end && label.charAt(i) == ',')
                {
                    i++;
                }
            }
        }
        return new Series(name, labels, kind, exponent, raw);
    }

    public String name()
    {
        return name;
    }

    public Map<String, String> labels()
    {
        return labels;
    }

    /** A label's value, or null. */
    public String label(final String labelName)
    {
        return labels.get(labelName);
    }

    /** {@link MetricCounters#COUNTER} or {@link MetricCounters#GAUGE}. */
    public int kind()
    {
        return kind;
    }

    public boolean isCounter()
    {
        return MetricCounters.COUNTER == kind;
    }

    /** The counter's value as stored: a count, or a mantissa at {@link #exponent()}. */
    public long raw()
    {
        return raw;
    }

    public int exponent()
    {
        return exponent;
    }

    /** {@code raw * 10^exponent}. */
    public double value()
    {
        return 0 == exponent ? raw : BigDecimal.valueOf(raw, -exponent).doubleValue();
    }

    /** The value written with exactly {@code -exponent} decimals, as Ferrum prints prices and money. */
    public String text()
    {
        return exponent < 0 ? FixedPoint.format(raw, exponent) : Long.toString(raw);
    }

    /** {@code name{a="1",b="x"}}, as the counter's label and Prometheus write it. */
    public String series()
    {
        if (labels.isEmpty())
        {
            return name;
        }
        final StringBuilder text = new StringBuilder(name).append('{');
        labels.forEach((key, value) -> text.append(key).append("=\"").append(value).append("\","));
        text.setCharAt(text.length() - 1, '}');
        return text.toString();
    }

    public String toString()
    {
        return series() + " " + text();
    }
}
