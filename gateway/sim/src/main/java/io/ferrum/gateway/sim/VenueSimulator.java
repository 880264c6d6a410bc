package io.ferrum.gateway.sim;

import io.ferrum.gateway.logging.LogFields;
import io.ferrum.gateway.replay.ReplaySession;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Netty server that speaks Binance spot's market-data protocol on loopback: WebSocket
 * {@code /ws/<stream>[/<stream>...]} and {@code /stream?streams=...}, and
 * {@code GET /api/v3/depth?symbol=X&limit=N}. It replays a recorded session to each
 * connection from its start and answers depth requests with the snapshot the live client
 * got (the latest recorded one the replay has reached, else the first), and injects
 * faults on demand.
 * <p>
 * Like a live venue, it serves its events with times of now: every venue time in a frame
 * ({@code E}, trade times...) moves onto the replay clock (see {@link #venueTimeNs}), unless
 * {@link Context#originalTimes} keeps the recorded ones. Update ids, prices and every other
 * byte are served as recorded.
 */
public final class VenueSimulator implements AutoCloseable
{
    /**
     * Configuration.
     */
    public static final class Context
    {
        private ReplaySession session;
        private double speed = 0;
        private int port = 0;
        private int oversizeFrameLength = 2 * 1024 * 1024;
        private int maxFramePayloadLength = 8 * 1024 * 1024;
        private boolean sbe;
        private boolean originalTimes;
        private io.netty.handler.ssl.SslContext sslContext;

        /** The recorded session to replay. */
        public Context session(final ReplaySession session)
        {
            this.session = session;
            return this;
        }

        /** 1 replays at recorded speed, 10 ten times faster, 0 as fast as the socket takes it. */
        public Context speed(final double speed)
        {
            this.speed = speed;
            return this;
        }

        /**
         * Speak Binance's SBE market-data endpoint instead of JSON: streams {@code <symbol>@depth} and
         * {@code <symbol>@bestBidAsk} as binary frames, and an {@code X-MBX-APIKEY} header required to connect.
         */
        public Context sbe(final boolean sbe)
        {
            this.sbe = sbe;
            return this;
        }

        /**
         * Serve the recorded venue times (of 2021 for the fixtures) instead of moving them onto the
         * replay clock: for a consumer that checks the recording's own times.
         */
        public Context originalTimes(final boolean originalTimes)
        {
            this.originalTimes = originalTimes;
            return this;
        }

        /** Serve wss:// and https:// with this server context instead of plain loopback. */
        public Context sslContext(final io.netty.handler.ssl.SslContext sslContext)
        {
            this.sslContext = sslContext;
            return this;
        }

        boolean sbeValue()
        {
            return sbe;
        }

        /** 0 for an ephemeral port. */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /** Length of the string in an injected oversize frame. */
        public Context oversizeFrameLength(final int length)
        {
            this.oversizeFrameLength = length;
            return this;
        }

        ReplaySession sessionValue()
        {
            return session;
        }

        int oversizeFrameLengthValue()
        {
            return oversizeFrameLength;
        }

        int maxFramePayloadLengthValue()
        {
            return maxFramePayloadLength;
        }

        void conclude()
        {
            Objects.requireNonNull(session, "session");
            if (speed < 0)
            {
                throw new IllegalArgumentException("speed must be >= 0: " + speed);
            }
        }
    }

    private final Context context;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
        LogFields.threads("simulator", new DefaultThreadFactory("ferrum-simulator")), NioIoHandler.newFactory());
    private final ChannelGroup webSockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Faults faults = new Faults();
    private final VenueBooks books = new VenueBooks();
    private final List<String> pongs = new CopyOnWriteArrayList<>();
    private final List<Long> pongTimesNs = new CopyOnWriteArrayList<>();
    private final List<String> depthRequests = new CopyOnWriteArrayList<>();
    private final Channel server;
    private final long firstRecordedNs;
    private volatile long sessionStartEpochNs;
    private volatile long sessionStartNs = -1;
    private final AtomicLong withheldFrames = new AtomicLong();
    private int position;

    private VenueSimulator(final Context context) throws InterruptedException
    {
        this.context = context;
        for (final ReplaySession.Entry entry : context.session.entries())
        {
            if (entry.kind() == ReplaySession.Kind.REST && books.depthJson(symbolOf(entry), 1) == null)
            {
                books.onSnapshot(symbolOf(entry), entry.payload()); // until the replay reaches a snapshot, serve the first
            }
        }
        firstRecordedNs = context.session.entries().stream()
            .filter(e -> e.kind() == ReplaySession.Kind.WS).mapToLong(ReplaySession.Entry::receiveTimeNanos).findFirst().orElse(0);
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (context.sslContext != null)
                    {
                        ch.pipeline().addLast(context.sslContext.newHandler(ch.alloc()));
                    }
                    ch.pipeline().addLast(
                        new HttpServerCodec(),
                        new HttpObjectAggregator(64 * 1024),
                        new SimulatorHandler(VenueSimulator.this));
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", context.port)).sync().channel();
    }

    public static VenueSimulator launch(final Context context) throws InterruptedException
    {
        context.conclude();
        return new VenueSimulator(context);
    }

    public int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    /** Base URL for WebSocket streams, e.g. {@code ws://127.0.0.1:port} ({@code wss://} with TLS). */
    public String wsUrl()
    {
        return (context.sslContext != null ? "wss" : "ws") + "://127.0.0.1:" + port();
    }

    /** Base URL for REST, e.g. {@code http://127.0.0.1:port} ({@code https://} with TLS). */
    public String restUrl()
    {
        return (context.sslContext != null ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** Closes every WebSocket connection abruptly. */
    public void disconnectAll()
    {
        webSockets.close();
    }

    /**
     * Frames in flight: the WebSocket connections open now hold back every frame they send from now on
     * (the venue's replay moves on, so a new connection starts after them) until the client closes
     * them, and deliver them before the close frame answering the client's, as the network does with
     * data sent before it. A client that closes such a connection without reading to the end loses them.
     */
    public void holdInFlight()
    {
        for (final Channel webSocket : webSockets)
        {
            webSocket.eventLoop().execute(() ->
            {
                final SimulatorHandler handler = webSocket.pipeline().get(SimulatorHandler.class);
                if (handler != null)
                {
                    handler.withhold();
                }
            });
        }
    }

    /** Ignores the next {@code count} close frames from clients: no answer, the replay goes on. */
    public void injectUnansweredClose(final int count)
    {
        faults.unansweredCloses.addAndGet(count);
    }

    /** Close frames from clients still to be ignored. */
    public int unansweredClosesPending()
    {
        return faults.unansweredCloses.get();
    }

    /** Frames held back by {@link #holdInFlight()} so far. */
    public long withheldFrames()
    {
        return withheldFrames.get();
    }

    void onWithheld()
    {
        withheldFrames.incrementAndGet();
    }

    /** Drops the next {@code count} depth diffs sent, so that clients see a gap in U/u. */
    public void injectGap(final int count)
    {
        faults.gaps.addAndGet(count);
    }

    /** Sends nothing for a while. */
    public void injectStale(final long duration, final TimeUnit unit)
    {
        faults.staleUntilNs.set(System.nanoTime() + unit.toNanos(duration));
    }

    public void injectMalformedFrame()
    {
        faults.malformed.incrementAndGet();
    }

    public void injectOversizeFrame()
    {
        faults.oversize.incrementAndGet();
    }

    /** Sends a serverShutdown event on the next frame, then closes the connection. */
    public void injectServerShutdown()
    {
        faults.serverShutdowns.incrementAndGet();
    }

    /** Answers the next {@code count} depth requests with HTTP 429 and Retry-After: 1. */
    public void injectTooManyRequests(final int count)
    {
        faults.tooManyRequests.addAndGet(count);
    }

    /** Answers the next {@code count} depth requests with HTTP 418 (IP banned) and Retry-After: 1. */
    public void injectBan(final int count)
    {
        faults.teapots.addAndGet(count);
    }

    /** Pings every WebSocket connection with this payload; answers are in {@link #pongs()}. */
    public void ping(final String payload)
    {
        webSockets.writeAndFlush(new PingWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
    }

    /** Payloads of the pongs received, in order. */
    public List<String> pongs()
    {
        return pongs;
    }

    /** Symbols of the depth requests received, in order, whatever the answer. */
    public List<String> depthRequests()
    {
        return depthRequests;
    }

    public int connections()
    {
        return webSockets.size();
    }

    public void close()
    {
        server.close().syncUninterruptibly();
        webSockets.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    Context context()
    {
        return context;
    }

    Faults faults()
    {
        return faults;
    }

    ChannelGroup webSockets()
    {
        return webSockets;
    }

    /** Where a new connection starts: the furthest entry any connection has reached. Starts the session clock. */
    int position()
    {
        if (sessionStartNs < 0)
        {
            sessionStartEpochNs = System.currentTimeMillis() * 1_000_000L;
            sessionStartNs = System.nanoTime();
        }
        return position;
    }

    /** Time until an entry is due on the session clock; 0 or less when due (always, at speed 0). */
    long nanosUntilDue(final ReplaySession.Entry entry)
    {
        final double speed = context.speed;
        if (speed <= 0)
        {
            return 0;
        }
        return (long)((entry.receiveTimeNanos() - firstRecordedNs) / speed) - (System.nanoTime() - sessionStartNs);
    }

    /**
     * When a recorded time is due on the session clock, in {@link System#nanoTime()}: the intended
     * send time of a frame, whether or not it went out then (a latency measured from here does not
     * hide the time a frame waited behind a slow consumer). Any thread; {@link Long#MIN_VALUE}
     * before the first connection starts the clock, or at speed 0 (no schedule).
     */
    public long dueTimeNs(final long receiveTimeNanos)
    {
        final long start = sessionStartNs;
        final double speed = context.speed;
        if (start < 0 || speed <= 0)
        {
            return Long.MIN_VALUE;
        }
        return start + (long)((receiveTimeNanos - firstRecordedNs) / speed);
    }

    /**
     * A recorded venue time (epoch nanoseconds) on the replay clock: {@code recorded - session start}
     * scaled by the speed, from the wall-clock time the session clock started, as the frame's send
     * time is; the session start is the first recorded frame's receive time. At speed 0 (no clock:
     * frames go out as fast as the socket takes them) the recorded spacing is kept. The recorded
     * time itself with {@link Context#originalTimes}. Only once the session clock runs.
     */
    long venueTimeNs(final long recordedNs)
    {
        if (context.originalTimes)
        {
            return recordedNs;
        }
        final double speed = context.speed > 0 ? context.speed : 1;
        return sessionStartEpochNs + (long)((recordedNs - firstRecordedNs) / speed);
    }

    /** {@link #venueTimeNs} for a time in milliseconds, as Binance's JSON carries them; beyond the year 2262 as given. */
    long venueTimeMs(final long recordedMs)
    {
        if (recordedMs > Long.MAX_VALUE / 1_000_000L)
        {
            return recordedMs;
        }
        return Math.floorDiv(venueTimeNs(recordedMs * 1_000_000L), 1_000_000L);
    }

    boolean originalTimes()
    {
        return context.originalTimes;
    }

    /** A connection's replay has passed entry {@code index}: the venue's books move on, once per entry. */
    void reached(final int index, final ReplaySession.Entry entry)
    {
        if (index != position)
        {
            return; // another connection got here first
        }
        position++;
        if (entry.kind() == ReplaySession.Kind.REST)
        {
            books.onSnapshot(symbolOf(entry), entry.payload());
        }
        else if (entry.kind() == ReplaySession.Kind.WS)
        {
            books.onFrame(entry.payload());
        }
    }

    /** The depth body for a symbol at the replay's current point, or null for an unknown symbol. */
    String snapshotFor(final String symbol, final int limit)
    {
        depthRequests.add(String.valueOf(symbol));
        return books.depthJson(symbol, limit);
    }

    private static String symbolOf(final ReplaySession.Entry entry)
    {
        return ReplaySession.queryParameter(entry.url(), "symbol");
    }

    void onPong(final String payload)
    {
        pongTimesNs.add(System.nanoTime());
        pongs.add(payload);
    }

    /** When each pong arrived (System.nanoTime), in order. */
    public List<Long> pongTimesNs()
    {
        return pongTimesNs;
    }
}
