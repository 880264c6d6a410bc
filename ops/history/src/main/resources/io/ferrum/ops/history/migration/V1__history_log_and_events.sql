-- Ferrum's trading history, version 1: the logs written, where each stands, every committed input
-- and the typed tables of the events analysts query. Every event row carries its log and log position
-- (unique per log) and its log time ts_log, the partitioning key: daily range partitions, or,
-- where TimescaleDB is installed, hypertables made from the plain tables (HistorySchema).
-- Prices, quantities and money are NUMERIC written from the exact fixed-point mantissa and exponent.

CREATE TABLE history.logs (
    log_id        INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    engine_config TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The exactly-once mark: updated in the same transaction as the rows up to log_position.
CREATE TABLE history.progress (
    log_id       INTEGER PRIMARY KEY REFERENCES history.logs (log_id),
    log_position BIGINT NOT NULL,
    rows_written BIGINT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Every committed input but the cluster's timers, as the SBE bytes the engine saw: what a backtest replays.
CREATE TABLE history.inputs (
    log_id       INTEGER NOT NULL,
    log_position BIGINT NOT NULL,
    ts_log       TIMESTAMPTZ NOT NULL,
    log_time_ns  BIGINT NOT NULL,
    template_id  SMALLINT NOT NULL,
    source_id    INTEGER,
    sequence     BIGINT,
    message      BYTEA NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

CREATE TABLE history.trades (
    log_id         INTEGER NOT NULL,
    log_position   BIGINT NOT NULL,
    ts_log         TIMESTAMPTZ NOT NULL,
    ts_event       TIMESTAMPTZ NOT NULL,
    venue          TEXT NOT NULL,
    symbol         TEXT NOT NULL,
    trade_id       BIGINT,
    agg_trade_id   BIGINT,
    first_trade_id BIGINT,
    last_trade_id  BIGINT,
    price          NUMERIC NOT NULL,
    quantity       NUMERIC NOT NULL,
    aggressor      TEXT NOT NULL,
    source_id      INTEGER NOT NULL,
    sequence       BIGINT NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

CREATE TABLE history.best_bid_offer (
    log_id       INTEGER NOT NULL,
    log_position BIGINT NOT NULL,
    ts_log       TIMESTAMPTZ NOT NULL,
    ts_event     TIMESTAMPTZ NOT NULL,
    venue        TEXT NOT NULL,
    symbol       TEXT NOT NULL,
    update_id    BIGINT NOT NULL,
    bid_price    NUMERIC NOT NULL,
    bid_quantity NUMERIC NOT NULL,
    ask_price    NUMERIC NOT NULL,
    ask_quantity NUMERIC NOT NULL,
    source_id    INTEGER NOT NULL,
    sequence     BIGINT NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

CREATE TABLE history.feed_status (
    log_id         INTEGER NOT NULL,
    log_position   BIGINT NOT NULL,
    ts_log         TIMESTAMPTZ NOT NULL,
    ts_event       TIMESTAMPTZ NOT NULL,
    venue          TEXT NOT NULL,
    symbol         TEXT NOT NULL,
    stream_id      INTEGER NOT NULL,
    state          TEXT NOT NULL,
    previous_state TEXT NOT NULL,
    detail         TEXT NOT NULL,
    source_id      INTEGER NOT NULL,
    sequence       BIGINT NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

-- Every execution report: the orders' life cycle as the venue told it. strategy_id from the
-- risk decision that sent the order (null when the log holds none).
CREATE TABLE history.order_events (
    log_id              INTEGER NOT NULL,
    log_position        BIGINT NOT NULL,
    ts_log              TIMESTAMPTZ NOT NULL,
    ts_event            TIMESTAMPTZ NOT NULL,
    venue               TEXT NOT NULL,
    symbol              TEXT NOT NULL,
    strategy_id         INTEGER,
    client_order_id     BIGINT NOT NULL,
    venue_order_id      BIGINT NOT NULL,
    exec_type           TEXT NOT NULL,
    order_status        TEXT NOT NULL,
    side                TEXT NOT NULL,
    last_price          NUMERIC NOT NULL,
    last_quantity       NUMERIC NOT NULL,
    cumulative_quantity NUMERIC NOT NULL,
    leaves_quantity     NUMERIC NOT NULL,
    fee                 NUMERIC NOT NULL,
    liquidity           TEXT NOT NULL,
    trade_id            BIGINT NOT NULL,
    venue_reject_code   INTEGER NOT NULL,
    source_id           INTEGER NOT NULL,
    sequence            BIGINT NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

-- The fills among them, with the price the order asked for (order_price) for slippage.
CREATE TABLE history.executions (
    log_id          INTEGER NOT NULL,
    log_position    BIGINT NOT NULL,
    ts_log          TIMESTAMPTZ NOT NULL,
    ts_event        TIMESTAMPTZ NOT NULL,
    venue           TEXT NOT NULL,
    symbol          TEXT NOT NULL,
    strategy_id     INTEGER,
    client_order_id BIGINT NOT NULL,
    side            TEXT NOT NULL,
    price           NUMERIC NOT NULL,
    quantity        NUMERIC NOT NULL,
    fee             NUMERIC NOT NULL,
    liquidity       TEXT NOT NULL,
    trade_id        BIGINT NOT NULL,
    order_type      TEXT,
    order_price     NUMERIC,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

CREATE TABLE history.risk_decisions (
    log_id                   INTEGER NOT NULL,
    log_position             BIGINT NOT NULL,
    ts_log                   TIMESTAMPTZ NOT NULL,
    venue                    TEXT NOT NULL,
    symbol                   TEXT NOT NULL,
    accepted                 BOOLEAN NOT NULL,
    reason                   TEXT,
    strategy_id              INTEGER NOT NULL,
    client_order_id          BIGINT NOT NULL,
    replaced_client_order_id BIGINT NOT NULL,
    side                     TEXT NOT NULL,
    order_type               TEXT NOT NULL,
    price                    NUMERIC NOT NULL,
    quantity                 NUMERIC NOT NULL,
    cause_log_position       BIGINT NOT NULL,
    checks                   JSONB NOT NULL,
    source_id                INTEGER NOT NULL,
    sequence                 BIGINT NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

CREATE TABLE history.admin_commands (
    log_id       INTEGER NOT NULL,
    log_position BIGINT NOT NULL,
    ts_log       TIMESTAMPTZ NOT NULL,
    command      TEXT NOT NULL,
    scope        TEXT NOT NULL,
    target_id    INTEGER NOT NULL,
    risk_limit   TEXT,
    value        NUMERIC,
    state        TEXT,
    operator     TEXT NOT NULL,
    source_id    INTEGER NOT NULL,
    sequence     BIGINT NOT NULL,
    PRIMARY KEY (log_id, log_position, ts_log)
) ${partition_by};

CREATE INDEX ON history.trades (symbol, ts_log);
CREATE INDEX ON history.best_bid_offer (symbol, ts_log);
CREATE INDEX ON history.executions (strategy_id, ts_log);
