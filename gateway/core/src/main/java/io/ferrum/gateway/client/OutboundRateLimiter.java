package io.ferrum.gateway.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the messages this client sends (pongs, pings, JSON control requests) within
 * Binance's limit of 5 per second per connection: at most {@code limit} frames in any
 * window of one second; later ones wait their turn, in order. Close frames are never held.
 */
final class OutboundRateLimiter extends ChannelOutboundHandlerAdapter
{
    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(1);

    private final long[] sentAtNs;
    private final ArrayDeque<Object[]> waiting = new ArrayDeque<>();
    private int oldest;
    private boolean drainScheduled;

    OutboundRateLimiter(final int limit)
    {
        sentAtNs = new long[limit];
        java.util.Arrays.fill(sentAtNs, Long.MIN_VALUE / 2);
    }

    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
    {
        if (!(msg instanceof WebSocketFrame) || msg instanceof CloseWebSocketFrame)
        {
            ctx.write(msg, promise);
            return;
        }
        if (waiting.isEmpty() && tryAcquire(System.nanoTime()))
        {
            ctx.write(msg, promise);
            return;
        }
        waiting.add(new Object[]{msg, promise});
        scheduleDrain(ctx);
    }

    private boolean tryAcquire(final long nowNs)
    {
        if (nowNs - sentAtNs[oldest] < WINDOW_NS)
        {
            return false;
        }
        sentAtNs[oldest] = nowNs;
        oldest = (oldest + 1) % sentAtNs.length;
        return true;
    }

    private void scheduleDrain(final ChannelHandlerContext ctx)
    {
        if (drainScheduled)
        {
            return;
        }
        drainScheduled = true;
        final long waitNs = Math.max(0, sentAtNs[oldest] + WINDOW_NS - System.nanoTime());
        ctx.executor().schedule(() ->
        {
            drainScheduled = false;
            while (!waiting.isEmpty() && tryAcquire(System.nanoTime()))
            {
                final Object[] next = waiting.poll();
                ctx.writeAndFlush(next[0], (ChannelPromise)next[1]);
            }
            if (!waiting.isEmpty())
            {
                scheduleDrain(ctx);
            }
        }, waitNs, TimeUnit.NANOSECONDS);
    }

    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        Object[] next;
        while ((next = waiting.poll()) != null)
        {
            io.netty.util.ReferenceCountUtil.release(next[0]);
            ((ChannelPromise)next[1]).tryFailure(new java.nio.channels.ClosedChannelException());
        }
    }
}
