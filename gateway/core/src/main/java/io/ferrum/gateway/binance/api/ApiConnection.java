package io.ferrum.gateway.binance.api;

import io.ferrum.gateway.logging.LogFields;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The WebSocket API connection's Netty side: connects, and copies every text frame and every change of
 * the connection into the venue's inbox (a many-to-one ring), each tagged with the connection's
 * generation so that what an old connection still delivers is told apart. Nothing is decoded here: the
 * order gateway's thread does that in {@link BinanceApiVenue#poll}. Writes come from that thread too
 * (Netty queues them onto the event loop). A frame above the frame limit is counted and dropped, the
 * connection stays up.
 */
final class ApiConnection implements AutoCloseable
{
    static final int FRAME = 1;
    static final int CONNECTED = 2;
    static final int DISCONNECTED = 3;
    static final int OVERSIZE = 4;

    private final URI uri;
    private final ManyToOneRingBuffer inbox;
    private final int maxFrameLength;
    private final boolean ownsGroup;
    private final EventLoopGroup group;
    private final SslContext sslContext;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0); // the event loop's own
    private volatile Channel channel;

    ApiConnection(final URI uri, final ManyToOneRingBuffer inbox, final int maxFrameLength, final EventLoopGroup group)
    {
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()))
        {
            throw new IllegalArgumentException("the WebSocket API URI must be ws:// or wss://: " + uri);
        }
        this.uri = uri;
        this.inbox = inbox;
        this.maxFrameLength = maxFrameLength;
        this.ownsGroup = group == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(1,
            LogFields.threads("gateway", new DefaultThreadFactory("ferrum-binance-api")), NioIoHandler.newFactory()) : group;
        try
        {
            sslContext = "wss".equals(uri.getScheme()) ? SslContextBuilder.forClient().build() : null;
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("cannot build a TLS client context", ex);
        }
    }

    /** Opens connection {@code generation}; CONNECTED or DISCONNECTED follows in the inbox. */
    void connect(final int generation)
    {
        final boolean tls = sslContext != null;
        final int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(maxFrameLength * 4) // up to 4x is read and counted as oversize, beyond is a protocol error
            .dropPongFrames(true)
            .build();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (tls)
                    {
                        ch.pipeline().addLast(sslContext.newHandler(ch.alloc(), uri.getHost(), port));
                    }
                    ch.pipeline().addLast(
                        new HttpClientCodec(),
                        new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(config),
                        new WebSocketFrameAggregator(maxFrameLength),
                        new Handler(generation));
                }
            })
            .connect(uri.getHost(), port).addListener(f ->
            {
                if (!f.isSuccess())
                {
                    post(DISCONNECTED, generation, null);
                }
            });
    }

    /** Sends a text frame on the current connection; false when there is none. Any thread. */
    boolean send(final byte[] bytes, final int length)
    {
        final Channel current = channel;
        if (current == null || !current.isActive())
        {
            return false;
        }
        final ByteBuf buf = current.alloc().buffer(length);
        buf.writeBytes(bytes, 0, length);
        current.writeAndFlush(new TextWebSocketFrame(buf));
        return true;
    }

    /** Closes the current connection (a DISCONNECTED follows). */
    void drop()
    {
        final Channel current = channel;
        if (current != null)
        {
            current.close();
        }
    }

    public void close()
    {
        drop();
        if (ownsGroup)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void post(final int type, final int generation, final ByteBuf content)
    {
        final int length = content == null ? 0 : content.readableBytes();
        if (Integer.BYTES + length > inbox.maxMsgLength())
        {
            post(OVERSIZE, generation, null);
            return;
        }
        int index;
        while ((index = inbox.tryClaim(type, Integer.BYTES + length)) <= 0)
        {
            // a full inbox holds the socket back: the order gateway's thread drains it
            if (group.isShuttingDown())
            {
                return;
            }
            LockSupport.parkNanos(10_000);
        }
        final AtomicBuffer buffer = inbox.buffer();
        buffer.putInt(index, generation);
        if (length > 0)
        {
            final int from = content.readerIndex();
            if (content.hasMemoryAddress())
            {
                view.wrap(content.memoryAddress() + from, length);
                buffer.putBytes(index + Integer.BYTES, view, 0, length);
            }
            else if (content.hasArray())
            {
                buffer.putBytes(index + Integer.BYTES, content.array(), content.arrayOffset() + from, length);
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    buffer.putByte(index + Integer.BYTES + i, content.getByte(from + i));
                }
            }
        }
        inbox.commit(index);
    }

    private final class Handler extends ChannelInboundHandlerAdapter
    {
        private final int generation;

        Handler(final int generation)
        {
            this.generation = generation;
        }

        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                channel = ctx.channel();
                post(CONNECTED, generation, null);
            }
            super.userEventTriggered(ctx, event);
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            try
            {
                if (msg instanceof TextWebSocketFrame)
                {
                    final ByteBuf content = ((WebSocketFrame)msg).content();
                    // a whole frame above the limit (the aggregator only bounds fragmented ones): counted, dropped
                    post(content.readableBytes() > maxFrameLength ? OVERSIZE : FRAME, generation,
                        content.readableBytes() > maxFrameLength ? null : content);
                }
            }
            finally
            {
                ReferenceCountUtil.release(msg);
            }
        }

        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            if (channel == ctx.channel())
            {
                channel = null;
            }
            post(DISCONNECTED, generation, null);
            super.channelInactive(ctx);
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            if (cause instanceof TooLongFrameException)
            {
                post(OVERSIZE, generation, null); // the aggregator dropped the frame; the connection goes on
                return;
            }
            ctx.close();
        }
    }
}
