package io.ferrum.gateway.sim.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One symbol's trading rules as exchangeInfo gives them (filters.md): PRICE_FILTER, LOT_SIZE,
 * NOTIONAL / MIN_NOTIONAL and MAX_NUM_ORDERS, with its base and quote assets. A symbol exchangeInfo
 * does not list trades without filters (its assets guessed from the usual quote suffixes).
 */
record SymbolRules(
    String symbol, String baseAsset, String quoteAsset,
    BigDecimal minPrice, BigDecimal maxPrice, BigDecimal tickSize,
    BigDecimal minQty, BigDecimal maxQty, BigDecimal stepSize,
    BigDecimal minNotional, int maxNumOrders)
{
    private static final String[] QUOTES = {"USDT", "USDC", "BUSD", "BTC", "ETH", "BNB", "BRL", "AUD", "EUR", "TRY"};

    /** Why an order breaks a filter ("Filter failure: LOT_SIZE"), or null when it passes. */
    String check(final BigDecimal price, final BigDecimal quantity, final boolean market)
    {
        if (!market && price != null)
        {
            if (tickSize.signum() > 0 && (price.compareTo(minPrice) < 0 || price.compareTo(maxPrice) > 0 ||
                price.subtract(minPrice).remainder(tickSize).signum() != 0))
            {
                return "Filter failure: PRICE_FILTER";
            }
        }
        if (stepSize.signum() > 0 && (quantity.compareTo(minQty) < 0 || quantity.compareTo(maxQty) > 0 ||
            quantity.subtract(minQty).remainder(stepSize).signum() != 0))
        {
            return "Filter failure: LOT_SIZE";
        }
        if (!market && price != null && minNotional.signum() > 0 && price.multiply(quantity).compareTo(minNotional) < 0)
        {
            return "Filter failure: NOTIONAL";
        }
        return null;
    }

    static SymbolRules unfiltered(final String symbol)
    {
        String quote = "USDT";
        for (final String candidate : QUOTES)
        {
            if (symbol.endsWith(candidate) && symbol.length() > candidate.length())
            {
                quote = candidate;
                break;
            }
        }
        return new SymbolRules(symbol, symbol.substring(0, symbol.length() - quote.length()), quote,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, 200);
    }

    /** The rules of every symbol of an exchangeInfo document (REST {@code /api/v3/exchangeInfo}'s body). */
    static Map<String, SymbolRules> read(final Path exchangeInfo) throws IOException
    {
        final JsonNode root = new ObjectMapper().readTree(exchangeInfo.toFile());
        final Map<String, SymbolRules> rules = new HashMap<>();
        for (final JsonNode symbol : root.path("symbols"))
        {
            BigDecimal minPrice = BigDecimal.ZERO;
            BigDecimal maxPrice = BigDecimal.ZERO;
            BigDecimal tick = BigDecimal.ZERO;
            BigDecimal minQty = BigDecimal.ZERO;
            BigDecimal maxQty = BigDecimal.ZERO;
            BigDecimal step = BigDecimal.ZERO;
            BigDecimal minNotional = BigDecimal.ZERO;
            int maxNumOrders = 200;
            for (final JsonNode filter : symbol.path("filters"))
            {
                switch (filter.path("filterType").asText())
                {
                    case "PRICE_FILTER" ->
                    {
                        minPrice = new BigDecimal(filter.path("minPrice").asText("0"));
                        maxPrice = new BigDecimal(filter.path("maxPrice").asText("0"));
                        tick = new BigDecimal(filter.path("tickSize").asText("0"));
                    }
                    case "LOT_SIZE" ->
                    {
                        minQty = new BigDecimal(filter.path("minQty").asText("0"));
                        maxQty = new BigDecimal(filter.path("maxQty").asText("0"));
                        step = new BigDecimal(filter.path("stepSize").asText("0"));
                    }
                    case "NOTIONAL", "MIN_NOTIONAL" -> minNotional = new BigDecimal(filter.path("minNotional").asText("0"));
                    case "MAX_NUM_ORDERS" -> maxNumOrders = filter.path("maxNumOrders").asInt(200);
                    default ->
                    {
                    }
                }
            }
            final String name = symbol.path("symbol").asText();
            rules.put(name, new SymbolRules(name, symbol.path("baseAsset").asText(), symbol.path("quoteAsset").asText(),
                minPrice, maxPrice, tick, minQty, maxQty, step, minNotional, maxNumOrders));
        }
        return rules;
    }
}
