package io.ferrum.ops.analytics;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest serialised report per symbol. One writer (the analytics consumer) replaces
 * whole immutable strings; readers (MCP, ./ferrum report) do a lock-free map read and
 * never wait for the writer nor compute anything.
 */
public final class ReportCache implements ReportSource
{
    private final ConcurrentHashMap<String, String> reports = new ConcurrentHashMap<>();

    public void put(final String symbol, final String reportJson)
    {
        reports.put(symbol, reportJson);
    }

    /** @return the report JSON, or null for a symbol with no report */
    public String report(final String symbol)
    {
        return reports.get(symbol);
    }

    public Set<String> symbols()
    {
        return new TreeSet<>(reports.keySet());
    }
}
