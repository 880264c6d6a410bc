package io.ferrum.ops.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the committed log says that the counters do not: the open orders, the recent fills, the
 * trading state of each scope and why, each feed stream's last status, and a price line per
 * instrument. Built from the event JSON lines a {@link io.ferrum.sequencer.journal.JournalTail}
 * prints (the contract of docs/schemas/event.schema.json), so it reads the log as {@code ./ferrum tail}
 * does. Bounded: at most {@link #MAX_OPEN_ORDERS} open orders (the oldest dropped first),
 * {@link #MAX_FILLS} fills, {@link #MAX_PRICE_POINTS} one-second prices per instrument. One thread.
 */
final class LogView
{
    /** Only these types are kept; the rest of the log (books, quotes, tickers, timers) is skipped. */
    static final Set<String> TYPES = Set.of("execution_report", "risk_decision", "kill_switch", "set_trading_state",
        "set_risk_limit", "feed_status", "trade_tick");
    static final int MAX_OPEN_ORDERS = 200;
    static final int MAX_FILLS = 50;
    static final int MAX_PRICE_POINTS = 600;
    static final int MAX_INSTRUMENTS = 32;
    private static final Set<String> TERMINAL = Set.of("filled", "canceled", "rejected", "expired");

    private final ObjectMapper mapper;
    private final LinkedHashMap<Long, ObjectNode> openOrders = new LinkedHashMap<>();
    private final Map<Long, Integer> strategyOfOrder = new LinkedHashMap<>()
    {
        protected boolean removeEldestEntry(final Map.Entry<Long, Integer> eldest)
        {
            return size() > 10_000; // fills of orders older than that show no strategy
        }
    };
    private final ArrayDeque<ObjectNode> fills = new ArrayDeque<>();
    private final Map<String, ObjectNode> riskStates = new TreeMap<>();
    private final Map<String, ObjectNode> feeds = new TreeMap<>();
    private final Map<String, ArrayDeque<long[]>> priceSeconds = new TreeMap<>();
    private final Map<String, ArrayDeque<String>> priceTexts = new HashMap<>();
    private long ordersAccepted;
    private long ordersRejected;
    private long lastPosition = -1;

    LogView(final ObjectMapper mapper)
    {
        this.mapper = mapper;
        scopeState("global", 0); // shown from the start: trading is active until a command says otherwise
    }

    /** One event line of the tail. */
    void onEvent(final String line)
    {
        final JsonNode event;
        try
        {
            event = mapper.readTree(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("the tail printed a line that is not JSON", ex);
        }
        lastPosition = event.path("log_position").asLong(lastPosition);
        final JsonNode payload = event.path("payload");
        switch (event.path("type").asText())
        {
            case "risk_decision" -> decision(event, payload);
            case "execution_report" -> report(event, payload);
            case "kill_switch" -> riskState(event, payload, "halted", "kill switch");
            case "set_trading_state" -> riskState(event, payload, payload.path("state").asText(), "trading state set");
            case "set_risk_limit" -> riskLimit(event, payload);
            case "feed_status" -> feed(event, payload);
            case "trade_tick" -> price(event, payload);
            default ->
            {
                // filtered out before: nothing else reaches here
            }
        }
    }

    private void decision(final JsonNode event, final JsonNode payload)
    {
        final long clientOrderId = payload.path("client_order_id").asLong();
        final int strategyId = payload.path("strategy_id").asInt();
        if (!payload.path("accepted").asBoolean())
        {
            ordersRejected++;
            final ObjectNode state = scopeState("strategy", strategyId);
            state.put("last_reject", payload.path("reason").asText());
            state.put("last_reject_ts", event.path("ts_event").asText());
            state.put("rejects", state.path("rejects").asLong() + 1);
            return;
        }
        ordersAccepted++;
        strategyOfOrder.put(clientOrderId, strategyId);
        final ObjectNode order = mapper.createObjectNode();
        order.put("client_order_id", clientOrderId);
        order.put("strategy_id", strategyId);
        order.put("symbol", event.path("symbol").asText());
        order.put("side", payload.path("side").asText());
        order.put("order_type", payload.path("order_type").asText());
        order.put("price", payload.path("price").asText());
        order.put("quantity", payload.path("quantity").asText());
        order.put("leaves_quantity", payload.path("quantity").asText());
        order.put("status", "pending_new");
        order.put("ts", event.path("ts_event").asText());
        final long replaced = payload.path("replaced_client_order_id").asLong(0);
        if (0 != replaced)
        {
            openOrders.remove(replaced);
        }
        openOrders.put(clientOrderId, order);
        if (openOrders.size() > MAX_OPEN_ORDERS)
        {
            final Iterator<Long> oldest = openOrders.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void report(final JsonNode event, final JsonNode payload)
    {
        final long clientOrderId = payload.path("client_order_id").asLong();
        final String status = payload.path("order_status").asText();
        final ObjectNode order = openOrders.get(clientOrderId);
        if (null != order)
        {
            if (TERMINAL.contains(status))
            {
                openOrders.remove(clientOrderId);
            }
            else
            {
                order.put("status", status);
                order.put("leaves_quantity", payload.path("leaves_quantity").asText());
            }
        }
        if (isFill(payload))
        {
            final ObjectNode fill = mapper.createObjectNode();
            fill.put("ts", event.path("ts_event").asText());
            fill.put("client_order_id", clientOrderId);
            final Integer strategyId = strategyOfOrder.get(clientOrderId);
            if (null != strategyId)
            {
                fill.put("strategy_id", strategyId);
            }
            fill.put("symbol", event.path("symbol").asText());
            fill.put("side", payload.path("side").asText());
            fill.put("price", payload.path("last_price").asText());
            fill.put("quantity", payload.path("last_quantity").asText());
            fill.put("fee", payload.path("fee").asText());
            fill.put("liquidity", payload.path("liquidity").asText());
            fills.addFirst(fill);
            if (fills.size() > MAX_FILLS)
            {
                fills.removeLast();
            }
        }
    }

    private static boolean isFill(final JsonNode payload)
    {
        final String execType = payload.path("exec_type").asText();
        return "fill".equals(execType) || "partial_fill".equals(execType);
    }

    private void riskState(final JsonNode event, final JsonNode payload, final String state, final String why)
    {
        final ObjectNode scope = scopeState(payload.path("scope").asText(), payload.path("target_id").asLong());
        scope.put("state", state);
        scope.put("reason", why + " by " + payload.path("operator").asText("?"));
        scope.put("ts", event.path("ts_event").asText());
        scope.put("log_position", event.path("log_position").asLong());
    }

    private void riskLimit(final JsonNode event, final JsonNode payload)
    {
        final ObjectNode scope = scopeState(payload.path("scope").asText(), payload.path("target_id").asLong());
        final ObjectNode limits = scope.has("limits") ? (ObjectNode)scope.get("limits") : scope.putObject("limits");
        limits.put(payload.path("risk_limit").asText(), payload.path("value").asText());
        scope.put("ts", event.path("ts_event").asText());
    }

    private ObjectNode scopeState(final String scope, final long targetId)
    {
        return riskStates.computeIfAbsent(scope + "/" + targetId, (key) ->
        {
            final ObjectNode state = mapper.createObjectNode();
            state.put("scope", scope);
            state.put("target_id", targetId);
            state.put("state", "active");
            state.put("reason", "no command on the log");
            return state;
        });
    }

    private void feed(final JsonNode event, final JsonNode payload)
    {
        final String key = event.path("symbol").asText() + "/" + payload.path("stream_id").asText();
        final ObjectNode feed = mapper.createObjectNode();
        feed.put("symbol", event.path("symbol").asText());
        feed.put("stream_id", payload.path("stream_id").asText());
        feed.put("state", payload.path("state").asText());
        feed.put("previous_state", payload.path("previous_state").asText());
        feed.put("detail", payload.path("detail").asText(""));
        feed.put("ts", event.path("ts_event").asText());
        feeds.put(key, feed);
    }

    /** The last trade price of each second, by the trade's own time. */
    private void price(final JsonNode event, final JsonNode payload)
    {
        final String symbol = event.path("symbol").asText();
        final ArrayDeque<long[]> seconds = priceSeconds.get(symbol);
        if (null == seconds && priceSeconds.size() >= MAX_INSTRUMENTS)
        {
            return;
        }
        final long second = java.time.Instant.parse(event.path("ts_event").asText()).getEpochSecond();
        final ArrayDeque<long[]> times = priceSeconds.computeIfAbsent(symbol, (s) -> new ArrayDeque<>());
        final ArrayDeque<String> prices = priceTexts.computeIfAbsent(symbol, (s) -> new ArrayDeque<>());
        final String price = payload.path("price").asText();
        if (!times.isEmpty() && times.peekLast()[0] >= second)
        {
            if (times.peekLast()[0] == second)
            {
                prices.removeLast();
                prices.addLast(price);
            }
            return; // an older trade after a newer one (another stream): the line only goes forward
        }
        times.addLast(new long[] { second });
        prices.addLast(price);
        if (times.size() > MAX_PRICE_POINTS)
        {
            times.removeFirst();
            prices.removeFirst();
        }
    }

    /** Adds this view's part of the page's state to {@code state}. */
    void writeTo(final ObjectNode state)
    {
        state.put("log_position", lastPosition);
        state.put("orders_accepted", ordersAccepted);
        state.put("orders_rejected", ordersRejected);
        state.put("open_order_count", openOrders.size());
        final ArrayNode orders = state.putArray("open_orders");
        openOrders.values().forEach(orders::add);
        final ArrayNode recent = state.putArray("fills");
        fills.forEach(recent::add);
        final ArrayNode risk = state.putArray("risk");
        riskStates.values().forEach(risk::add);
        final ArrayNode streams = state.putArray("feeds");
        feeds.values().forEach(streams::add);
        final ObjectNode prices = state.putObject("prices");
        priceSeconds.forEach((symbol, times) ->
        {
            final ArrayNode points = prices.putArray(symbol);
            final Iterator<String> price = priceTexts.get(symbol).iterator();
            for (final long[] time : times)
            {
                points.addArray().add(time[0]).add(Double.parseDouble(price.next()));
            }
        });
    }
}
