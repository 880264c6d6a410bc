package io.ferrum.gateway.sim;

import io.ferrum.gateway.replay.ReplaySession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * Replays a recorded session's frames to one WebSocket connection on the simulator's event
 * loop, filtered by the connection's streams: at recorded speed scaled by a factor, or as
 * fast as the socket takes them (factor 0). Like a live venue, a connection starts where
 * the venue's session is now (the furthest point any connection has reached), on the
 * session clock started by the first connection. Applies faults as they are requested.
 * Each frame's venue times move onto the replay clock ({@link VenueSimulator#venueTimeNs}),
 * rewritten in a per-connection scratch buffer before the bytes go out.
 */
final class ReplayStream
{
    private static final int BATCH = 64;
    private static final byte[] DATA_KEY = "\"data\":".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final List<ReplaySession.Entry> entries;
    private final Set<String> streams;
    private final boolean combined;
    private final Faults faults;
    private final VenueSimulator simulator;
    private final int oversizeLength;
    private final SbeFrameEncoder sbe;
    private final FrameTimeShifter times = new FrameTimeShifter();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[4096]);
    private final LongUnaryOperator clockNs;
    private final LongUnaryOperator clockMs;
    private final ArrayDeque<WebSocketFrame> withheld = new ArrayDeque<>();
    private boolean withholding;
    private int next;

    ReplayStream(
        final Channel channel,
        final ReplaySession session,
        final Set<String> streams,
        final boolean combined,
        final Faults faults,
        final VenueSimulator simulator,
        final int oversizeLength)
    {
        this.channel = channel;
        this.entries = session.entries();
        this.streams = streams;
        this.combined = combined;
        this.faults = faults;
        this.simulator = simulator;
        this.oversizeLength = oversizeLength;
        this.sbe = simulator.context().sbeValue() ? new SbeFrameEncoder() : null;
        this.clockNs = simulator::venueTimeNs;
        this.clockMs = simulator.originalTimes() ? null : simulator::venueTimeMs;
    }

    void start()
    {
        next = simulator.position();
        channel.eventLoop().execute(this::sendDue);
    }

    /** Sends every frame that is due, then schedules itself for the next one. */
    void sendDue()
    {
        if (!channel.isActive())
        {
            return;
        }
        final long staleUntil = faults.staleUntilNs.get();
        if (System.nanoTime() < staleUntil)
        {
            channel.eventLoop().schedule(this::sendDue, staleUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
            return;
        }
        if (Faults.take(faults.serverShutdowns))
        {
            final String event = "{\"e\":\"serverShutdown\",\"E\":" + System.currentTimeMillis() + "}";
            channel.writeAndFlush(new TextWebSocketFrame(combined ? "{\"stream\":\"!serverShutdown\",\"data\":" + event + "}" : event));
            channel.eventLoop().schedule(() -> channel.writeAndFlush(new CloseWebSocketFrame()).addListener(f -> channel.close()),
                50, TimeUnit.MILLISECONDS);
            return;
        }
        if (Faults.take(faults.malformed))
        {
            channel.write(new TextWebSocketFrame("{\"stream\":\"x\",\"data\":{\"e\":\"trade\",\"s\""));
        }
        if (Faults.take(faults.oversize))
        {
            channel.write(new TextWebSocketFrame("{\"stream\":\"x\",\"data\":{\"e\":\"trade\",\"s\":\"" + "A".repeat(oversizeLength) + "\"}}"));
        }
        int sent = 0;
        while (next < entries.size() && channel.isWritable() && sent < BATCH)
        {
            final ReplaySession.Entry entry = entries.get(next);
            if (entry.kind() == ReplaySession.Kind.WS)
            {
                if (simulator.nanosUntilDue(entry) > 0)
                {
                    break;
                }
                send(entry);
                sent++;
            }
            simulator.reached(next, entry);
            next++;
        }
        channel.flush();
        if (next >= entries.size())
        {
            return; // session over: the connection stays open and idle
        }
        if (!channel.isWritable())
        {
            return; // resumed by channelWritabilityChanged
        }
        final long delayNs = simulator.nanosUntilDue(entries.get(next));
        if (delayNs > 0)
        {
            channel.eventLoop().schedule(this::sendDue, delayNs, TimeUnit.NANOSECONDS);
        }
        else
        {
            channel.eventLoop().execute(this::sendDue);
        }
    }

    private void send(final ReplaySession.Entry entry)
    {
        final String payload = entry.payload();
        final String recorded = streamOf(payload);
        final String stream = sbe == null ? recorded : sbeStreamOf(recorded);
        if (stream == null || !streams.contains(stream))
        {
            return;
        }
        if (stream.contains("@depth") && Faults.take(faults.gaps))
        {
            return; // the dropped diff is the gap
        }
        if (sbe != null)
        {
            final byte[] frame = sbe.encode(payload, entry.receiveTimeNanos(), clockNs);
            if (frame != null)
            {
                write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
            }
            return;
        }
        write(new TextWebSocketFrame(textFrame(payload)));
    }

    private void write(final WebSocketFrame frame)
    {
        if (withholding)
        {
            withheld.addLast(frame);
            simulator.onWithheld();
            return;
        }
        channel.write(frame);
    }

    /** From now on the frames sent are held back, as if slow on the network, until {@link #deliverWithheld()}. */
    void withhold()
    {
        withholding = true;
    }

    /** Writes the frames held back, in order, and stops holding. */
    void deliverWithheld()
    {
        withholding = false;
        while (!withheld.isEmpty())
        {
            channel.write(withheld.pollFirst());
        }
        channel.flush();
    }

    /**
     * The recorded frame with its venue times on the replay clock, as the connection receives it:
     * whole on a combined stream, the event inside the wrapper on a single-stream connection.
     */
    private ByteBuf textFrame(final String payload)
    {
        final int length = copyToScratch(payload);
        final int shiftedLength = clockMs == null ? length : times.shift(scratch, 0, length, clockMs);
        final int data = combined ? -1 : indexOf(scratch, shiftedLength, DATA_KEY);
        final int from = data < 0 ? 0 : data + DATA_KEY.length;
        final int to = data < 0 ? shiftedLength : shiftedLength - 1;
        return channel.alloc().buffer(to - from).writeBytes(scratch.byteArray(), from, to - from);
    }

    /** @return the payload's length in bytes, UTF-8 encoded at the start of the scratch buffer */
    private int copyToScratch(final String payload)
    {
        final int length = payload.length();
        ensureScratch(length);
        for (int i = 0; i < length; i++)
        {
            final char c = payload.charAt(i);
            if (c >= 0x80)
            {
                final byte[] utf8 = payload.getBytes(StandardCharsets.UTF_8); // never in Binance's frames: a cold path
                ensureScratch(utf8.length);
                scratch.putBytes(0, utf8);
                return utf8.length;
            }
            scratch.putByte(i, (byte)c);
        }
        return length;
    }

    private void ensureScratch(final int length)
    {
        final int capacity = length + FrameTimeShifter.MAX_GROWTH;
        if (scratch.capacity() < capacity)
        {
            scratch.wrap(new byte[Math.max(capacity, scratch.capacity() * 2)]);
        }
    }

    private static int indexOf(final UnsafeBuffer buffer, final int limit, final byte[] text)
    {
        for (int i = 0; i + text.length <= limit; i++)
        {
            int matched = 0;
            while (matched < text.length && buffer.getByte(i + matched) == text[matched])
            {
                matched++;
            }
            if (matched == text.length)
            {
                return i;
            }
        }
        return -1;
    }

    /** The SBE endpoint's name for a recorded JSON stream: {@code x@depth@100ms} is {@code x@depth}, bookTicker is bestBidAsk. */
    static String sbeStreamOf(final String recorded)
    {
        if (recorded == null)
        {
            return null;
        }
        return recorded.replace("@depth@100ms", "@depth").replace("@bookTicker", "@bestBidAsk");
    }

    /** The stream name of a recorded combined-stream frame {@code {"stream":"...","data":...}}. */
    static String streamOf(final String payload)
    {
        final String prefix = "{\"stream\":\"";
        if (!payload.startsWith(prefix))
        {
            return null;
        }
        final int end = payload.indexOf('"', prefix.length());
        return end < 0 ? null : payload.substring(prefix.length(), end);
    }
}
