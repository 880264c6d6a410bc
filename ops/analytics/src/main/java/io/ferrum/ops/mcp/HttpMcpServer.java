package io.ferrum.ops.mcp;

import io.ferrum.gateway.logging.LogFields;
import io.netty.util.concurrent.DefaultThreadFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
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
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * MCP Streamable HTTP transport on one endpoint, {@code /mcp}, bound to loopback: POST
 * carries one JSON-RPC message and gets one JSON response (no SSE: the server never
 * sends requests or notifications of its own); GET answers 405, as the transport allows;
 * DELETE ends a session. Sessions are created by initialize (a random UUID in
 * {@code Mcp-Session-Id}), capped in number and expired when idle ({@link McpSessions}).
 * Against DNS rebinding, as the transport asks, an Origin that is not loopback gets 403,
 * and so does a Host header that names neither loopback nor the address the server is
 * bound to: a page on another site that resolves its own name to 127.0.0.1 sends its own
 * name as Host.
 */
public final class HttpMcpServer implements AutoCloseable
{
    private static final org.apache.logging.log4j.Logger LOG =
        org.apache.logging.log4j.LogManager.getLogger(HttpMcpServer.class);
    public static final String PATH = "/mcp";
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";

    private final McpProtocol protocol;
    private final EventLoopGroup group;
    private final Channel channel;
    private final McpSessions sessions;

    /** Binds {@code host:port} (port 0 for an ephemeral one) with the default session limits. */
    public HttpMcpServer(final McpProtocol protocol, final String host, final int port) throws InterruptedException
    {
        this(protocol, host, port, McpSessions.defaults());
    }

