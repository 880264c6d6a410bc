package io.ferrum.sequencer.cluster;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.aeron.security.CredentialsSupplier;
import io.ferrum.codecs.control.AckDecoder;
import io.ferrum.codecs.control.MessageHeaderDecoder;
import io.ferrum.sequencer.ControlProtocol;
import io.ferrum.sequencer.SourceKey;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * An operator's connection to the cluster for admin commands (cold path, one command at a time):
 * connects with the admin credential ({@link AdminAuthenticator#adminCredentials}), offers one
 * Ferrum admin message and waits for the service's acknowledgement of its (sourceId, sequence)
 * on egress. Used by {@code ./ferrum admin}.
 */
public final class AdminClient implements AutoCloseable, EgressListener
{
    private final AeronCluster cluster;
    private final MessageHeaderDecoder controlHeader = new MessageHeaderDecoder();
    private final AckDecoder ackDecoder = new AckDecoder();
    private int awaitedSourceId;
    private long awaitedSequence;
    private boolean acknowledged;

    private AdminClient(final AeronCluster.Context context)
    {
        this.cluster = AeronCluster.connect(context.egressListener(this));
    }

    /**
     * @param config             names the members (their ingress endpoints) and timeouts
     * @param aeronDirectoryName a running media driver for this client
     * @param token              the admin token; null or empty connects as a non-admin session
     * @throws io.aeron.exceptions.AuthenticationException when the cluster refuses the credential
     */
    public static AdminClient connect(final ClusterConfig config, final String aeronDirectoryName, final String token)
    {
        final byte[] credentials = token == null || token.isEmpty() ?
            AdminAuthenticator.FEED_CREDENTIALS : AdminAuthenticator.adminCredentials(token);
        return new AdminClient(new AeronCluster.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel("aeron:udp")
            .ingressEndpoints(config.ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=" + config.clientHost() + ":0")
            .messageTimeoutNs(config.clientMessageTimeoutNs())
            .credentialsSupplier(new CredentialsSupplier()
            {
                public byte[] encodedCredentials()
                {
                    return credentials;
                }

                public byte[] onChallenge(final byte[] encodedChallenge)
                {
                    return credentials;
                }
            }));
    }

    /**
     * Offers one admin message (SBE header first, its Source carrying sourceId and sequence) and
     * waits for its acknowledgement.
     *
     * @return true when acknowledged within the timeout
     */
    public boolean send(final DirectBuffer buffer, final int offset, final int length, final long timeoutMs)
    {
        if (!SourceKey.hasKey(length))
        {
            throw new IllegalArgumentException("not a Ferrum input with a Source: " + length + " bytes");
        }
        awaitedSourceId = SourceKey.sourceId(buffer, offset);
        awaitedSequence = SourceKey.sequence(buffer, offset);
        acknowledged = false;
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (cluster.offer(buffer, offset, length) < 0)
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            cluster.pollEgress();
            idle.idle();
        }
        while (!acknowledged)
        {
            if (System.nanoTime() > deadline || cluster.isClosed())
            {
                return false;
            }
            idle.idle(cluster.pollEgress());
        }
        return true;
    }

    public void onMessage(
        final long clusterSessionId, final long timestamp, final DirectBuffer buffer, final int offset,
        final int length, final Header header)
    {
        if (AckDecoder.TEMPLATE_ID == ControlProtocol.templateId(controlHeader, buffer, offset, length) &&
            length >= ControlProtocol.ACK_LENGTH)
        {
            ackDecoder.wrap(
                buffer, offset + ControlProtocol.HEADER_LENGTH, controlHeader.blockLength(), controlHeader.version());
            if (ackDecoder.sourceId() == awaitedSourceId && ackDecoder.sequence() >= awaitedSequence)
            {
                acknowledged = true;
            }
        }
    }

    public void close()
    {
        CloseHelper.close(cluster);
    }
}
