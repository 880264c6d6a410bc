package io.ferrum.gateway.client;

import io.ferrum.gateway.InboundPublisher;
import org.agrona.MutableDirectBuffer;

/** A full ring on a schedule: refuses every {@code n}-th claim, as a ring whose consumer lags would. */
final class RefusingPublisher implements InboundPublisher
{
    private final InboundPublisher delegate;
    private final int every;
    private long claims;
    private long refused;

    RefusingPublisher(final InboundPublisher delegate, final int every)
    {
        this.delegate = delegate;
        this.every = every;
    }

    public int maxMessageLength()
    {
        return delegate.maxMessageLength();
    }

    public MutableDirectBuffer claim()
    {
        if (++claims % every == 0)
        {
            refused++;
            return null;
        }
        return delegate.claim();
    }

    public void commit(final int length)
    {
        delegate.commit(length);
    }

    public void abort()
    {
        delegate.abort();
    }

    long refused()
    {
        return refused;
    }
}
