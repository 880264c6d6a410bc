package io.ferrum.gateway.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Routes one simulator connection: REST depth requests, or a WebSocket upgrade followed by a replay. */
final class SimulatorHandler extends SimpleChannelInboundHandler<Object>
{
    private final VenueSimulator simulator;
    private WebSocketServerHandshaker handshaker;
    private ReplayStream replay;

    SimulatorHandler(final VenueSimulator simulator)
    {
        this.simulator = simulator;
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof FullHttpRequest request)
        {
            onRequest(ctx, request);
        }
        else if (msg instanceof WebSocketFrame frame)
        {
            onFrame(ctx, frame);
        }
    }

    private void onRequest(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final String path = uri.path();
        if (path.startsWith("/ws/") || path.equals("/stream"))
        {
            final boolean combined = path.equals("/stream");
            final List<String> streams = combined ? uri.parameters().getOrDefault("streams", List.of()) : List.of();
            final Set<String> subscribed = new HashSet<>();
            if (combined)
            {
                streams.forEach(s -> subscribed.addAll(Arrays.asList(s.split("/"))));
            }
            else
            {
                subscribed.addAll(Arrays.asList(path.substring("/ws/".length()).split("/")));
            }
            final String apiKey = request.headers().get("X-MBX-APIKEY");
            if (simulator.context().sbeValue() && (apiKey == null || apiKey.isBlank()))
            {
                respond(ctx, request, HttpResponseStatus.UNAUTHORIZED, "{\"code\":-2014,\"msg\":\"API-key required.\"}", null);
                return;
            }
            if (subscribed.isEmpty() || subscribed.size() > 1024)
            {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "{\"code\":-1100,\"msg\":\"1 to 1024 streams\"}", null);
                return;
            }
            handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(), null, false,
                simulator.context().maxFramePayloadLengthValue()).newHandshaker(request);
            if (handshaker == null)
            {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener)f ->
            {
                if (f.isSuccess())
                {
                    simulator.webSockets().add(ctx.channel());
                    replay = new ReplayStream(ctx.channel(), simulator.context().sessionValue(), subscribed, combined,
                        simulator.faults(), simulator,
                        simulator.context().oversizeFrameLengthValue());
                    replay.start();
                }
            });
            return;
        }
        if (path.equals("/api/v3/depth") && request.method() == HttpMethod.GET)
        {
            final String symbol = uri.parameters().getOrDefault("symbol", List.of("")).get(0);
            final String body = simulator.snapshotFor(symbol, limit(uri));
            if (Faults.take(simulator.faults().teapots))
            {
                respond(ctx, request, HttpResponseStatus.valueOf(418), "{\"code\":-1003,\"msg\":\"banned\"}", "1");
            }
            else if (Faults.take(simulator.faults().tooManyRequests))
            {
                respond(ctx, request, HttpResponseStatus.TOO_MANY_REQUESTS, "{\"code\":-1003,\"msg\":\"too many requests\"}", "1");
            }
            else if (body == null)
            {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", null);
            }
            else
            {
                respond(ctx, request, HttpResponseStatus.OK, body, null);
            }
            return;
        }
        respond(ctx, request, HttpResponseStatus.NOT_FOUND, "{\"code\":-1,\"msg\":\"not found\"}", null);
    }

    private void onFrame(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (frame instanceof PongWebSocketFrame)
        {
            simulator.onPong(frame.content().toString(StandardCharsets.UTF_8));
        }
        else if (frame instanceof CloseWebSocketFrame)
        {
            if (Faults.take(simulator.faults().unansweredCloses))
            {
                return; // a venue that goes on sending as if the client had not asked to close
            }
            if (replay != null)
            {
                replay.deliverWithheld(); // in flight before the close frame answering the client's
            }
            handshaker.close(ctx.channel(), (CloseWebSocketFrame)frame.retain());
        }
        else if (frame instanceof TextWebSocketFrame)
        {
            // live SUBSCRIBE/UNSUBSCRIBE requests are acknowledged; the replay's streams are those of the URL
            ctx.writeAndFlush(new TextWebSocketFrame("{\"result\":null,\"id\":0}"));
        }
    }

    /** See {@link VenueSimulator#holdInFlight()}; on the connection's event loop. */
    void withhold()
    {
        if (replay != null)
        {
            replay.withhold();
        }
    }

    private static int limit(final QueryStringDecoder uri)
    {
        try
        {
            final int limit = Integer.parseInt(uri.parameters().getOrDefault("limit", List.of("100")).get(0));
            return Math.max(1, Math.min(5000, limit));
        }
        catch (final NumberFormatException ex)
        {
            return 100;
        }
    }

    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (replay != null && ctx.channel().isWritable())
        {
            replay.sendDue();
        }
        ctx.fireChannelWritabilityChanged();
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    private static void respond(
        final ChannelHandlerContext ctx,
        final FullHttpRequest request,
        final HttpResponseStatus status,
        final String body,
        final String retryAfter)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (retryAfter != null)
        {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
        }
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        final var future = ctx.writeAndFlush(response);
        if (!keepAlive)
        {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
