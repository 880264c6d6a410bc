package io.ferrum.tuning.layout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a layout file strictly: {@link java.util.Properties} would accept a misspelt role,
 * a repeated key or a line without '=' in silence, and a thread would then run unpinned
 * with nobody knowing.
 */
final class LayoutParser
{
    private LayoutParser()
    {
    }

    static Map<String, Integer> parse(final String source, final String text)
    {
        final Map<String, Integer> cpuByRole = new LinkedHashMap<>();
        final Map<Integer, String> roleByCpu = new LinkedHashMap<>();
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final String where = source + ":" + (i + 1);
            final String line = stripComment(lines[i]).trim();
            if (line.isEmpty())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals < 0)
            {
                throw new IllegalArgumentException(where + ": expected 'role=cpu' or 'role=none', got '" + line + "'");
            }
            final String role = line.substring(0, equals).trim();
            final String value = line.substring(equals + 1).trim();
            if (!ThreadLayout.ROLES.contains(role))
            {
                throw new IllegalArgumentException(
                    where + ": unknown key '" + role + "', expected one of " + ThreadLayout.ROLES);
            }
            if (cpuByRole.containsKey(role))
            {
                throw new IllegalArgumentException(where + ": key '" + role + "' is given twice");
            }
            final int cpu = cpu(where, role, value);
            if (ThreadLayout.NOT_PINNED != cpu)
            {
                final String other = roleByCpu.putIfAbsent(cpu, role);
                if (null != other)
                {
                    throw new IllegalArgumentException(
                        where + ": key '" + role + "' puts a second thread on CPU " + cpu + ", already given to '" +
                        other + "'");
                }
            }
            cpuByRole.put(role, cpu);
        }

        for (final String role : ThreadLayout.ROLES)
        {
            if (!cpuByRole.containsKey(role))
            {
                throw new IllegalArgumentException(
                    source + ": missing key '" + role + "' (give a CPU number, or 'none' to leave it unpinned)");
            }
        }
        return cpuByRole;
    }

    private static int cpu(final String where, final String role, final String value)
    {
        if ("none".equals(value))
        {
            return ThreadLayout.NOT_PINNED;
        }
        if (value.isEmpty() || value.length() > 4 || !value.chars().allMatch(Character::isDigit))
        {
            throw new IllegalArgumentException(
                where + ": key '" + role + "' has value '" + value + "', expected a CPU number or 'none'");
        }
        final int cpu = Integer.parseInt(value);
        if (cpu > ThreadLayout.MAX_CPU)
        {
            throw new IllegalArgumentException(
                where + ": key '" + role + "' names CPU " + cpu + ", above the highest supported " + ThreadLayout.MAX_CPU);
        }
        return cpu;
    }

    private static String stripComment(final String line)
    {
        final int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
