package io.ferrum.bench.latency;

import io.ferrum.gateway.sim.VenueSimulator;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket floor: the same venue simulator sending the same {@link TickFlow} over loopback,
 * received by a bare Netty WebSocket client that only finds the tick's number in the frame and
 * stamps it. One way, venue to client, as the path's one socket crossing is (the order leg to the
 * simulated venue is in process): Netty and the kernel's loopback with nothing of ours on them.
 */
final class WebSocketFloor
{
    private static final byte[] UPDATE_ID_KEY = "\"u\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private WebSocketFloor()
    {
    }

    static List<RateResult> run(final TickFlow flow) throws InterruptedException
    {
        final Arrivals arrivals = new Arrivals(flow.ticks());
        final List<RateResult> results = new ArrayList<>();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final VenueSimulator simulator = VenueSimulator.launch(new VenueSimulator.Context().session(flow.session()).speed(1.0).port(0));
        try
        {
            final URI uri = URI.create(simulator.wsUrl() + "/stream?streams=btcusdt@bookTicker");
            final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).maxFramePayloadLength(64 * 1024).handleCloseFrames(true).dropPongFrames(true).build();
            final Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel ch)
                    {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                            new WebSocketClientProtocolHandler(config), new Stamp(arrivals));
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
            flow.awaitSent(simulator, 30_000, 0);
            arrivals.awaitDrained(Arrivals.DRAIN_QUIET_MS, Arrivals.DRAIN_MAX_MS);
            channel.close().sync();
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly(); // joins the stamping thread
            simulator.close();
        }
        for (int p = 0; p < flow.phases().size(); p++)
        {
            final long startNs = simulator.dueTimeNs(flow.phaseStartRecordedNs(p));
            if (startNs == Long.MIN_VALUE)
            {
                throw new IllegalStateException("the WebSocket floor's client never connected");
            }
            results.add(arrivals.result(flow.phases().get(p), flow.firstTick(p), startNs));
        }
        return results;
    }

    /** Stamps each quote with the time it was read, by the update id that numbers its tick. */
    private static final class Stamp extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        private final Arrivals arrivals;

        Stamp(final Arrivals arrivals)
        {
            this.arrivals = arrivals;
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            final long nowNs = System.nanoTime();
            final long updateId = updateId(frame.content());
            if (updateId >= 0 && TickFlow.tickOfUpdateId(updateId) >= 0)
            {
                arrivals.onArrival(TickFlow.tickOfUpdateId(updateId), nowNs);
            }
        }

        /** The number after {@code "u":}, or -1. */
        static long updateId(final ByteBuf content)
        {
            final int end = content.writerIndex();
            for (int i = content.readerIndex(); i + UPDATE_ID_KEY.length < end; i++)
            {
                boolean match = true;
                for (int k = 0; k < UPDATE_ID_KEY.length && match; k++)
                {
                    match = content.getByte(i + k) == UPDATE_ID_KEY[k];
                }
                if (match)
                {
                    long value = 0;
                    int digits = 0;
                    for (int j = i + UPDATE_ID_KEY.length; j < end; j++)
                    {
                        final byte b = content.getByte(j);
                        if (b < '0' || b > '9')
                        {
                            break;
                        }
                        value = value * 10 + (b - '0');
                        digits++;
                    }
                    return digits == 0 ? -1 : value;
                }
            }
            return -1;
        }
    }
}
