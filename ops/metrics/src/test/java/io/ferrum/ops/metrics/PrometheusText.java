package io.ferrum.ops.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (version 0.0.4) for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample whose metric was typed before; samples are kept by
 * their series text ({@code name{a="1"}}, labels as written). Anything else fails.
 */
public final class PrometheusText
{
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
        "(" + NAME + ")(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*})? " +
        "([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");

    public final Map<String, String> types = new LinkedHashMap<>();
    public final Map<String, Double> samples = new LinkedHashMap<>();

    private PrometheusText()
    {
    }

    public static PrometheusText parse(final String text)
    {
        final PrometheusText parsed = new PrometheusText();
        int lineNumber = 0;
        for (final String line : text.split("\n", -1))
        {
            lineNumber++;
            if (line.isEmpty() && lineNumber > 1)
            {
                continue; // the trailing newline
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches())
            {
                if (parsed.types.put(m.group(1), m.group(2)) != null)
                {
                    throw new AssertionError("line " + lineNumber + ": second TYPE for " + m.group(1));
                }
            }
            else if (HELP.matcher(line).matches())
            {
                continue;
            }
            else if ((m = SAMPLE.matcher(line)).matches())
            {
                final String name = m.group(1);
                if (!parsed.types.containsKey(family(name, parsed.types)))
                {
                    throw new AssertionError("line " + lineNumber + ": sample before its TYPE: " + line);
                }
                final String series = name + (m.group(2) == null ? "" : m.group(2));
                if (parsed.samples.put(series, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))) != null)
                {
                    throw new AssertionError("line " + lineNumber + ": series twice: " + series);
                }
            }
            else
            {
                throw new AssertionError("line " + lineNumber + " is not Prometheus text: '" + line + "'");
            }
        }
        return parsed;
    }

    private static String family(final String sample, final Map<String, String> types)
    {
        for (final String suffix : new String[] {"_total", "_bucket", "_count", "_sum", "_created"})
        {
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length())))
            {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    /** The value of one series, e.g. {@code ferrum_engine_fills_total{member="0"}}; fails when absent. */
    public double value(final String series)
    {
        final Double value = samples.get(series);
        if (null == value)
        {
            throw new AssertionError("no series " + series + " in " + samples.keySet());
        }
        return value;
    }
}
