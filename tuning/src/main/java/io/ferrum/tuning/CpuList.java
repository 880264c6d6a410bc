package io.ferrum.tuning;

import java.util.BitSet;

/**
 * The kernel's CPU list syntax ({@code 0-3,8,10-11}) as used by {@code isolcpus},
 * {@code nohz_full}, {@code /sys/devices/system/cpu/isolated} and {@code taskset -c}.
 */
public final class CpuList
{
    private CpuList()
    {
    }

    /**
     * @param text a CPU list; blank means no CPU.
     * @throws IllegalArgumentException naming the bad part.
     */
    public static BitSet parse(final String text)
    {
        final BitSet cpus = new BitSet();
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            return cpus;
        }
        for (final String part : trimmed.split(","))
        {
            final String range = part.trim();
            final int dash = range.indexOf('-');
            if (dash < 0)
            {
                cpus.set(cpu(range, text));
            }
            else
            {
                final int from = cpu(range.substring(0, dash), text);
                final int to = cpu(range.substring(dash + 1), text);
                if (to < from)
                {
                    throw new IllegalArgumentException("CPU range '" + range + "' runs backwards in '" + text + "'");
                }
                cpus.set(from, to + 1);
            }
        }
        return cpus;
    }

    /** The shortest list syntax for a set, e.g. {@code 2-5,7}; {@code (none)} for an empty set. */
    public static String format(final BitSet cpus)
    {
        if (cpus.isEmpty())
        {
            return "(none)";
        }
        final StringBuilder out = new StringBuilder();
        int from = cpus.nextSetBit(0);
        while (from >= 0)
        {
            final int to = cpus.nextClearBit(from) - 1;
            out.append(0 == out.length() ? "" : ",").append(from);
            if (to > from)
            {
                out.append('-').append(to);
            }
            from = cpus.nextSetBit(to + 1);
        }
        return out.toString();
    }

    private static int cpu(final String value, final String text)
    {
        final String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 5 || !trimmed.chars().allMatch(Character::isDigit))
        {
            throw new IllegalArgumentException("'" + value + "' is not a CPU number in CPU list '" + text + "'");
        }
        return Integer.parseInt(trimmed);
    }
}
