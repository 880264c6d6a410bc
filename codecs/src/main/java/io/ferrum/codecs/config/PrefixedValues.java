package io.ferrum.codecs.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys under one prefix ({@code engine.marketmaker.} say) read as typed values with defaults.
 * A key under the prefix that is not one of the known names is refused when this is made: a
 * misspelt parameter must stop the start, not leave its default in force unnoticed.
 */
public final class PrefixedValues
{
    private final Map<String, String> values;
    private final String prefix;

    /**
     * @param values every key and value (keys outside {@code prefix} are ignored)
     * @param names  the names a key under {@code prefix} may have
     */
    public PrefixedValues(final Map<String, String> values, final String prefix, final Set<String> names)
    {
        for (final String key : values.keySet())
        {
            if (key.startsWith(prefix) && !names.contains(key.substring(prefix.length())))
            {
                throw new IllegalArgumentException(
                    "unknown key '" + ConfigFile.printable(key) + "', expected " + prefix + "<one of " + new TreeSet<>(names) + ">");
            }
        }
        this.values = values;
        this.prefix = prefix;
    }

    public int integer(final String name, final int fallback)
    {
        final String value = values.get(prefix + name);
        return null == value ? fallback : ConfigValues.integer(prefix + name, value);
    }

    public long longValue(final String name, final long fallback)
    {
        final String value = values.get(prefix + name);
        return null == value ? fallback : ConfigValues.longValue(prefix + name, value);
    }
}
