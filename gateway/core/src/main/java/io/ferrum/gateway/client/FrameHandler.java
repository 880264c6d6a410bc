package io.ferrum.gateway.client;

import io.ferrum.gateway.binance.DecodeResult;
import io.ferrum.gateway.binance.SbeStreamDecoder;
import io.ferrum.gateway.binance.SpotFrameDecoder;
import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.agrona.collections.LongArrayQueue;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Hands each text frame to the decoder in place: the Netty buffer's memory is wrapped,
 * not copied. When the ring is full the frame is kept, socket reads stop, and the same
 * frame is offered again shortly: back-pressure, never a drop. Frames already read from the
 * socket keep coming after reads stop (one read holds many frames); they are held behind it,
 * in order, as offering them first would reorder the stream (the decoder then drops an
 * older quote or trade as a duplicate, and a depth diff out of order is a gap). The venue's close frame
 * takes its place in that order too: the connection closes once every frame before it is decoded.
 * A rotation's new connection is {@link #pause() paused} (frames held, reads off) while the replaced one
 * drains, then {@link #resume() resumed}. Pings are answered with the same payload by Netty's WebSocket
 * protocol handler before frames reach this handler.
 */
final class FrameHandler extends ChannelInboundHandlerAdapter
{
    private static final long RETRY_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final MarketDataClient client;
    private final SpotFrameDecoder decoder;
    private final SbeStreamDecoder sbeDecoder;
    private final EpochNanoClock clock;
    private final StageLatency latency;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[0]);
    private final ArrayDeque<WebSocketFrame> held = new ArrayDeque<>();
    private final LongArrayQueue heldReceiveTimes = new LongArrayQueue(Long.MIN_VALUE);
    private ChannelHandlerContext ctx;
    private boolean open;
    private boolean paused;

    FrameHandler(
        final MarketDataClient client,
        final SpotFrameDecoder decoder,
        final SbeStreamDecoder sbeDecoder,
        final EpochNanoClock clock,
        final StageLatency latency)
    {
        this.client = client;
        this.decoder = decoder;
        this.sbeDecoder = sbeDecoder;
        this.clock = clock;
        this.latency = latency;
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    /** Holds every frame from now on, in order, and stops reading until {@link #resume()}. */
    void pause()
    {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** Decodes the frames held while paused, in order, then reads again. */
    void resume()
    {
        paused = false;
        if (ctx.channel().isActive())
        {
            retry(ctx);
        }
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
        {
            open = true;
            client.onHandshakeComplete(ctx.channel(), this);
        }
        super.userEventTriggered(ctx, event);
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame || msg instanceof CloseWebSocketFrame)
        {
            offer(ctx, (WebSocketFrame)msg, clock.nanoTime());
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void offer(final ChannelHandlerContext ctx, final WebSocketFrame frame, final long receiveTimeNs)
    {
        if (paused || !held.isEmpty())
        {
            hold(frame, receiveTimeNs); // behind a frame the ring refused, or a drain: order is kept
            return;
        }
        if (frame instanceof CloseWebSocketFrame)
        {
            onClose(ctx, frame);
            return;
        }
        if (decode(frame, receiveTimeNs) == DecodeResult.BACK_PRESSURED && ctx.channel().isActive())
        {
            hold(frame, receiveTimeNs);
            ctx.channel().config().setAutoRead(false);
            scheduleRetry(ctx);
            return;
        }
        frame.release();
    }

    /** Offers the held frames in order until the ring refuses one again or all are taken, then reads again. */
    private void retry(final ChannelHandlerContext ctx)
    {
        if (paused)
        {
            return; // resume() takes over
        }
        while (!held.isEmpty())
        {
            final WebSocketFrame frame = held.peekFirst();
            if (frame instanceof CloseWebSocketFrame)
            {
                held.pollFirst();
                heldReceiveTimes.pollLong();
                onClose(ctx, frame);
                return;
            }
            if (decode(frame, heldReceiveTimes.peekLong()) == DecodeResult.BACK_PRESSURED)
            {
                scheduleRetry(ctx);
                return;
            }
            held.pollFirst().release();
            heldReceiveTimes.pollLong();
        }
        ctx.channel().config().setAutoRead(true);
    }

    /** Every frame the venue sent before its close frame is decoded: the connection is done. */
    private void onClose(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        frame.release();
        ctx.close();
    }

    private void scheduleRetry(final ChannelHandlerContext ctx)
    {
        ctx.executor().schedule(() -> retry(ctx), RETRY_NS, TimeUnit.NANOSECONDS);
    }

    private void hold(final WebSocketFrame frame, final long receiveTimeNs)
    {
        held.addLast(frame);
        heldReceiveTimes.offerLong(receiveTimeNs);
    }

    /** Text frames are JSON events (and serverShutdown); binary frames are Binance SBE stream events. */
    private int decode(final WebSocketFrame frame, final long receiveTimeNs)
    {
        final ByteBuf content = frame.content();
        final int length = content.readableBytes();
        final UnsafeBuffer buffer;
        if (content.hasMemoryAddress())
        {
            view.wrap(content.memoryAddress() + content.readerIndex(), length);
            buffer = view;
        }
        else if (content.hasArray())
        {
            view.wrap(content.array(), content.arrayOffset() + content.readerIndex(), length);
            buffer = view;
        }
        else
        {
            if (copy.capacity() < length)
            {
                copy.wrap(new byte[length]);
            }
            content.getBytes(content.readerIndex(), copy.byteArray(), 0, length);
            buffer = copy;
        }
        final long startNs = System.nanoTime();
        final int result = frame instanceof BinaryWebSocketFrame ?
            sbeDecoder.onFrame(buffer, 0, length, receiveTimeNs) : decoder.onFrame(buffer, 0, length, receiveTimeNs);
        latency.record(Stage.GATEWAY_DECODE, System.nanoTime() - startNs);
        return result;
    }

    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        while (!held.isEmpty())
        {
            held.pollFirst().release(); // the books start over on the next connection
            heldReceiveTimes.pollLong();
        }
        if (open)
        {
            client.onConnectionLost(ctx.channel(), "connection closed");
        }
        else
        {
            client.onAttemptFailed("WebSocket handshake failed");
        }
        open = false;
        super.channelInactive(ctx);
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
