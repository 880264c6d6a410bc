package io.ferrum.ops.dashboard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open Server-Sent Events streams. Each message is the page's whole state, so a client that
 * cannot take one now (its socket buffer full: a stalled tab) simply misses it and gets the next:
 * nothing queues up for a slow reader. Capped at {@link #MAX_CLIENTS}. Any thread.
 */
final class SseClients
{
    static final int MAX_CLIENTS = 16;

    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

    /** @return false when full */
    boolean add(final Channel channel)
    {
        synchronized (channels)
        {
            if (channels.size() >= MAX_CLIENTS)
            {
                return false;
            }
            channels.add(channel);
        }
        channel.closeFuture().addListener((future) -> channels.remove(channel));
        return true;
    }

    int size()
    {
        return channels.size();
    }

    /** One SSE message, {@code event: NAME} and its data on one line (JSON has no raw newline). */
    static ByteBuf message(final String event, final String data)
    {
        return Unpooled.copiedBuffer("event: " + event + "\ndata: " + data + "\n\n", StandardCharsets.UTF_8);
    }

    void send(final Channel channel, final ByteBuf message)
    {
        if (channel.isActive() && channel.isWritable())
        {
            channel.writeAndFlush(new DefaultHttpContent(message.retainedDuplicate()));
        }
    }

    void broadcast(final ByteBuf message)
    {
        try
        {
            for (final Channel channel : channels)
            {
                send(channel, message);
            }
        }
        finally
        {
            message.release();
        }
    }

    void closeAll()
    {
        channels.forEach(Channel::close);
    }
}
