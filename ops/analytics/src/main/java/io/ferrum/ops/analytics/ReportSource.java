package io.ferrum.ops.analytics;

/** Where readers get a symbol's latest report from. */
@FunctionalInterface
public interface ReportSource
{
    /** @return the serialised {@code market_report} event, or null when the symbol is unknown */
    String report(String symbol);
}
