package io.ferrum.engine;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.engine.api.EngineOutput;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/** Keeps a copy of every message the engine offers. */
public final class CapturingOutput implements EngineOutput
{
    public final List<byte[]> messages = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        messages.add(copy);
        return true;
    }

    public List<UnsafeBuffer> ofTemplate(final int templateId)
    {
        final List<UnsafeBuffer> result = new ArrayList<>();
        for (final byte[] message : messages)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(message);
            if (header.wrap(buffer, 0).templateId() == templateId)
            {
                result.add(buffer);
            }
        }
        return result;
    }

    public void clear()
    {
        messages.clear();
    }
}
