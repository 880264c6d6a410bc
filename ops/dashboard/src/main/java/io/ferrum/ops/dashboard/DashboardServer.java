package io.ferrum.ops.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard over HTTP (Netty, one event-loop thread) with its {@link DashboardFeed} on an agent
 * thread of its own, both cold: the page ({@code /}, {@code /backtest}), its script and style, the
 * live state as Server-Sent Events ({@code /events}) and as one JSON ({@code /api/state}), the
 * backtest's output ({@code /api/backtest}). Read-only and guarded by {@link RequestCheck}; request
 * lines and headers are capped ({@link #MAX_LINE_BYTES}, {@link #MAX_HEADER_BYTES}) and bodies too
 * ({@link #MAX_BODY_BYTES}: a GET has none), and a connection idle for the request timeout is closed.
 * Binds loopback unless told otherwise.
 */
public final class DashboardServer implements AutoCloseable
{
    static final int MAX_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    static final int MAX_BODY_BYTES = 4096;
    /** Tells a browser's EventSource to come back after a second when the stream drops. */
    private static final String RETRY = "retry: 1000\n\n";
    /** Scripts only from the jar; styles inline too, since the chart library sizes its canvases with style attributes. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';" +
        " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Closes a connection idle for the request timeout; an event stream leaves it, since it only receives. */
    private static final String IDLE = "idle";
    private static final Logger LOG = LogManager.getLogger(DashboardServer.class);

    private final ObjectMapper mapper = new ObjectMapper();
    private final StaticAssets assets = StaticAssets.load();
    private final SseClients clients = new SseClients();
    private final DashboardFeed feed;
    private final AgentRunner feedRunner;
    private final String backtestJson;
    private final String backtestProblem;
    private final EventLoopGroup group;
    private final Channel channel;
    private final RequestCheck check;

    private DashboardServer(final DashboardContext context) throws InterruptedException
    {
        String json = null;
        String problem = "no backtest given: start ./ferrum dashboard with --backtest DIR";
        if (null != context.backtest())
        {
            try
            {
                json = mapper.writeValueAsString(BacktestView.load(mapper, context.backtest()));
                problem = null;
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read the backtest at " + context.backtest() + ": " + ex.getMessage(), ex);
            }
        }
        backtestJson = json;
        backtestProblem = problem;
        feed = new DashboardFeed(mapper, context, clients);
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ferrum-dashboard-http", true),
            NioIoHandler.newFactory());
        try
        {
            channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel ch)
                    {
                        ch.pipeline()
                            .addLast(IDLE, new IdleStateHandler(context.requestTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS))
                            .addLast(new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, MAX_BODY_BYTES))
                            .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                            .addLast(new Handler());
                    }
                })
                .bind(context.host(), context.port()).sync().channel();
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw ex;
        }
        check = new RequestCheck(((InetSocketAddress)channel.localAddress()).getAddress().getHostAddress());
        feedRunner = new AgentRunner(new SleepingMillisIdleStrategy(Math.min(25, context.intervalMs())),
            (error) -> LOG.warn("the dashboard's feed failed a cycle", error), null, feed);
        AgentRunner.startOnThread(feedRunner);
    }

    /** Starts serving: the context is concluded here. */
    public static DashboardServer start(final DashboardContext context) throws InterruptedException
    {
        return new DashboardServer(context.conclude());
    }

    public int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url()
    {
        final InetSocketAddress address = (InetSocketAddress)channel.localAddress();
        final String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/";
    }

    /** The open event streams (pages showing). */
    public int streams()
    {
        return clients.size();
    }

    public void close()
    {
        clients.closeAll();
        CloseHelper.close(feedRunner);
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            if (!request.decoderResult().isSuccess())
            {
                final Throwable cause = request.decoderResult().cause();
                final HttpResponseStatus status = cause instanceof TooLongHttpHeaderException ?
                    HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : cause instanceof TooLongHttpLineException ?
                    HttpResponseStatus.REQUEST_URI_TOO_LONG : cause instanceof TooLongFrameException ?
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
                final String reason = status == HttpResponseStatus.BAD_REQUEST ? "malformed HTTP request" :
                    "request " + (status == HttpResponseStatus.REQUEST_URI_TOO_LONG ? "line longer than " + MAX_LINE_BYTES :
                    "headers larger than " + MAX_HEADER_BYTES) + " bytes";
                send(ctx, false, text(status, reason));
                return;
            }
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            final HttpHeaders headers = request.headers();
            final RequestCheck.Refusal refusal = check.check(request.method().name(), request.uri(),
                headers.get(HttpHeaderNames.HOST), headers.get(HttpHeaderNames.ORIGIN));
            if (null != refusal)
            {
                final FullHttpResponse response = text(HttpResponseStatus.valueOf(refusal.status()), refusal.reason());
                if (405 == refusal.status())
                {
                    response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
                }
                send(ctx, keepAlive, response);
                return;
            }
            if (request.content().isReadable())
            {
                send(ctx, false, text(HttpResponseStatus.BAD_REQUEST, "a GET carries no body"));
                return;
            }
            final String uri = request.uri();
            final int query = uri.indexOf('?');
            final String path = query < 0 ? uri : uri.substring(0, query);
            switch (path)
            {
                case "/", "/backtest" -> send(ctx, keepAlive, asset(StaticAssets.PAGE));
                case "/" + StaticAssets.SCRIPT -> send(ctx, keepAlive, asset(StaticAssets.SCRIPT));
                case "/" + StaticAssets.STYLE -> send(ctx, keepAlive, asset(StaticAssets.STYLE));
                case "/api/state" -> send(ctx, keepAlive, json(HttpResponseStatus.OK, feed.state()));
                case "/api/backtest" -> send(ctx, keepAlive, null == backtestJson ?
                    json(HttpResponseStatus.NOT_FOUND, error(backtestProblem)) : json(HttpResponseStatus.OK, backtestJson));
                case "/events" -> events(ctx, request);
                default -> send(ctx, keepAlive, text(HttpResponseStatus.NOT_FOUND, "no such page: " +
                    RequestCheck.printable(path) + " (the dashboard is at /)"));
            }
        }

        private void events(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            if (HttpMethod.HEAD.equals(request.method()))
            {
                final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
                send(ctx, HttpUtil.isKeepAlive(request), response);
                return;
            }
            if (!clients.add(ctx.channel()))
            {
                send(ctx, false, text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too many open dashboards (" + SseClients.MAX_CLIENTS + "): close one"));
                return;
            }
            ctx.pipeline().remove(IDLE);
            final HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff");
            HttpUtil.setTransferEncodingChunked(response, true);
            ctx.write(response);
            ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(
                Unpooled.copiedBuffer(RETRY, StandardCharsets.UTF_8)));
            final io.netty.buffer.ByteBuf first = SseClients.message(DashboardFeed.STATE_EVENT, feed.state());
            clients.send(ctx.channel(), first);
            first.release();
        }

        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
        {
            if (event instanceof IdleStateEvent)
            {
                ctx.close(); // a client that holds a connection without finishing a request (slowloris)
            }
            else
            {
                ctx.fireUserEventTriggered(event);
            }
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            LOG.debug("dashboard connection {} closed after an error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private String error(final String message)
    {
        final ObjectNode error = mapper.createObjectNode().put("error", message);
        try
        {
            return mapper.writeValueAsString(error);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private FullHttpResponse asset(final String name)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            Unpooled.wrappedBuffer(assets.bytes(name)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, StaticAssets.contentType(name));
        return response;
    }

    private static FullHttpResponse json(final HttpResponseStatus status, final String json)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return response;
    }

    private static FullHttpResponse text(final HttpResponseStatus status, final String text)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return response;
    }

    private static void send(final ChannelHandlerContext ctx, final boolean keepAlive, final FullHttpResponse response)
    {
        response.headers()
            .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
            .set("X-Content-Type-Options", "nosniff")
            .set("Referrer-Policy", "no-referrer")
            .set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive)
        {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