    public HttpMcpServer(final McpProtocol protocol, final String host, final int port, final McpSessions sessions)
        throws InterruptedException
    {
        this.protocol = protocol;
        this.sessions = sessions;
        this.group = new MultiThreadIoEventLoopGroup(1,
            LogFields.threads("mcp", new DefaultThreadFactory("ferrum-mcp-http")), NioIoHandler.newFactory());
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
                            .addLast(new HttpServerCodec())
                            .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                            .addLast(new Handler());
                    }
                })
                .bind(host, port).sync().channel();
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            group.shutdownGracefully();
            throw ex;
        }
    }

    public int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }

    /** The endpoint's address, e.g. {@code http://127.0.0.1:43121/mcp}. */
    public String url()
    {
        final InetSocketAddress address = (InetSocketAddress)channel.localAddress();
        final String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + PATH;
    }

    public int sessionCount()
    {
        return sessions.size();
    }

    public void close()
    {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    static boolean isLoopbackOrigin(final String origin)
    {
        try
        {
            return isLoopbackName(URI.create(origin).getHost());
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private static boolean isLoopbackName(final String host)
    {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    /** True when a Host header ({@code name[:port]}) names loopback or the bound address itself. */
    boolean isAllowedHost(final String hostHeader)
    {
        try
        {
            final String host = URI.create("http://" + hostHeader).getHost();
            if (null == host)
            {
                return false;
            }
            final String bound = ((InetSocketAddress)channel.localAddress()).getAddress().getHostAddress();
            return isLoopbackName(host) || host.equals(bound) || host.equals("[" + bound + "]");
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess())
            {
                send(ctx, keepAlive, plain(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
                return;
            }
            if (!PATH.equals(new QueryStringDecoder(request.uri()).path()))
            {
                send(ctx, keepAlive, plain(HttpResponseStatus.NOT_FOUND, "the MCP endpoint is " + PATH));
                return;
            }
            final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (null != origin && !isLoopbackOrigin(origin))
            {
                send(ctx, keepAlive, json(HttpResponseStatus.FORBIDDEN,
                    protocol.error(null, McpProtocol.INVALID_REQUEST, "origin not allowed: " + origin)));
                return;
            }
            final String host = request.headers().get(HttpHeaderNames.HOST);
            if (null == host || !isAllowedHost(host))
            {
                send(ctx, keepAlive, json(HttpResponseStatus.FORBIDDEN,
                    protocol.error(null, McpProtocol.INVALID_REQUEST, "host not allowed: " + host)));
                return;
            }
            final String version = request.headers().get(VERSION_HEADER);
            if (null != version && !McpProtocol.SUPPORTED_VERSIONS.contains(version))
            {
                send(ctx, keepAlive, json(HttpResponseStatus.BAD_REQUEST,
                    protocol.error(null, McpProtocol.INVALID_REQUEST, "unsupported MCP-Protocol-Version: " + version)));
                return;
            }
            final HttpMethod method = request.method();
            if (HttpMethod.POST.equals(method))
            {
                post(ctx, request, keepAlive);
            }
            else if (HttpMethod.DELETE.equals(method))
            {
                final String session = request.headers().get(SESSION_HEADER);
                send(ctx, keepAlive, null != session && sessions.close(session) ?
                    plain(HttpResponseStatus.OK, "") : plain(HttpResponseStatus.NOT_FOUND, "no such session"));
            }
            else
            {
                // GET would open a server-to-client SSE stream; this server has nothing to push.
                final FullHttpResponse response = plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "");
                response.headers().set(HttpHeaderNames.ALLOW, "POST, DELETE");
                send(ctx, keepAlive, response);
            }
        }

        private void post(final ChannelHandlerContext ctx, final FullHttpRequest request, final boolean keepAlive)
        {
            final String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))
            {
                send(ctx, keepAlive, plain(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json"));
                return;
            }
            final JsonNode message;
            try (ByteBufInputStream in = new ByteBufInputStream(request.content()))
            {
                message = protocol.mapper().readTree((java.io.InputStream)in);
            }
            catch (final JsonProcessingException ex)
            {
                send(ctx, keepAlive, json(HttpResponseStatus.BAD_REQUEST, protocol.parseError(ex.getOriginalMessage())));
                return;
            }
            catch (final IOException ex)
            {
                send(ctx, keepAlive, json(HttpResponseStatus.BAD_REQUEST, protocol.parseError(ex.getMessage())));
                return;
            }
            if (null == message || !message.isObject())
            {
                send(ctx, keepAlive, json(HttpResponseStatus.BAD_REQUEST,
                    protocol.error(null, McpProtocol.INVALID_REQUEST, "the body must be one JSON-RPC message object")));
                return;
            }
            final boolean initialize = "initialize".equals(message.path("method").asText());
            final String session = request.headers().get(SESSION_HEADER);
            final String newSession;
            if (initialize)
            {
                newSession = sessions.open();
                if (null == newSession)
                {
                    send(ctx, keepAlive, json(HttpResponseStatus.SERVICE_UNAVAILABLE, protocol.error(message.get("id"),
                        McpProtocol.INVALID_REQUEST, "too many sessions (" + sessions.maxSessions() +
                        "): end one with DELETE or wait until an idle one expires")));
                    return;
                }
            }
            else
            {
                newSession = null;
                if (null == session)
                {
                    send(ctx, keepAlive, json(HttpResponseStatus.BAD_REQUEST,
                        protocol.error(null, McpProtocol.INVALID_REQUEST, "missing " + SESSION_HEADER + " header")));
                    return;
                }
                if (!sessions.touch(session))
                {
                    send(ctx, keepAlive, json(HttpResponseStatus.NOT_FOUND,
                        protocol.error(null, McpProtocol.INVALID_REQUEST, "unknown or ended session")));
                    return;
                }
            }
            if (!McpProtocol.isRequest(message))
            {
                if (null != newSession)
                {
                    sessions.close(newSession); // an initialize without an id answers nothing, so opens nothing
                }
                protocol.handle(message);
                send(ctx, keepAlive, plain(HttpResponseStatus.ACCEPTED, ""));
                return;
            }
            protocol.handle(message).whenComplete((response, failure) ->
            {
                final ObjectNode body = null != failure ?
                    protocol.error(message.get("id"), McpProtocol.INTERNAL_ERROR, String.valueOf(failure)) : response;
                final FullHttpResponse http = json(HttpResponseStatus.OK, body);
                if (null != newSession)
                {
                    if (null == failure && body.has("result"))
                    {
                        http.headers().set(SESSION_HEADER, newSession);
                    }
                    else
                    {
                        sessions.close(newSession);
                    }
                }
                send(ctx, keepAlive, http);
            });
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            LOG.warn("MCP HTTP connection {} closed after an error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private FullHttpResponse json(final HttpResponseStatus status, final ObjectNode body)
    {
        final byte[] bytes;
        try
        {
            bytes = protocol.mapper().writeValueAsBytes(body);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return response;
    }

    private static FullHttpResponse plain(final HttpResponseStatus status, final String text)
    {
        final ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        if (!text.isEmpty())
        {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        }
        return response;
    }

    private static void send(final ChannelHandlerContext ctx, final boolean keepAlive, final FullHttpResponse response)
    {
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
