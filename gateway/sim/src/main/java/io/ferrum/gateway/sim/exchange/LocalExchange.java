package io.ferrum.gateway.sim.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrum.codecs.sbe.CancelOrderEncoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderEncoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.gateway.binance.api.Ed25519Signer;
import io.ferrum.gateway.binance.api.HmacSigner;
import io.ferrum.gateway.binance.api.SignaturePayload;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local Binance spot exchange speaking the WebSocket API ({@code ws://127.0.0.1:port/ws-api/v3}) as
 * web-socket-api.md documents it, for the demo, the contract tests and a desk's rehearsal:
 * <ul>
 * <li>{@code time}, {@code session.logon} (Ed25519), {@code userDataStream.subscribe} and
 * {@code .subscribe.signature}, {@code account.status}, {@code order.place} (MARKET, LIMIT GTC/IOC/FOK,
 * LIMIT_MAKER), {@code order.cancel}, {@code order.cancelReplace}, {@code order.status},
 * {@code openOrders.status}, {@code openOrders.cancelAll};</li>
 * <li>signed requests verified (HMAC-SHA256 of the sorted payload, or the Ed25519 logon), {@code timestamp}
 * within {@code recvWindow} (-1021), one API key (-2015 for another), -1022 for a bad signature;</li>
 * <li>-2010 "Duplicate order sent." for the client order id of an open order, filters of an exchangeInfo
 * (-1013), balances locked and moved by fills (-2010 insufficient balance), -2011/-2013 unknown order;</li>
 * <li>rate limits: {@code ORDERS} per 10 s and per day and {@code REQUEST_WEIGHT} per minute in fixed
 * windows, in every response's {@code rateLimits}, 429 with {@code retryAfter} above them;</li>
 * <li>matching by {@link SimulatedVenue} against the books of the market data given to
 * {@link #onMarketData} (the replayed session the feed also gets); {@code executionReport} and
 * {@code outboundAccountPosition} pushed to every subscribed session;</li>
 * <li>faults on command: {@link #dropConnections()}, {@link #loseResponses(int)}, {@link #sendRaw(String)}.</li>
 * </ul>
 * Everything runs on one event loop thread; market data arrives through an inbox drained every
 * millisecond. It is a rehearsal tool: requests are read with Jackson, not on Ferrum's hot path.
 */
public final class LocalExchange implements AutoCloseable
{
    public static final String PATH = "/ws-api/v3";
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[a-zA-Z0-9-_]{1,36}$");
    private static final long TEN_SECONDS_MS = 10_000;
    private static final long MINUTE_MS = 60_000;
    private static final long DAY_MS = 86_400_000;
    private static final TimerScheduler NO_TIMERS = new TimerScheduler()
    {
        public boolean schedule(final long timerId, final long deadlineNs)
        {
            return true;
        }

        public boolean cancel(final long timerId)
        {
            return true;
        }
    };

    private final Context ctx;
    private final ObjectMapper json = new ObjectMapper();
    private final EventLoopGroup group;
    private final Channel server;
    private final Set<Channel> sessions = new HashSet<>();
    private final Set<Channel> subscribed = new HashSet<>();
    private final Set<Channel> loggedOn = new HashSet<>();
    private final ManyToOneRingBuffer marketData;
    private final Engine books;
    private final SimulatedVenue venue;
    private final Map<Long, ExchangeOrder> ordersById = new HashMap<>();
    private final Map<String, ExchangeOrder> openByClientId = new HashMap<>();
    private final Map<String, BigDecimal[]> balances = new TreeMap<>();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final UnsafeBuffer orderBuffer = new UnsafeBuffer(new byte[256]);
    private final AtomicInteger responsesToLose = new AtomicInteger();
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long orders10sWindow;
    private int orders10s;
    private long ordersDayWindow;
    private int ordersDay;
    private long weightWindow;
    private int weight;
    // figures for tests, read from other threads after the loop is quiet
    private volatile long ordersAccepted;
    private volatile long duplicateIds;
    private volatile long tooManyRequests;
    private volatile long limitBreaches;
    private volatile long signatureFailures;
    private volatile long timestampFailures;
    private volatile long filterFailures;
    private volatile long insufficientBalances;
    private volatile long malformedRequests;
    private volatile long lostResponses;
    private volatile long fills;
    private final Set<String> everAcceptedIds = new HashSet<>();
    private volatile long idsAcceptedTwice;

    private LocalExchange(final Context ctx) throws InterruptedException
    {
        this.ctx = ctx;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ferrum-local-exchange"), NioIoHandler.newFactory());
        marketData = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect((4 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
        books = new Engine(new Engine.Context()
            .instruments(ctx.instruments)
            .output((buffer, offset, length) -> true)
            .timerScheduler(NO_TIMERS)
            .preTradeCheck(RiskPreTradeCheck.withoutLimits(ctx.instruments))
            .bookLevels(1000));
        venue = new SimulatedVenue(new SimulatedVenue.Context().latencyNs(0).makerFeePpm(1_000).takerFeePpm(1_000),
            ctx.instruments, books::book, this::onVenueReport);
        for (final Map.Entry<String, BigDecimal> balance : ctx.balances.entrySet())
        {
            balances.put(balance.getKey(), new BigDecimal[]{balance.getValue(), BigDecimal.ZERO});
        }
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(
                        new HttpServerCodec(),
                        new HttpObjectAggregator(64 * 1024),
                        new WebSocketServerProtocolHandler(PATH, null, false, 1 << 20),
                        new Session());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", ctx.port)).sync().channel();
        group.next().scheduleAtFixedRate(this::drainMarketData, 1, 1, TimeUnit.MILLISECONDS);
    }

    public static LocalExchange launch(final Context context) throws InterruptedException
    {
        return new LocalExchange(context.conclude());
    }

    /** {@code ws://127.0.0.1:port/ws-api/v3}. */
    public String apiUrl()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort() + PATH;
    }

    /** Market data as the feed publishes it into the ring (any thread): the books the exchange matches against. */
    public void onMarketData(final DirectBuffer buffer, final int offset, final int length)
    {
        while (!marketData.write(1, buffer, offset, length))
        {
            if (group.isShuttingDown())
            {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Closes every API connection abruptly (the client must reconnect and reconcile). */
    public void dropConnections()
    {
        onLoop(() ->
        {
            new ArrayList<>(sessions).forEach(Channel::close);
            return null;
        });
    }

    /** The next {@code count} responses are not sent (the requests still take effect). */
    public void loseResponses(final int count)
    {
        responsesToLose.addAndGet(count);
    }

    /** Sends {@code text} as it is, in a text frame, on every API connection: hostile input for a client's tests. */
    public void sendRaw(final String text)
    {
        onLoop(() ->
        {
            for (final Channel channel : sessions)
            {
                channel.writeAndFlush(new TextWebSocketFrame(text));
            }
            return null;
        });
    }

    /** Open orders at the exchange now. */
    public int openOrders()
    {
        return onLoop(openByClientId::size);
    }

    /** Orders the exchange holds, by status, and the executed quantity of each (for a test's comparison). */
    public Map<String, String> orderStates()
    {
        return onLoop(() ->
        {
            final Map<String, String> states = new TreeMap<>();
            for (final ExchangeOrder order : ordersById.values())
            {
                states.put(order.clientOrderId, order.status + " " + order.executedQty.stripTrailingZeros().toPlainString());
            }
            return states;
        });
    }

    /** The account's balances by asset, as "FREE LOCKED" as the exchange reports them (for a test's comparison). */
    public Map<String, String> balances()
    {
        return onLoop(() ->
        {
            final Map<String, String> all = new TreeMap<>();
            for (final Map.Entry<String, BigDecimal[]> balance : balances.entrySet())
            {
                all.put(balance.getKey(), reported(balance.getValue()[0]) + " " + reported(balance.getValue()[1]));
            }
            return all;
        });
    }

    /** Places an order of the exchange's own, as another program on the account would (a test's foreign order). */
    public long placeForeignOrder(final String symbol, final String side, final String price, final String quantity)
    {
        return onLoop(() ->
        {
            final ObjectNode params = json.createObjectNode();
            params.put("symbol", symbol).put("side", side).put("type", "LIMIT").put("timeInForce", "GTC")
                .put("price", price).put("quantity", quantity).put("newClientOrderId", "foreign" + nextOrderId);
            final ObjectNode result = json.createObjectNode();
            final String error = place(params, result, System.currentTimeMillis());
            if (error != null)
            {
                throw new IllegalStateException(error);
            }
            return result.path("orderId").asLong();
        });
    }

    public long ordersAccepted()
    {
        return ordersAccepted;
    }

    public long duplicateIds()
    {
        return duplicateIds;
    }

    /** Client order ids accepted a second time after their first order ended: never for an idempotent client. */
    public long idsAcceptedTwice()
    {
        return idsAcceptedTwice;
    }

    public long tooManyRequests()
    {
        return tooManyRequests;
    }

    /** Requests that went over a limit (each got a 429). */
    public long limitBreaches()
    {
        return limitBreaches;
    }

    public long signatureFailures()
    {
        return signatureFailures;
    }

    public long timestampFailures()
    {
        return timestampFailures;
    }

    public long filterFailures()
    {
        return filterFailures;
    }

    /** Orders refused because the account's free balance could not cover them (-2010). */
    public long insufficientBalances()
    {
        return insufficientBalances;
    }

    public long malformedRequests()
    {
        return malformedRequests;
    }

    public long lostResponses()
    {
        return lostResponses;
    }

    public long fills()
    {
        return fills;
    }

    public void close()
    {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T onLoop(final java.util.concurrent.Callable<T> task)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        group.next().execute(() ->
        {
            try
            {
                result.complete(task.call());
            }
            catch (final Exception ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return result.join();
    }

    // ------------------------------------------------------------------ market data and matching

    private void drainMarketData()
    {
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        marketData.read((type, buffer, offset, length) ->
        {
            books.onInput(buffer, offset, length, 0, nowNs);
            venue.onMarketData(buffer, offset, length, nowNs);
        }, 10_000);
        venue.poll(nowNs);
    }

    /** The simulated venue's report for one of our orders: the order's state, balances, the user data stream. */
    private boolean onVenueReport(final DirectBuffer buffer, final int offset, final int length)
    {
        headerDecoder.wrap(buffer, offset);
        report.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final ExchangeOrder order = ordersById.get(report.clientOrderId());
        if (order == null)
        {
            return true;
        }
        final Instrument instrument = ctx.instruments.get(order.instrumentId);
        final ExecType execType = report.execType();
        final String x;
        BigDecimal lastQty = BigDecimal.ZERO;
        BigDecimal lastPrice = BigDecimal.ZERO;
        boolean maker = false;
        long tradeId = -1;
        switch (execType)
        {
            case NEW:
                x = "NEW";
                order.status = "NEW";
                break;
            case PARTIAL_FILL:
            case FILL:
                x = "TRADE";
                lastQty = BigDecimal.valueOf(report.lastQuantity(), -instrument.sizeExponent());
                lastPrice = BigDecimal.valueOf(report.lastPrice(), -instrument.priceExponent());
                order.executedQty = order.executedQty.add(lastQty);
                order.quoteQty = order.quoteQty.add(lastQty.multiply(lastPrice));
                order.status = execType == ExecType.FILL ? "FILLED" : "PARTIALLY_FILLED";
                maker = report.liquidity() == io.ferrum.codecs.sbe.Liquidity.MAKER;
                tradeId = nextTradeId++;
                fills++;
                settle(order, lastQty, lastPrice);
                break;
            case CANCELED:
                x = "CANCELED";
                order.status = "CANCELED";
                break;
            case EXPIRED:
                x = "EXPIRED";
                order.status = "EXPIRED";
                break;
            case REJECTED:
                x = "EXPIRED"; // a LIMIT_MAKER that would take: Binance expires it (EXPIRED, not REJECTED) on the stream
                order.status = "EXPIRED";
                break;
            default:
                return true;
        }
        if (!order.isOpen())
        {
            openByClientId.remove(order.clientOrderId, order);
            unlock(order);
        }
        pushExecutionReport(order, x, lastQty, lastPrice, maker, tradeId);
        // as Binance: the balances after every change, the lock of a newly placed order included
        if (execType == ExecType.NEW || tradeId > 0 || !order.isOpen())
        {
            pushAccountPosition(order);
        }
        return true;
    }

    private void settle(final ExchangeOrder order, final BigDecimal quantity, final BigDecimal price)
    {
        final BigDecimal notional = quantity.multiply(price);
        final BigDecimal fee = notional.multiply(new BigDecimal("0.001"));
        if (order.side.equals("BUY"))
        {
            final BigDecimal locked = order.lockedPerUnit == null ? notional : quantity.multiply(order.lockedPerUnit);
            move(order.rules.quoteAsset(), BigDecimal.ZERO, locked.negate());
            move(order.rules.quoteAsset(), locked.subtract(notional).subtract(fee), BigDecimal.ZERO);
            move(order.rules.baseAsset(), quantity, BigDecimal.ZERO);
            order.locked = order.locked.subtract(locked);
        }
        else
        {
            move(order.rules.baseAsset(), BigDecimal.ZERO, quantity.negate());
            move(order.rules.quoteAsset(), notional.subtract(fee), BigDecimal.ZERO);
            order.locked = order.locked.subtract(quantity);
        }
    }

    private void unlock(final ExchangeOrder order)
    {
        if (order.locked.signum() > 0)
        {
            final String asset = order.side.equals("BUY") ? order.rules.quoteAsset() : order.rules.baseAsset();
            move(asset, order.locked, order.locked.negate());
            order.locked = BigDecimal.ZERO;
        }
    }

    private void move(final String asset, final BigDecimal free, final BigDecimal locked)
    {
        final BigDecimal[] balance = balances.computeIfAbsent(asset, a -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        balance[0] = balance[0].add(free);
        balance[1] = balance[1].add(locked);
    }

    private void pushExecutionReport(
        final ExchangeOrder order, final String x, final BigDecimal lastQty, final BigDecimal lastPrice, final boolean maker,
        final long tradeId)
    {
        final long now = System.currentTimeMillis();
        final ObjectNode event = json.createObjectNode();
        event.put("e", "executionReport").put("E", now).put("s", order.symbol)
            .put("c", x.equals("CANCELED") ? "cancel" + order.orderId : order.clientOrderId)
            .put("S", order.side).put("o", order.type).put("f", order.timeInForce)
            .put("q", plain(order.origQty)).put("p", plain(order.price)).put("P", "0.00000000").put("F", "0.00000000")
            .put("g", -1).put("C", x.equals("CANCELED") ? order.clientOrderId : "").put("x", x).put("X", order.status)
            .put("r", "NONE").put("i", order.orderId).put("l", plain(lastQty)).put("z", plain(order.executedQty))
            .put("L", plain(lastPrice)).put("n", plain(lastQty.multiply(lastPrice).multiply(new BigDecimal("0.001")).setScale(8, java.math.RoundingMode.HALF_UP)))
            .putNull("N").put("T", now).put("t", tradeId).put("I", nextTradeId).put("w", order.isOpen())
            .put("m", maker).put("M", false).put("O", order.createdMs).put("Z", plain(order.quoteQty))
            .put("Y", plain(lastQty.multiply(lastPrice))).put("Q", "0.00000000").put("W", order.createdMs)
            .put("V", "NONE");
        pushEvent(event);
    }

    private void pushAccountPosition(final ExchangeOrder order)
    {
        final ObjectNode event = json.createObjectNode();
        event.put("e", "outboundAccountPosition").put("E", System.currentTimeMillis()).put("u", System.currentTimeMillis());
        final var array = event.putArray("B");
        for (final String asset : new String[]{order.rules.baseAsset(), order.rules.quoteAsset()})
        {
            final BigDecimal[] balance = balances.getOrDefault(asset, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            array.addObject().put("a", asset).put("f", reported(balance[0])).put("l", reported(balance[1]));
        }
        pushEvent(event);
    }

    private void pushEvent(final ObjectNode event)
    {
        final ObjectNode frame = json.createObjectNode();
        frame.put("subscriptionId", 0).set("event", event);
        final String text = frame.toString();
        for (final Channel channel : subscribed)
        {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    private static String plain(final BigDecimal value)
    {
        return value.setScale(Math.max(8, value.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * A balance as Binance reports it, to 8 places: the exchange keeps it exact (a notional, price x quantity,
     * has up to 16), the account's answers and the stream show it rounded.
     */
    private static String reported(final BigDecimal balance)
    {
        return balance.setScale(8, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    // ------------------------------------------------------------------ requests

    private final class Session extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        public void handlerAdded(final ChannelHandlerContext ctx)
        {
            sessions.add(ctx.channel());
        }

        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            sessions.remove(ctx.channel());
            subscribed.remove(ctx.channel());
            loggedOn.remove(ctx.channel());
            super.channelInactive(ctx);
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            final String response = onRequest(ctx.channel(), frame.text());
            if (response == null)
            {
                return;
            }
            if (responsesToLose.get() > 0 && responsesToLose.getAndDecrement() > 0)
            {
                lostResponses++;
                return;
            }
            ctx.channel().writeAndFlush(new TextWebSocketFrame(response));
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            malformedRequests++;
            ctx.close();
        }
    }

    /** Handles one request frame; returns the response text. */
    String onRequest(final Channel channel, final String text)
    {
        final long now = System.currentTimeMillis();
        final JsonNode request;
        try
        {
            request = json.readTree(text);
        }
        catch (final Exception ex)
        {
            malformedRequests++;
            return error(null, 400, -1000, "Malformed request.", now);
        }
        if (request == null || !request.isObject() || !request.path("method").isTextual())
        {
            malformedRequests++;
            return error(null, 400, -1000, "Malformed request.", now);
        }
        final JsonNode id = request.get("id");
        final String method = request.path("method").asText();
        final JsonNode params = request.path("params").isObject() ? request.path("params") : json.createObjectNode();
        final int cost = weight(method);
        if (cost < 0)
        {
            return error(id, 400, -1000, "Unknown method.", now);
        }
        final boolean order = method.equals("order.place") || method.equals("order.cancelReplace");
        final String limited = countRequest(cost, order, now);
        if (limited != null)
        {
            tooManyRequests++;
            limitBreaches++;
            final ObjectNode body = json.createObjectNode();
            body.put("id", id == null ? null : id.asText()).put("status", 429);
            final ObjectNode err = body.putObject("error");
            err.put("code", order ? -1015 : -1003).put("msg", limited);
            err.putObject("data").put("serverTime", now).put("retryAfter", retryAfter(order, now));
            rateLimits(body, now);
            return withId(body, id);
        }
        if (!method.equals("time") && !method.equals("session.logon"))
        {
            final String refused = authenticate(channel, method, params, now);
            if (refused != null)
            {
                final String[] parts = refused.split("\\|", 2);
                return error(id, 400, Integer.parseInt(parts[0]), parts[1], now);
            }
        }
        final ObjectNode result = json.createObjectNode();
        JsonNode payload = result;
        String failure = null;
        switch (method)
        {
            case "time" -> result.put("serverTime", now);
            case "session.logon" -> failure = logon(channel, params, result, now);
            case "userDataStream.subscribe", "userDataStream.subscribe.signature" ->
            {
                subscribed.add(channel);
                result.put("subscriptionId", 0);
            }
            case "account.status" -> account(result, params.path("omitZeroBalances").asBoolean(false), now);
            case "order.place" -> failure = place(params, result, now);
            case "order.cancel" -> failure = cancel(params, result);
            case "order.cancelReplace" -> failure = cancelReplace(params, result, now);
            case "order.status" -> failure = status(params, result);
            case "openOrders.status" -> payload = openOrders(params.path("symbol").asText(null));
            case "openOrders.cancelAll" ->
            {
                payload = cancelAll(params);
                failure = payload.isEmpty() ? "-2011|Unknown order sent." : null;
            }
            default -> failure = "-1000|Unknown method.";
        }
        if (failure != null)
        {
            final boolean partial = failure.startsWith("409|");
            final String[] parts = (partial ? failure.substring(4) : failure).split("\\|", 2);
            return error(id, partial ? 409 : 400, Integer.parseInt(parts[0]), parts[1], now);
        }
        final ObjectNode body = json.createObjectNode();
        body.put("status", 200).set("result", payload);
        rateLimits(body, now);
        return withId(body, id);
    }

    private String withId(final ObjectNode body, final JsonNode id)
    {
        final ObjectNode ordered = json.createObjectNode();
        ordered.set("id", id);
        ordered.setAll(body);
        return ordered.toString();
    }

    private String error(final JsonNode id, final int status, final int code, final String msg, final long now)
    {
        final ObjectNode body = json.createObjectNode();
        body.put("status", status);
        body.putObject("error").put("code", code).put("msg", msg);
        rateLimits(body, now);
        return withId(body, id);
    }

    private static int weight(final String method)
    {
        return switch (method)
        {
            case "time", "order.place", "order.cancel", "order.cancelReplace", "openOrders.cancelAll" -> 1;
            case "session.logon", "userDataStream.subscribe", "userDataStream.subscribe.signature" -> 2;
            case "order.status" -> 4;
            case "account.status" -> 20;
            case "openOrders.status" -> 80;
            default -> -1;
        };
    }

    /** Counts a request in the fixed windows; the reason it is refused when it would go over a limit. */
    private String countRequest(final int cost, final boolean order, final long now)
    {
        if (now / MINUTE_MS != weightWindow)
        {
            weightWindow = now / MINUTE_MS;
            weight = 0;
        }
        if (now / TEN_SECONDS_MS != orders10sWindow)
        {
            orders10sWindow = now / TEN_SECONDS_MS;
            orders10s = 0;
        }
        if (now / DAY_MS != ordersDayWindow)
        {
            ordersDayWindow = now / DAY_MS;
            ordersDay = 0;
        }
        if (weight + cost > ctx.weightPerMinute)
        {
            return "Too much request weight used; current limit is " + ctx.weightPerMinute + " request weight per 1 MINUTE.";
        }
        if (order && (orders10s + 1 > ctx.ordersPer10s || ordersDay + 1 > ctx.ordersPerDay))
        {
            return "Too many new orders; current limit is " + ctx.ordersPer10s + " orders per 10 SECOND.";
        }
        weight += cost;
        if (order)
        {
            orders10s++;
            ordersDay++;
        }
        return null;
    }

    private long retryAfter(final boolean order, final long now)
    {
        return order && orders10s + 1 > ctx.ordersPer10s ? (now / TEN_SECONDS_MS + 1) * TEN_SECONDS_MS :
            (now / MINUTE_MS + 1) * MINUTE_MS;
    }

    private void rateLimits(final ObjectNode body, final long now)
    {
        final var limits = body.putArray("rateLimits");
        limits.addObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE").put("intervalNum", 1)
            .put("limit", ctx.weightPerMinute).put("count", weight);
        limits.addObject().put("rateLimitType", "ORDERS").put("interval", "SECOND").put("intervalNum", 10)
            .put("limit", ctx.ordersPer10s).put("count", orders10s);
        limits.addObject().put("rateLimitType", "ORDERS").put("interval", "DAY").put("intervalNum", 1)
            .put("limit", ctx.ordersPerDay).put("count", ordersDay);
    }

    /** Null when the request may act for the account, else "code|message". */
    private String authenticate(final Channel channel, final String method, final JsonNode params, final long now)
    {
        final boolean hasSignature = params.hasNonNull("signature");
        if (!hasSignature && loggedOn.contains(channel))
        {
            return method.equals("userDataStream.subscribe") ? null : checkTimestamp(params, now);
        }
        if (method.equals("userDataStream.subscribe"))
        {
            return "-2015|Invalid API-key, IP, or permissions for action.";
        }
        if (!params.hasNonNull("apiKey"))
        {
            return "-1102|Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed.";
        }
        if (!ctx.apiKey.equals(params.path("apiKey").asText()))
        {
            return "-2015|Invalid API-key, IP, or permissions for action.";
        }
        if (!hasSignature)
        {
            return "-1102|Mandatory parameter 'signature' was not sent, was empty/null, or malformed.";
        }
        final String payload = SignaturePayload.of(textParams(params));
        final String signature = params.path("signature").asText();
        final boolean valid = (ctx.hmac != null && ctx.hmac.verifies(payload, signature)) ||
            (ctx.ed25519 != null && Ed25519Signer.verifies(ctx.ed25519, payload, signature));
        if (!valid)
        {
            signatureFailures++;
            return "-1022|Signature for this request is not valid.";
        }
        return checkTimestamp(params, now);
    }

    private String checkTimestamp(final JsonNode params, final long now)
    {
        if (!params.path("timestamp").canConvertToLong())
        {
            return "-1102|Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.";
        }
        final long timestamp = params.path("timestamp").asLong();
        final long recvWindow = params.path("recvWindow").asLong(5_000);
        if (recvWindow > 60_000 || timestamp >= now + 1_000 || now - timestamp > recvWindow)
        {
            timestampFailures++;
            return "-1021|Timestamp for this request is outside of the recvWindow.";
        }
        return null;
    }

    private Map<String, String> textParams(final JsonNode params)
    {
        final Map<String, String> text = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> text.put(e.getKey(), e.getValue().asText()));
        return text;
    }

    private String logon(final Channel channel, final JsonNode params, final ObjectNode result, final long now)
    {
        if (ctx.ed25519 == null)
        {
            return "-4056|HMAC_SHA256 API key is not supported.";
        }
        if (!ctx.apiKey.equals(params.path("apiKey").asText()))
        {
            return "-2015|Invalid API-key, IP, or permissions for action.";
        }
        if (!Ed25519Signer.verifies(ctx.ed25519, SignaturePayload.of(textParams(params)), params.path("signature").asText()))
        {
            signatureFailures++;
            return "-1022|Signature for this request is not valid.";
        }
        final String stale = checkTimestamp(params, now);
        if (stale != null)
        {
            return stale;
        }
        loggedOn.add(channel);
        result.put("apiKey", ctx.apiKey).put("authorizedSince", now).put("connectedSince", now)
            .put("returnRateLimits", true).put("serverTime", now).put("userDataStream", subscribed.contains(channel));
        return null;
    }

    private void account(final ObjectNode result, final boolean omitZero, final long now)
    {
        result.put("makerCommission", 10).put("takerCommission", 10).put("canTrade", true).put("updateTime", now)
            .put("accountType", "SPOT");
        final var array = result.putArray("balances");
        for (final Map.Entry<String, BigDecimal[]> balance : balances.entrySet())
        {
            if (omitZero && balance.getValue()[0].signum() == 0 && balance.getValue()[1].signum() == 0)
            {
                continue;
            }
            array.addObject().put("asset", balance.getKey()).put("free", reported(balance.getValue()[0]))
                .put("locked", reported(balance.getValue()[1]));
        }
        result.putArray("permissions").add("SPOT");
    }

    /** order.place; null and the ACK in {@code result}, or "code|message". */
    private String place(final JsonNode params, final ObjectNode result, final long now)
    {
        final String symbol = params.path("symbol").asText("");
        final Instrument instrument = ctx.instruments.get(symbol);
        if (instrument == null)
        {
            return "-1121|Invalid symbol.";
        }
        final String side = params.path("side").asText("");
        final String type = params.path("type").asText("");
        if (!side.equals("BUY") && !side.equals("SELL"))
        {
            return "-1102|Mandatory parameter 'side' was not sent, was empty/null, or malformed.";
        }
        if (!type.equals("LIMIT") && !type.equals("MARKET") && !type.equals("LIMIT_MAKER"))
        {
            return "-1116|Invalid orderType.";
        }
        final boolean market = type.equals("MARKET");
        final String tif = params.path("timeInForce").asText(market || type.equals("LIMIT_MAKER") ? "GTC" : "");
        if (!tif.equals("GTC") && !tif.equals("IOC") && !tif.equals("FOK"))
        {
            return "-1102|Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.";
        }
        final String clientOrderId = params.path("newClientOrderId").asText("auto" + nextOrderId);
        if (!CLIENT_ORDER_ID.matcher(clientOrderId).matches())
        {
            return "-1100|Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.";
        }
        if (openByClientId.containsKey(clientOrderId))
        {
            duplicateIds++;
            return "-2010|Duplicate order sent.";
        }
        final BigDecimal quantity;
        final BigDecimal price;
        try
        {
            quantity = new BigDecimal(params.path("quantity").asText("x"));
            price = market ? BigDecimal.ZERO : new BigDecimal(params.path("price").asText("x"));
        }
        catch (final NumberFormatException ex)
        {
            return "-1102|Mandatory parameter 'quantity' or 'price' was not sent, was empty/null, or malformed.";
        }
        final SymbolRules rules = ctx.rules.getOrDefault(symbol, SymbolRules.unfiltered(symbol));
        final String filter = rules.check(price, quantity, market);
        if (filter != null)
        {
            filterFailures++;
            return "-1013|" + filter;
        }
        final long openOnSymbol = openByClientId.values().stream().filter(o -> o.symbol.equals(symbol)).count();
        if (openOnSymbol >= rules.maxNumOrders())
        {
            filterFailures++;
            return "-1013|Filter failure: MAX_NUM_ORDERS";
        }
        final long priceMantissa;
        final long quantityMantissa;
        try
        {
            priceMantissa = price.movePointRight(-instrument.priceExponent()).longValueExact();
            quantityMantissa = quantity.movePointRight(-instrument.sizeExponent()).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            filterFailures++;
            return "-1013|Filter failure: PRICE_FILTER";
        }
        // balances: a buy locks its notional in the quote asset (a market buy at the best ask), a sell its quantity
        final BigDecimal lockPrice = market ? bestAsk(instrument) : price;
        final String asset = side.equals("BUY") ? rules.quoteAsset() : rules.baseAsset();
        final BigDecimal needed = side.equals("BUY") ? quantity.multiply(lockPrice) : quantity;
        final BigDecimal[] balance = balances.getOrDefault(asset, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        if (balance[0].compareTo(needed) < 0)
        {
            insufficientBalances++;
            return "-2010|Account has insufficient balance for requested action.";
        }
        final ExchangeOrder order = new ExchangeOrder();
        order.orderId = nextOrderId++;
        order.clientOrderId = clientOrderId;
        order.symbol = symbol;
        order.instrumentId = instrument.instrumentId();
        order.rules = rules;
        order.side = side;
        order.type = type;
        order.timeInForce = tif;
        order.price = price;
        order.origQty = quantity;
        order.createdMs = now;
        order.status = "NEW";
        order.locked = needed;
        order.lockedPerUnit = side.equals("BUY") ? lockPrice : null;
        move(asset, needed.negate(), needed);
        ordersById.put(order.orderId, order);
        openByClientId.put(clientOrderId, order);
        ordersAccepted++;
        if (!everAcceptedIds.add(clientOrderId))
        {
            idsAcceptedTwice++;
        }
        result.put("symbol", symbol).put("orderId", order.orderId).put("orderListId", -1)
            .put("clientOrderId", clientOrderId).put("transactTime", now);
        newOrder.wrapAndApplyHeader(orderBuffer, 0, headerEncoder)
            .venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .strategyId(0).clientOrderId(order.orderId)
            .side(side.equals("BUY") ? Side.BUY : Side.SELL)
            .orderType(market ? OrderType.MARKET : OrderType.LIMIT)
            .timeInForce(tif.equals("IOC") ? TimeInForce.IOC : tif.equals("FOK") ? TimeInForce.FOK : TimeInForce.GTC);
        newOrder.flags().clear().postOnly(type.equals("LIMIT_MAKER"));
        newOrder.priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .price(market ? 0 : priceMantissa).stopPrice(0).quantity(quantityMantissa).timestampNs(now * 1_000_000L);
        final long nowNs = now * 1_000_000L;
        venue.onOrderMessage(orderBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength(), nowNs);
        venue.poll(nowNs);
        return null;
    }

    private BigDecimal bestAsk(final Instrument instrument)
    {
        final var book = books.book(instrument.instrumentId());
        final long ask = book == null ? 0 : book.bestAskPrice();
        return BigDecimal.valueOf(ask, -instrument.priceExponent());
    }

    private ExchangeOrder find(final JsonNode params)
    {
        if (params.hasNonNull("orderId"))
        {
            final ExchangeOrder order = ordersById.get(params.path("orderId").asLong());
            return order != null && order.symbol.equals(params.path("symbol").asText()) ? order : null;
        }
        final String clientOrderId = params.path("origClientOrderId").asText(null);
        if (clientOrderId == null)
        {
            return null;
        }
        final ExchangeOrder open = openByClientId.get(clientOrderId);
        if (open != null)
        {
            return open;
        }
        ExchangeOrder latest = null;
        for (final ExchangeOrder order : ordersById.values())
        {
            if (order.clientOrderId.equals(clientOrderId) && (latest == null || order.orderId > latest.orderId))
            {
                latest = order;
            }
        }
        return latest;
    }

    private String cancel(final JsonNode params, final ObjectNode result)
    {
        final ExchangeOrder order = find(params);
        if (order == null || !order.isOpen())
        {
            return "-2011|Unknown order sent.";
        }
        cancelAtVenue(order);
        describe(order, result);
        return null;
    }

    private void cancelAtVenue(final ExchangeOrder order)
    {
        final Instrument instrument = ctx.instruments.get(order.instrumentId);
        cancelOrder.wrapAndApplyHeader(orderBuffer, 0, headerEncoder).venue(instrument.venue())
            .instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0).strategyId(0)
            .clientOrderId(order.orderId).timestampNs(System.currentTimeMillis() * 1_000_000L);
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        venue.onOrderMessage(orderBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength(), nowNs);
        venue.poll(nowNs);
    }

    private String cancelReplace(final JsonNode params, final ObjectNode result, final long now)
    {
        final ObjectNode cancelParams = json.createObjectNode();
        cancelParams.put("symbol", params.path("symbol").asText());
        if (params.hasNonNull("cancelOrderId"))
        {
            cancelParams.put("orderId", params.path("cancelOrderId").asLong());
        }
        else
        {
            cancelParams.put("origClientOrderId", params.path("cancelOrigClientOrderId").asText());
        }
        final ExchangeOrder old = find(cancelParams);
        if (old == null || !old.isOpen())
        {
            final ObjectNode data = result.putObject("data");
            data.put("cancelResult", "FAILURE").put("newOrderResult", "NOT_ATTEMPTED");
            return "-2021|Order cancel-replace failed.";
        }
        final String newId = params.path("newClientOrderId").asText("");
        if (openByClientId.containsKey(newId))
        {
            duplicateIds++;
            return "-2010|Duplicate order sent.";
        }
        cancelAtVenue(old);
        result.put("cancelResult", "SUCCESS");
        final ObjectNode newOrderResponse = json.createObjectNode();
        final String failure = place(params, newOrderResponse, now);
        if (failure != null)
        {
            result.put("newOrderResult", "FAILURE");
            return "409|" + failure;
        }
        result.put("newOrderResult", "SUCCESS");
        result.set("newOrderResponse", newOrderResponse);
        return null;
    }

    private String status(final JsonNode params, final ObjectNode result)
    {
        final ExchangeOrder order = find(params);
        if (order == null)
        {
            return "-2013|Order does not exist.";
        }
        describe(order, result);
        return null;
    }

    private JsonNode openOrders(final String symbol)
    {
        final var array = json.createArrayNode();
        openByClientId.values().stream()
            .filter(o -> symbol == null || o.symbol.equals(symbol))
            .sorted((a, b) -> Long.compare(a.orderId, b.orderId))
            .forEach(o -> describe(o, array.addObject()));
        return array;
    }

    /** As Binance: each cancelled order's report (its own id in origClientOrderId, the cancel's in clientOrderId). */
    private JsonNode cancelAll(final JsonNode params)
    {
        final String symbol = params.path("symbol").asText("");
        final var array = json.createArrayNode();
        final List<ExchangeOrder> open = new ArrayList<>();
        openByClientId.values().stream().filter(o -> o.symbol.equals(symbol)).forEach(open::add);
        open.sort((a, b) -> Long.compare(a.orderId, b.orderId));
        for (final ExchangeOrder order : open)
        {
            cancelAtVenue(order);
            final ObjectNode report = array.addObject();
            describe(order, report);
            report.put("origClientOrderId", order.clientOrderId).put("clientOrderId", "cancelAll" + order.orderId);
        }
        return array;
    }

    private void describe(final ExchangeOrder order, final ObjectNode out)
    {
        out.put("symbol", order.symbol).put("orderId", order.orderId).put("orderListId", -1)
            .put("clientOrderId", order.clientOrderId).put("price", plain(order.price))
            .put("origQty", plain(order.origQty)).put("executedQty", plain(order.executedQty))
            .put("cummulativeQuoteQty", plain(order.quoteQty)).put("status", order.status)
            .put("timeInForce", order.timeInForce).put("type", order.type).put("side", order.side)
            .put("time", order.createdMs).put("updateTime", order.createdMs).put("isWorking", order.isOpen())
            .put("selfTradePreventionMode", "NONE");
    }

    /** One order as the exchange keeps it. */
    private static final class ExchangeOrder
    {
        long orderId;
        String clientOrderId;
        String symbol;
        int instrumentId;
        SymbolRules rules;
        String side;
        String type;
        String timeInForce;
        BigDecimal price;
        BigDecimal origQty;
        BigDecimal executedQty = BigDecimal.ZERO;
        BigDecimal quoteQty = BigDecimal.ZERO;
        BigDecimal locked = BigDecimal.ZERO;
        BigDecimal lockedPerUnit;
        long createdMs;
        String status;

        boolean isOpen()
        {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }
    }

    /** Configures the exchange. */
    public static final class Context
    {
        private InstrumentRegistry instruments;
        private Map<String, SymbolRules> rules = Map.of();
        private String apiKey;
        private HmacSigner hmac;
        private PublicKey ed25519;
        private Map<String, BigDecimal> balances = new TreeMap<>();
        private int port;
        private int ordersPer10s = 50;
        private int ordersPerDay = 160_000;
        private int weightPerMinute = 6_000;

        public Context instruments(final InstrumentRegistry instruments)
        {
            this.instruments = instruments;
            return this;
        }

        /** The filters of the symbols in an exchangeInfo file; symbols it does not list trade unfiltered. */
        public Context exchangeInfo(final java.nio.file.Path file) throws java.io.IOException
        {
            this.rules = SymbolRules.read(file);
            return this;
        }

        /** The account's API key, and how it signs: an HMAC secret, an Ed25519 public key, or both. */
        public Context account(final String apiKey, final byte[] hmacSecret, final PublicKey ed25519)
        {
            this.apiKey = apiKey;
            this.hmac = hmacSecret == null ? null : new HmacSigner(hmacSecret);
            this.ed25519 = ed25519;
            return this;
        }

        /** The account's starting free balances, every other asset at zero (replacing any set before). */
        public Context balances(final Map<String, String> free)
        {
            balances.clear();
            free.forEach(this::balance);
            return this;
        }

        /** Starting free balance of an asset. */
        public Context balance(final String asset, final String free)
        {
            balances.put(asset, new BigDecimal(free));
            return this;
        }

        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        public Context rateLimits(final int ordersPer10s, final int ordersPerDay, final int weightPerMinute)
        {
            this.ordersPer10s = ordersPer10s;
            this.ordersPerDay = ordersPerDay;
            this.weightPerMinute = weightPerMinute;
            return this;
        }

        Context conclude()
        {
            if (instruments == null || apiKey == null || (hmac == null && ed25519 == null))
            {
                throw new IllegalArgumentException("the local exchange needs instruments and an account (API key and a key)");
            }
            return this;
        }
    }
}
