package io.ferrum.gateway.client;

import io.ferrum.gateway.logging.LogFields;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.InboundPublisher;
import io.ferrum.gateway.binance.FeedStatusListener;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.binance.SourceSequence;
import io.ferrum.gateway.feed.SpotFeed;
import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Binance spot market-data connection: one WebSocket (ws:// or wss://) carrying the
 * configured streams of many symbols, REST depth snapshots for the book syncs, and the
 * feed's health. Reconnects by itself with exponential backoff and jitter, switches to the
 * fallback endpoint after repeated failures, reconnects at once on {@code serverShutdown}
 * and before the venue's 24 h cut, and watches every symbol for stale data and missing
 * quotes. Everything runs on one Netty event loop thread.
 */
public final class MarketDataClient implements AutoCloseable
{
    /** Binance's limit on messages a client sends per connection per second (pings, pongs, control requests). */
    public static final int MAX_MESSAGES_PER_SECOND = 5;

    /**
     * Configuration. Keys as in docs/gateway.md.
     */
    public static final class Context
    {
        private URI wsUri;
        private URI fallbackWsUri;
        private URI restUri;
        private List<Instrument> instruments = new ArrayList<>();
        private List<String> streamKinds = List.of("depth@100ms", "bookTicker", "aggTrade");
        private boolean combined = true;
        private InboundPublisher publisher;
        private StageLatency latency = new StageLatency();
        private FeedStatusListener statusListener = FeedStatusListener.NONE;
        private EpochNanoClock clock = new SystemEpochNanoClock();
        private Venue venue = Venue.BINANCE_SPOT;
        private int sourceId = 1;
        private long firstSequence;
        private int streamId = 1;
        private int maxFrameLength = 1024 * 1024;
        private int depthLimit = 1000;
        private int restWeightPerMinute = 6000;
        private long reconnectBaseNs = TimeUnit.MILLISECONDS.toNanos(100);
        private long reconnectMaxNs = TimeUnit.SECONDS.toNanos(30);
        private int failuresBeforeFallback = 3;
        // 60 in 5 minutes: a fifth of Binance's 300 per 5 minutes per IP, leaving room for the
        // other processes (gateways, the order session) that share the desk's IP
        private int connectAttempts = 60;
        private long connectWindowNs = TimeUnit.MINUTES.toNanos(5);
        private long healthyAfterNs = TimeUnit.SECONDS.toNanos(30);
        private long staleTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private long quoteTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private long healthCheckIntervalNs = TimeUnit.MILLISECONDS.toNanos(250);
        private long connectionLifetimeNs = TimeUnit.HOURS.toNanos(23) + TimeUnit.MINUTES.toNanos(50);
        private long rotationDrainTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private long jitterSeed = System.nanoTime();
        private SslContext sslContext;
        private EventLoopGroup group;
        private String apiKeyEnv;

        public Context wsUri(final String uri)
        {
            this.wsUri = URI.create(uri);
            return this;
        }

        public URI wsUri()
        {
            return wsUri;
        }

        public Context fallbackWsUri(final String uri)
        {
            this.fallbackWsUri = uri == null ? null : URI.create(uri);
            return this;
        }

        public Context restUri(final String uri)
        {
            this.restUri = URI.create(uri);
            return this;
        }

        public Context instruments(final List<Instrument> instruments)
        {
            this.instruments = List.copyOf(instruments);
            return this;
        }

        /**
         * Stream suffixes: {@code depth@100ms}, {@code depth}, {@code bookTicker}, {@code aggTrade}, {@code trade},
         * {@code ticker}; on Binance's SBE endpoint {@code trade}, {@code bestBidAsk}, {@code depth}.
         */
        public Context streamKinds(final List<String> kinds)
        {
            this.streamKinds = List.copyOf(kinds);
            return this;
        }

        /** Combined ({@code /stream?streams=}) or raw ({@code /ws/}) streams. */
        public Context combined(final boolean combined)
        {
            this.combined = combined;
            return this;
        }

        /** Where {@link Stage#GATEWAY_DECODE} is recorded: the process's recorders. */
        public Context latency(final StageLatency latency)
        {
            this.latency = latency;
            return this;
        }

        public Context publisher(final InboundPublisher publisher)
        {
            this.publisher = publisher;
            return this;
        }

        public Context statusListener(final FeedStatusListener listener)
        {
            this.statusListener = listener;
            return this;
        }

        public Context venue(final Venue venue)
        {
            this.venue = venue;
            return this;
        }

        public Context sourceId(final int sourceId)
        {
            this.sourceId = sourceId;
            return this;
        }

        /**
         * Sequence of the first message published; default (0): the start time in epoch
         * nanoseconds, above anything a previous run of this source published (see SourceSequence).
         */
        public Context firstSequence(final long firstSequence)
        {
            this.firstSequence = firstSequence;
            return this;
        }

        public Context streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        public Context maxFrameLength(final int length)
        {
            this.maxFrameLength = length;
            return this;
        }

        public Context depthLimit(final int limit)
        {
            this.depthLimit = limit;
            return this;
        }

        public Context restWeightPerMinute(final int weight)
        {
            this.restWeightPerMinute = weight;
            return this;
        }

        public Context reconnectBackoff(final long base, final long max, final TimeUnit unit)
        {
            this.reconnectBaseNs = unit.toNanos(base);
            this.reconnectMaxNs = unit.toNanos(max);
            return this;
        }

        /**
         * At most {@code attempts} connection attempts (reconnects, rotations and fallbacks together)
         * in any sliding {@code window}: 60 per 5 minutes by default.
         */
        public Context connectBudget(final int attempts, final long window, final TimeUnit unit)
        {
            this.connectAttempts = attempts;
            this.connectWindowNs = unit.toNanos(window);
            return this;
        }

        /**
         * How long a connection must stay up before the reconnect backoff starts again from its base:
         * a venue that drops each connection after a burst keeps the backoff growing.
         */
        public Context healthyAfter(final long duration, final TimeUnit unit)
        {
            this.healthyAfterNs = unit.toNanos(duration);
            return this;
        }

        public Context failuresBeforeFallback(final int failures)
        {
            this.failuresBeforeFallback = failures;
            return this;
        }

        public Context staleTimeout(final long timeout, final TimeUnit unit)
        {
            this.staleTimeoutNs = unit.toNanos(timeout);
            return this;
        }

        public Context quoteTimeout(final long timeout, final TimeUnit unit)
        {
            this.quoteTimeoutNs = unit.toNanos(timeout);
            return this;
        }

        public Context healthCheckInterval(final long interval, final TimeUnit unit)
        {
            this.healthCheckIntervalNs = unit.toNanos(interval);
            return this;
        }

        public Context connectionLifetime(final long lifetime, final TimeUnit unit)
        {
            this.connectionLifetimeNs = unit.toNanos(lifetime);
            return this;
        }

        /**
         * How long a rotation reads the replaced connection for the frames still in flight on it, waiting
         * for the venue's answer to its close frame, before cutting it; the new connection's frames wait as long.
         */
        public Context rotationDrainTimeout(final long timeout, final TimeUnit unit)
        {
            this.rotationDrainTimeoutNs = unit.toNanos(timeout);
            return this;
        }

        public Context jitterSeed(final long seed)
        {
            this.jitterSeed = seed;
            return this;
        }

        /** TLS for wss:// and https://; a default client context is built when none is given. */
        public Context sslContext(final SslContext sslContext)
        {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Name of the environment variable holding the API key sent as {@code X-MBX-APIKEY} when
         * connecting, as Binance's SBE streams require. Never a key itself: keys stay out of config files.
         */
        public Context apiKeyEnv(final String variableName)
        {
            this.apiKeyEnv = variableName;
            return this;
        }

        /** An event loop group to share; by default the client owns a one-thread NIO group. */
        public Context group(final EventLoopGroup group)
        {
            this.group = group;
            return this;
        }

        void conclude()
        {
            if (firstSequence < 0)
            {
                throw new IllegalArgumentException("firstSequence must be >= 0: " + firstSequence);
            }
            if (0 == firstSequence)
            {
                firstSequence = clock.nanoTime();
            }
            Objects.requireNonNull(wsUri, "wsUri");
            Objects.requireNonNull(restUri, "restUri");
            Objects.requireNonNull(publisher, "publisher");
            StreamNames.streams(instruments, streamKinds);
            for (final URI uri : new URI[]{wsUri, fallbackWsUri})
            {
                if (uri != null && !"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()))
                {
                    throw new IllegalArgumentException("WebSocket URI must be ws:// or wss://: " + uri);
                }
            }
            if (apiKeyEnv != null && (System.getenv(apiKeyEnv) == null || System.getenv(apiKeyEnv).isBlank()))
            {
                throw new IllegalArgumentException("environment variable " + apiKeyEnv + " (the API key) is not set");
            }
            if (!"http".equals(restUri.getScheme()) && !"https".equals(restUri.getScheme()))
            {
                throw new IllegalArgumentException("REST URI must be http:// or https://: " + restUri);
            }
            final int snapshotBytes = 64 + 2 * 4 + 2 * depthLimit * 16;
            if (depthLimit < 1 || depthLimit > 5000 || snapshotBytes > publisher.maxMessageLength())
            {
                throw new IllegalArgumentException("depthLimit " + depthLimit + " needs ring slots of " + snapshotBytes +
                    " bytes, have " + publisher.maxMessageLength());
            }
            if (sslContext == null && (isTls(wsUri) || isTls(fallbackWsUri) || "https".equals(restUri.getScheme())))
            {
                try
                {
                    sslContext = SslContextBuilder.forClient().build();
                }
                catch (final SSLException ex)
                {
                    throw new IllegalStateException("cannot build a TLS client context", ex);
                }
            }
        }

        private static boolean isTls(final URI uri)
        {
            return uri != null && "wss".equals(uri.getScheme());
        }
    }

    private final Context ctx;
    private final boolean ownsGroup;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final InstrumentTable instruments;
    private final SpotFeed feed;
    private final RestSnapshotClient rest;
    private final FeedMonitor monitor;
    private final Backoff reconnectBackoff;
    private final ConnectionBudget connectBudget;
    private final String path;
    private FeedState state = FeedState.DISCONNECTED;
    private URI current;
    private int consecutiveFailures;
    private Channel channel;
    private Channel draining;
    private FrameHandler drainedInto;
    private ScheduledFuture<?> rotation;
    private boolean connecting;
    private boolean closed;
    private long connects;

    private MarketDataClient(final Context ctx)
    {
        this.ctx = ctx;
        ownsGroup = ctx.group == null;
        group = ownsGroup ? new MultiThreadIoEventLoopGroup(1,
            LogFields.threads("gateway", new DefaultThreadFactory("ferrum-md-client")), NioIoHandler.newFactory()) : ctx.group;
        loop = group.next();
        instruments = new InstrumentTable(ctx.instruments);
        reconnectBackoff = new Backoff(ctx.reconnectBaseNs, ctx.reconnectMaxNs, ctx.jitterSeed);
        connectBudget = new ConnectionBudget(ctx.connectAttempts, ctx.connectWindowNs);
        rest = new RestSnapshotClient(loop, ctx.restUri, "https".equals(ctx.restUri.getScheme()) ? ctx.sslContext : null,
            ctx.depthLimit, ctx.restWeightPerMinute, new Backoff(ctx.reconnectBaseNs, ctx.reconnectMaxNs, ctx.jitterSeed + 1),
            ctx.clock);
        feed = new SpotFeed(instruments, ctx.publisher, rest, ctx.statusListener, ctx.clock, ctx.venue,
            new SourceSequence(ctx.sourceId, ctx.firstSequence), ctx.streamId, ctx.maxFrameLength, this::onServerShutdown);
        rest.bind(feed.books(), feed.status());
        monitor = new FeedMonitor(instruments, feed.books(), feed.status(), ctx.clock, ctx.staleTimeoutNs,
            ctx.streamKinds.contains("bookTicker") ? ctx.quoteTimeoutNs : 0);
        path = StreamNames.path(StreamNames.streams(ctx.instruments, ctx.streamKinds), ctx.combined);
        current = ctx.wsUri;
    }

    /** Starts connecting; returns at once. */
    public static MarketDataClient connect(final Context ctx)
    {
        ctx.conclude();
        final MarketDataClient client = new MarketDataClient(ctx);
        client.loop.execute(client::start);
        return client;
    }

    private void start()
    {
        loop.scheduleAtFixedRate(() -> monitor.check(channel != null && channel.isActive()),
            ctx.healthCheckIntervalNs, ctx.healthCheckIntervalNs, TimeUnit.NANOSECONDS);
        open();
    }

    private void open()
    {
        open("opening " + current);
    }

    private void open(final String reason)
    {
        if (closed || connecting)
        {
            return;
        }
        final long nowNs = System.nanoTime();
        final long waitNs = connectBudget.delayNs(nowNs);
        if (waitNs > 0)
        {
            // over budget: wait for the oldest attempt to leave the window, whatever asked to connect
            loop.schedule(() -> open(reason), waitNs, TimeUnit.NANOSECONDS);
            return;
        }
        connectBudget.record(nowNs);
        connecting = true;
        changeState(FeedState.CONNECTING, reason);
        final URI uri = URI.create(current.toString().replaceAll("/+$", "") + path);
        final boolean tls = "wss".equals(uri.getScheme());
        final int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        final io.netty.handler.codec.http.DefaultHttpHeaders headers = new io.netty.handler.codec.http.DefaultHttpHeaders();
        if (ctx.apiKeyEnv != null)
        {
            headers.set("X-MBX-APIKEY", System.getenv(ctx.apiKeyEnv));
        }
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .customHeaders(headers)
            .maxFramePayloadLength(ctx.maxFrameLength * 4) // larger frames are counted and dropped by the decoder
            .handleCloseFrames(false) // FrameHandler closes on the venue's close frame, after the frames before it
            .dropPongFrames(true)
            .build();
        final FrameHandler handler = new FrameHandler(this, feed.decoder(), feed.sbeDecoder(), ctx.clock, ctx.latency);
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (tls)
                    {
                        ch.pipeline().addLast(ctx.sslContext.newHandler(ch.alloc(), uri.getHost(), port));
                    }
                    ch.pipeline().addLast(
                        new HttpClientCodec(),
                        new HttpObjectAggregator(64 * 1024),
                        // head side of the WebSocket handler, which writes its pongs from its own position
                        new OutboundRateLimiter(MAX_MESSAGES_PER_SECOND),
                        new WebSocketClientProtocolHandler(config),
                        new WebSocketFrameAggregator(ctx.maxFrameLength * 4),
                        handler);
                }
            })
            .connect(uri.getHost(), port).addListener(f ->
            {
                if (!f.isSuccess())
                {
                    onAttemptFailed("connect to " + uri.getHost() + ":" + port + " failed: " + f.cause().getMessage());
                }
            });
    }

    void onHandshakeComplete(final Channel newChannel, final FrameHandler handler)
    {
        connecting = false;
        final Channel old = channel;
        channel = newChannel;
        connects++;
        consecutiveFailures = 0;
        loop.schedule(() -> resetBackoffIfStillUp(newChannel), ctx.healthyAfterNs, TimeUnit.NANOSECONDS);
        monitor.connected();
        changeState(FeedState.CONNECTED, "WebSocket open: " + current + path);
        if (old != null && old.isActive())
        {
            drain(old, handler);
        }
        if (rotation != null)
        {
            rotation.cancel(false);
        }
        rotation = loop.schedule(() -> rotate("connection lifetime reached, rotating before the venue's 24 h cut"),
            ctx.connectionLifetimeNs, TimeUnit.NANOSECONDS);
    }

    /**
     * Make before break without losing what is in flight: frames the venue sent on the old connection
     * but not yet read would be discarded by closing it, while the new connection's streams start
     * after them (a gap in the diffs, trades and quotes lost). So the old connection is asked to close
     * with a close frame and read until the venue's answering close frame, which comes after everything
     * it sent there; the new connection's frames are held meanwhile and decoded after: they overlap
     * what the old one delivered, and the decoder drops what it already has (depth diffs with
     * {@code u <= lastUpdateId}, trades, aggTrades and quotes by id). A venue that does not answer is
     * cut after the drain timeout; a diff lost then shows as a gap and the book resyncs.
     */
    private void drain(final Channel old, final FrameHandler next)
    {
        if (draining != null)
        {
            // rotated again before the last one drained: cut it (what it still holds may show as a gap)
            final Channel previous = draining;
            final FrameHandler previousNext = drainedInto;
            draining = null;
            drainedInto = null;
            previous.close();
            previousNext.resume();
        }
        draining = old;
        drainedInto = next;
        next.pause();
        old.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "rotating"));
        loop.schedule(() -> old.close(), ctx.rotationDrainTimeoutNs, TimeUnit.NANOSECONDS);
    }

    /** A connection that was open has closed; only the current one matters. */
    void onConnectionLost(final Channel lost, final String reason)
    {
        if (lost == draining)
        {
            draining = null;
            final FrameHandler next = drainedInto;
            drainedInto = null;
            next.resume();
            return;
        }
        if (lost != channel)
        {
            return; // the replaced connection of a rotation, or one that never became current
        }
        channel = null;
        if (closed)
        {
            return;
        }
        changeState(FeedState.DISCONNECTED, reason);
        if (connecting)
        {
            return; // a rotation is already opening the next connection; a diff lost meanwhile shows as a gap
        }
        feed.books().resetAll("connection lost: " + reason);
        scheduleReconnect();
    }

    /** An attempt to open a connection failed (connect, or handshake). */
    void onAttemptFailed(final String reason)
    {
        connecting = false;
        if (closed)
        {
            return;
        }
        if (channel != null && channel.isActive())
        {
            // a rotation's new connection failed: keep the old one and try again
            loop.schedule((Runnable)this::open, reconnectBackoff.nextDelayNs(), TimeUnit.NANOSECONDS);
            return;
        }
        changeState(FeedState.DISCONNECTED, reason);
        scheduleReconnect();
    }

    private void scheduleReconnect()
    {
        consecutiveFailures++;
        if (ctx.fallbackWsUri != null && consecutiveFailures >= ctx.failuresBeforeFallback)
        {
            current = current.equals(ctx.wsUri) ? ctx.fallbackWsUri : ctx.wsUri;
            consecutiveFailures = 0;
            changeState(FeedState.FALLBACK, "switching to " + current + " after " + ctx.failuresBeforeFallback + " failures");
        }
        loop.schedule((Runnable)this::open, reconnectBackoff.nextDelayNs(), TimeUnit.NANOSECONDS);
    }

    private void onServerShutdown()
    {
        changeState(FeedState.SERVER_SHUTDOWN, "venue announced serverShutdown");
        rotate("serverShutdown");
    }

    private void resetBackoffIfStillUp(final Channel connection)
    {
        if (connection == channel && connection.isActive())
        {
            reconnectBackoff.reset();
        }
    }

    /** Opens a new connection at once and closes the current one only when the new one is live. */
    private void rotate(final String reason)
    {
        open(reason + ": opening " + current + " before closing the current connection");
    }

    private void changeState(final FeedState newState, final String detail)
    {
        if (newState != state)
        {
            final FeedState previous = state;
            state = newState;
            feed.status().publish(null, newState, previous, detail, ctx.clock.nanoTime());
        }
    }

    /** Runs a task on the client's event loop thread, where all its state lives. */
    public void execute(final Runnable task)
    {
        loop.execute(task);
    }

    /** The decoding side (books, counters); read it only from {@link #execute(Runnable)} tasks. */
    public SpotFeed feed()
    {
        return feed;
    }

    public InstrumentTable instruments()
    {
        return instruments;
    }

    /** Connection-level state; read it only from {@link #execute(Runnable)} tasks. */
    public FeedState state()
    {
        return state;
    }

    public long connects()
    {
        return connects;
    }

    public void close()
    {
        if (loop.isShuttingDown())
        {
            return; // closed before: its own event loop is gone
        }
        loop.submit(() ->
        {
            closed = true;
            rest.close();
            if (channel != null)
            {
                channel.close();
            }
            if (draining != null)
            {
                draining.close();
            }
        }).syncUninterruptibly();
        if (ownsGroup)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
