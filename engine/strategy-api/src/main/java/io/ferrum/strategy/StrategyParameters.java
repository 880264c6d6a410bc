package io.ferrum.strategy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A strategy's parameters: the {@code key = value} entries under a prefix (a strategies file's
 * {@code strategy.<name>.}), read as typed values with defaults. It remembers which names were
 * read: {@link #refuseUnknown()} then refuses any other key under the prefix, so that a misspelt
 * parameter stops the start instead of leaving its default in force unnoticed (the engine's loader
 * calls it after the strategy's constructor). Cold path: read them in the constructor.
 */
public final class StrategyParameters
{
    private final Map<String, String> values = new TreeMap<>();
    private final String prefix;
    private final Set<String> read = new TreeSet<>();

    /**
     * @param values every key and value (keys outside {@code prefix} are ignored)
     * @param prefix e.g. {@code strategy.mm.}
     */
    public StrategyParameters(final Map<String, String> values, final String prefix)
    {
        for (final Map.Entry<String, String> entry : values.entrySet())
        {
            if (entry.getKey().startsWith(prefix))
            {
                this.values.put(entry.getKey().substring(prefix.length()), entry.getValue());
            }
        }
        this.prefix = prefix;
    }

    public String prefix()
    {
        return prefix;
    }

    public boolean contains(final String name)
    {
        read.add(name);
        return values.containsKey(name);
    }

    public int integer(final String name, final int fallback)
    {
        final String value = value(name);
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
        final String value = value(name);
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
        final String value = value(name);
        return null == value ? fallback : value;
    }

    /**
     * @throws IllegalArgumentException naming the first key under the prefix that was never read,
     *                                  and the names that were
     */
    public void refuseUnknown()
    {
        for (final String name : values.keySet())
        {
            if (!read.contains(name))
            {
                throw new IllegalArgumentException(
                    "unknown key '" + prefix + name + "', expected " + prefix + "<one of " + read + ">");
            }
        }
    }

    /** Every parameter, {@code name = value} lines sorted by name, without the prefix: what a journal records. */
    public String describe()
    {
        final StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
        return text.toString();
    }

    private String value(final String name)
    {
        read.add(name);
        return values.get(name);
    }
}
