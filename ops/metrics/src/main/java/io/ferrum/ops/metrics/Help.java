package io.ferrum.ops.metrics;

import java.util.Map;

/** The one-line meaning of each metric, for the Prometheus {@code # HELP} lines (docs/observability.md has the long form). */
final class Help
{
    private static final Map<String, String> HELP = Map.ofEntries(
        Map.entry("ferrum_engine_events_total", "Engine inputs applied (market data, reports, admin, timers)"),
        Map.entry("ferrum_engine_orders_sent_total", "Orders the engine sent (after pre-trade risk)"),
        Map.entry("ferrum_engine_fills_total", "Fills the engine applied"),
        Map.entry("ferrum_engine_order_rejects_total", "Orders refused by pre-trade risk"),
        Map.entry("ferrum_engine_venue_rejects_total", "Orders the venue rejected"),
        Map.entry("ferrum_engine_output_back_pressured_total", "Engine outputs refused by a back-pressured egress"),
        Map.entry("ferrum_position_quantity", "Signed open quantity of a strategy in an instrument"),
        Map.entry("ferrum_position_average_price", "Average entry price of the open quantity"),
        Map.entry("ferrum_position_mark_price", "Reference price the position is marked at"),
        Map.entry("ferrum_realized_pnl", "Realized P&L before fees, quote currency"),
        Map.entry("ferrum_unrealized_pnl", "Unrealized P&L of the open quantity at the mark price"),
        Map.entry("ferrum_fees", "Fees paid (negative for rebates), quote currency"),
        Map.entry("ferrum_position_fills_total", "Fills of a strategy in an instrument"),
        Map.entry("ferrum_traded_notional_total", "Sum of |fill notional| of a strategy in an instrument (turnover)"),
        Map.entry("ferrum_sequencer_sent_total", "Inputs the sequencer offered to the cluster for the first time"),
        Map.entry("ferrum_sequencer_resent_total", "Inputs offered again after a leader change or reconnect"),
        Map.entry("ferrum_sequencer_pending", "Inputs sent and not yet acknowledged as applied"),
        Map.entry("ferrum_sequencer_back_pressured_total", "Ingress offers refused by back-pressure (retried)"),
        Map.entry("ferrum_ring_full_total", "Ring claims refused because every slot was taken (producers held back)"),
        Map.entry("ferrum_order_gateway_orders_sent_total", "Orders the order gateway passed to the venue"),
        Map.entry("ferrum_order_gateway_duplicate_orders_total", "Orders not sent again: client order id seen before"),
        Map.entry("ferrum_order_gateway_reports_published_total", "Execution reports put on the log"),
        Map.entry("ferrum_member_role", "Cluster role: 0 follower, 1 candidate, 2 leader"),
        Map.entry("ferrum_member_commit_position", "Member's commit position in the log (bytes)"),
        Map.entry("ferrum_replication_lag_bytes", "How far a member's commit position is behind the furthest member's"),
        Map.entry("ferrum_processes", "Ferrum processes (live Aeron drivers) read in this scrape"),
        Map.entry(PrometheusMetrics.LATENCY, "Latency of a stage of the path (docs/observability.md)"));

    private Help()
    {
    }

    static String of(final String name)
    {
        final String help = HELP.get(name);
        if (null != help)
        {
            return help;
        }
        final String counter = HELP.get(name + "_total");
        return null != counter ? counter : "Ferrum counter " + name + " (docs/observability.md)";
    }
}
