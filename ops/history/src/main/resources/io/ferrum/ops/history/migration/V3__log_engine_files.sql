-- Version 3: every file a log's engine is built from (demo.properties, and the strategies and
-- risk files it names), not only demo.properties: a backtest from the database builds the very
-- engine the run had. logs.engine_config stays for logs registered by version 1 and 2 writers.

CREATE TABLE history.log_files (
    log_id  INTEGER NOT NULL REFERENCES history.logs (log_id),
    name    TEXT    NOT NULL,
    content TEXT    NOT NULL,
    PRIMARY KEY (log_id, name)
);
