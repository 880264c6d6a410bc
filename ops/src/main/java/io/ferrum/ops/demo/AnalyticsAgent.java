package io.ferrum.ops.demo;

import io.ferrum.ops.analytics.AnalyticsConsumer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Runs the {@link AnalyticsConsumer} on its own thread, off the engine's and the feed's: the
 * market data the gateway publishes is copied into an inbox (the ring publisher's tap), and
 * this agent feeds it to the consumer and lets it republish reports.
 */
public final class AnalyticsAgent implements Agent, io.ferrum.gateway.MessageHandler
{
    private final AnalyticsConsumer consumer;
    private final ManyToOneRingBuffer inbox;
    private final IdleStrategy offerIdle = new SleepingMillisIdleStrategy(1);
    private final MessageHandler handler;

    public AnalyticsAgent(final AnalyticsConsumer consumer, final int inboxCapacity)
    {
        this.consumer = consumer;
        this.inbox = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(inboxCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.handler = (type, buffer, offset, length) -> consumer.onMessage(buffer, offset, length);
    }

    public String roleName()
    {
        return "ferrum-analytics";
    }

    public AnalyticsConsumer consumer()
    {
        return consumer;
    }

    /** Any thread: a copy goes to the inbox; a full inbox holds the producer back. */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        offerIdle.reset();
        while (!inbox.write(1, buffer, offset, length))
        {
            if (Thread.currentThread().isInterrupted())
            {
                return;
            }
            offerIdle.idle();
        }
    }

    public int doWork()
    {
        return inbox.read(handler, 256) + consumer.doWork();
    }
}
