-- Version 2: what the writer derives or samples rather than copies: book snapshots (the venue's
-- own, and the book sampled every interval of log time), the 24 h tickers, and positions with
-- their P&L after every fill.

CREATE TABLE history.book_snapshots (
    log_id         INTEGER NOT NULL,
    log_position   BIGINT NOT NULL,
    ts_log         TIMESTAMPTZ NOT NULL,
    symbol         TEXT NOT NULL,
    kind           TEXT NOT NULL,  -- 'venue': a snapshot on the log; 'sampled': the book every interval
    venue          TEXT NOT NULL,
    last_update_id BIGINT NOT NULL,
    bid_prices     NUMERIC[] NOT NULL,
    bid_quantities NUMERIC[] NOT NULL,
    ask_prices     NUMERIC[] NOT NULL,
    ask_quantities NUMERIC[] NOT NULL,
    PRIMARY KEY (log_id, log_position, symbol, kind, ts_log)
) ${partition_by};

CREATE TABLE history.tickers (
    log_id               INTEGER NOT NULL,
    log_position         BIGINT NOT NULL,
    ts_log               TIMESTAMPTZ NOT NULL,
    ts_event             TIMESTAMPTZ NOT NULL,
    venue                TEXT NOT NULL,
    symbol               TEXT NOT NULL,
    last_price           NUMERIC NOT NULL,
    price_change_percent NUMERIC NOT NULL,
    weighted_avg_price   NUMERIC NOT NULL,
    high_price           NUMERIC NOT NULL,
    low_price            NUMERIC NOT NULL,
    volume               NUMERIC NOT NULL,
    quote_volume         NUMERIC NOT NULL,
    trade_count          BIGINT NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

-- A strategy's position in a symbol after each of its fills: average-cost accounting, realized
-- P&L before fees, fees, and unrealized P&L at the last trade price the log had seen.
CREATE TABLE history.positions (
    log_id         INTEGER NOT NULL,
    log_position   BIGINT NOT NULL,
    ts_log         TIMESTAMPTZ NOT NULL,
    strategy_id    INTEGER NOT NULL,
    symbol         TEXT NOT NULL,
    quantity       NUMERIC NOT NULL,
    average_price  NUMERIC NOT NULL,
    realized_pnl   NUMERIC NOT NULL,
    fees           NUMERIC NOT NULL,
    mark_price     NUMERIC,
    unrealized_pnl NUMERIC,
    PRIMARY KEY (log_id, log_position, strategy_id, symbol, ts_log)
) ${partition_by};

CREATE INDEX ON history.positions (strategy_id, ts_log);
