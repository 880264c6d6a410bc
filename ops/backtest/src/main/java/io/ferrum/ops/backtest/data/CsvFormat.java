package io.ferrum.ops.backtest.data;

import java.util.List;

/**
 * The CSV layouts the importer reads. Binance's public-data dumps (data.binance.vision
 * layout, with or without a header line) and the ISO-timestamped BTCUSDT rows among the
 * shared fixtures.
 */
enum CsvFormat
{
    /** id,price,qty,quote_qty,time,is_buyer_maker,is_best_match */
    TRADES(7, List.of(
        "id,price,qty,quote_qty,time,is_buyer_maker,is_best_match",
        "id,price,qty,quoteqty,time,isbuyermaker,isbestmatch")),
    /** agg_id,price,qty,first_id,last_id,time,is_buyer_maker,is_best_match */
    AGG_TRADES(8, List.of(
        "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match",
        "agg_id,price,qty,first_id,last_id,time,is_buyer_maker,is_best_match")),
    /** open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_base,taker_buy_quote,ignore */
    KLINES(12, List.of(
        "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore",
        "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_base,taker_buy_quote,ignore")),
    /** timestamp (ISO-8601),trade_id,price,quantity,buyer_maker (True/False) */
    ISO_TRADES(5, List.of("timestamp,trade_id,price,quantity,buyer_maker")),
    /** timestamp (ISO-8601),symbol,ask_size,ask,bid_size,bid */
    ISO_QUOTES(6, List.of("timestamp,symbol,ask_size,ask,bid_size,bid"));

    /** Directory name of the format's stream in the event store. */
    String streamName()
    {
        return switch (this)
        {
            case TRADES, ISO_TRADES -> "trades";
            case AGG_TRADES -> "aggTrades";
            case KLINES -> "klines";
            case ISO_QUOTES -> "quotes";
        };
    }

    final int columns;
    final List<String> headers;

    CsvFormat(final int columns, final List<String> headers)
    {
        this.columns = columns;
        this.headers = headers;
    }

    boolean acceptsHeader(final String header)
    {
        return headers.contains(header.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", ""));
    }

    /**
     * From a file name: {@code BTCUSDT-trades-2024-01-01.csv}, {@code BTCUSDT-aggTrades-2024-01.zip},
     * {@code BTCUSDT-1m-2024-01-01.zip}, {@code binance-btcusdt-trades.csv}, {@code binance-btcusdt-quotes.csv};
     * null when the name says nothing.
     */
    static CsvFormat fromFileName(final String name)
    {
        final String[] parts = name.split("-");
        if (parts.length < 2)
        {
            return null;
        }
        if (parts[0].equalsIgnoreCase("binance") && parts.length >= 3)
        {
            final String kind = parts[2].replaceFirst("\\..*$", "");
            return kind.equals("trades") ? ISO_TRADES : kind.equals("quotes") ? ISO_QUOTES : null;
        }
        final String kind = parts[1];
        if (kind.equals("trades"))
        {
            return TRADES;
        }
        if (kind.equals("aggTrades"))
        {
            return AGG_TRADES;
        }
        return kind.matches("\\d+[smhdwM]") ? KLINES : null;
    }

    /** The symbol a file name carries: the first token, or the second after {@code binance-}. */
    static String symbolFromFileName(final String name)
    {
        final String[] parts = name.split("-");
        final String symbol = parts[0].equalsIgnoreCase("binance") && parts.length >= 3 ? parts[1] : parts[0];
        return symbol.toUpperCase(java.util.Locale.ROOT);
    }
}
