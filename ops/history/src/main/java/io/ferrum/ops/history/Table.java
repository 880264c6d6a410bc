package io.ferrum.ops.history;

import java.util.List;

/**
 * The history tables the writer fills, with the columns it writes in COPY order. The schema itself is
 * in the versioned migrations ({@code migration/V*.sql}); a column named here and missing there fails
 * the first COPY, so the two cannot drift apart unnoticed.
 */
enum Table
{
    INPUTS("inputs", "log_id", "log_position", "ts_log", "log_time_ns", "template_id", "source_id", "sequence",
        "message"),
    TRADES("trades", "log_id", "log_position", "ts_log", "ts_event", "venue", "symbol", "trade_id", "agg_trade_id",
        "first_trade_id", "last_trade_id", "price", "quantity", "aggressor", "source_id", "sequence"),
    BEST_BID_OFFER("best_bid_offer", "log_id", "log_position", "ts_log", "ts_event", "venue", "symbol", "update_id",
        "bid_price", "bid_quantity", "ask_price", "ask_quantity", "source_id", "sequence"),
    BOOK_SNAPSHOTS("book_snapshots", "log_id", "log_position", "ts_log", "symbol", "kind", "venue", "last_update_id",
        "bid_prices", "bid_quantities", "ask_prices", "ask_quantities"),
    TICKERS("tickers", "log_id", "log_position", "ts_log", "ts_event", "venue", "symbol", "last_price",
        "price_change_percent", "weighted_avg_price", "high_price", "low_price", "volume", "quote_volume", "trade_count"),
    FEED_STATUS("feed_status", "log_id", "log_position", "ts_log", "ts_event", "venue", "symbol", "stream_id", "state",
        "previous_state", "detail", "source_id", "sequence"),
    ORDER_EVENTS("order_events", "log_id", "log_position", "ts_log", "ts_event", "venue", "symbol", "strategy_id",
        "client_order_id", "venue_order_id", "exec_type", "order_status", "side", "last_price", "last_quantity",
        "cumulative_quantity", "leaves_quantity", "fee", "liquidity", "trade_id", "venue_reject_code", "source_id",
        "sequence"),
    EXECUTIONS("executions", "log_id", "log_position", "ts_log", "ts_event", "venue", "symbol", "strategy_id",
        "client_order_id", "side", "price", "quantity", "fee", "liquidity", "trade_id", "order_type", "order_price"),
    RISK_DECISIONS("risk_decisions", "log_id", "log_position", "ts_log", "venue", "symbol", "accepted", "reason",
        "strategy_id", "client_order_id", "replaced_client_order_id", "side", "order_type", "price", "quantity",
        "cause_log_position", "checks", "source_id", "sequence"),
    ADMIN_COMMANDS("admin_commands", "log_id", "log_position", "ts_log", "command", "scope", "target_id", "risk_limit",
        "value", "state", "operator", "source_id", "sequence"),
    POSITIONS("positions", "log_id", "log_position", "ts_log", "strategy_id", "symbol", "quantity", "average_price",
        "realized_pnl", "fees", "mark_price", "unrealized_pnl");

    /** The schema every table is in. */
    static final String SCHEMA = "history";

    private final String tableName;
    private final List<String> columns;

    Table(final String tableName, final String... columns)
    {
        this.tableName = tableName;
        this.columns = List.of(columns);
    }

    /** The unqualified name, as in {@code SELECT count(*) FROM history.<name>}. */
    String tableName()
    {
        return tableName;
    }

    String qualifiedName()
    {
        return SCHEMA + "." + tableName;
    }

    int columnCount()
    {
        return columns.size();
    }

    /** {@code COPY history.t (a, b, ...) FROM STDIN}: text format, tab-separated, {@code \N} for null. */
    String copySql()
    {
        return "COPY " + qualifiedName() + " (" + String.join(", ", columns) + ") FROM STDIN";
    }
}
