package io.ferrum.strategy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A strategy's parameters: the {@code key = value} entries under a prefix (a strategies file's
 * {@code strategy.<id>.}), read as typed values with defaults. A key under the prefix that is not
 * one of the names the strategy declares is refused when this is made: a misspelt parameter must
 * stop the start, not leave its default in force unnoticed. Cold path: read them in the
 * strategy's constructor.
 */
public final class StrategyParameters
{
    private final Map<String, String> values;
    private final String prefix;

    /**
     * @param values every key and value (keys outside {@code prefix} are ignored)
     * @param prefix e.g. {@code strategy.mm.}
     * @param names  the names a key under {@code prefix} may have
     * @throws IllegalArgumentException naming the first unknown key
     */
    public StrategyParameters(final Map<String, String> values, final String prefix, final Set<String> names)
    {
        for (final String key : new TreeSet<>(values.keySet()))
        {
            if (key.startsWith(prefix) && !names.contains(key.substring(prefix.length())))
            {
                throw new IllegalArgumentException(
                    "unknown key '" + key + "', expected " + prefix + "<one of " + new TreeSet<>(names) + ">");
            }
        }
        this.values = values;
        this.prefix = prefix;
    }

    public boolean contains(final String name)
    {
        return values.containsKey(prefix + name);
    }

    public int integer(final String name, final int fallback)
    {
        final String value = values.get(prefix + name);
        if (null == value)
        {
            return fallback;
        }
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(prefix + name + " must be an integer: '" + value + "'");
        }
    }

    public long longValue(final String name, final long fallback)
    {
        final String value = values.get(prefix + name);
        if (null == value)
        {
            return fallback;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(prefix + name + " must be an integer: '" + value + "'");
        }
    }

    public String string(final String name, final String fallback)
    {
        final String value = values.get(prefix + name);
        return null == value ? fallback : value;
    }
}
