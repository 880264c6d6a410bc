package io.ferrum.risk;

import io.ferrum.codecs.sbe.FeedState;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Last feed state per instrument and per gateway connection (stream), from the gateway's
 * FeedStatus messages. An instrument's feed is healthy when both its own state and its
 * connection's are healthy; a state never reported counts as healthy (a backtest has no
 * feed status at all), and an instrument learns its connection from its own status messages.
 */
final class FeedHealth
{
    static final int MAX_STREAMS = 64;
    private static final byte UNKNOWN = 0;
    private static final int NO_STREAM = Integer.MIN_VALUE;

    private final boolean fallbackHealthy;
    private final byte[] instrumentState;
    private final int[] instrumentStream;
    private final int[] streamIds = new int[MAX_STREAMS];
    private final byte[] streamStates = new byte[MAX_STREAMS];
    private int streams;

    FeedHealth(final int instruments, final boolean fallbackHealthy)
    {
        this.fallbackHealthy = fallbackHealthy;
        instrumentState = new byte[instruments];
        instrumentStream = new int[instruments];
        reset();
    }

    void reset()
    {
        Arrays.fill(instrumentState, UNKNOWN);
        Arrays.fill(instrumentStream, NO_STREAM);
        streams = 0;
    }

    /** Records an instrument's own state (instrumentId > 0). */
    void onInstrumentState(final int streamId, final int instrumentId, final FeedState state)
    {
        instrumentState[instrumentId] = (byte)state.value();
        instrumentStream[instrumentId] = streamId;
    }

    /**
     * Records a whole connection's state (instrumentId 0 in FeedStatus).
     *
     * @return false when the table of connections is full (the state is then applied to
     * the instruments of that stream by the caller but not remembered for later ones).
     */
    boolean onStreamState(final int streamId, final FeedState state)
    {
        for (int n = 0; n < streams; n++)
        {
            if (streamIds[n] == streamId)
            {
                streamStates[n] = (byte)state.value();
                return true;
            }
        }
        if (streams == MAX_STREAMS)
        {
            return false;
        }
        streamIds[streams] = streamId;
        streamStates[streams] = (byte)state.value();
        streams++;
        return true;
    }

    int streamOf(final int instrumentId)
    {
        return instrumentStream[instrumentId];
    }

    boolean healthy(final int instrumentId)
    {
        if (!healthyState(instrumentState[instrumentId]))
        {
            return false;
        }
        final int stream = instrumentStream[instrumentId];
        for (int n = 0; n < streams; n++)
        {
            if (streamIds[n] == stream)
            {
                return healthyState(streamStates[n]);
            }
        }
        return true;
    }

    private boolean healthyState(final byte state)
    {
        return state == UNKNOWN ||
            state == FeedState.IN_SYNC.value() ||
            (fallbackHealthy && state == FeedState.FALLBACK.value());
    }

    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.putBytes(at, instrumentState);
        at += instrumentState.length;
        for (final int stream : instrumentStream)
        {
            buffer.putInt(at, stream);
            at += Integer.BYTES;
        }
        buffer.putInt(at, streams);
        at += Integer.BYTES;
        for (int n = 0; n < streams; n++)
        {
            buffer.putInt(at, streamIds[n]);
            buffer.putByte(at + 4, streamStates[n]);
            at += 5;
        }
        return at - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.getBytes(at, instrumentState);
        at += instrumentState.length;
        for (int i = 0; i < instrumentStream.length; i++)
        {
            instrumentStream[i] = buffer.getInt(at);
            at += Integer.BYTES;
        }
        streams = buffer.getInt(at);
        at += Integer.BYTES;
        if (streams < 0 || streams > MAX_STREAMS)
        {
            throw new IllegalStateException("corrupt risk snapshot: " + streams + " feed streams");
        }
        for (int n = 0; n < streams; n++)
        {
            streamIds[n] = buffer.getInt(at);
            streamStates[n] = buffer.getByte(at + 4);
            at += 5;
        }
        return at - offset;
    }
}
