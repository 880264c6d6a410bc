package io.ferrum.sequencer.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds blocks of consecutive UDP ports that are free on loopback right now, for embedded
 * and test clusters (Aeron cluster endpoints need fixed ports that every member knows).
 */
final class FreePorts
{
    // Below Linux's ephemeral range (32768..60999 by default): a member killed and restarted must find its
    // ports again, and a port in that range may meanwhile be handed to any socket bound to port 0 (an
    // archive's response channel did, and the restarted member failed with "Address already in use").
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int ATTEMPTS = 200;

    private FreePorts()
    {
    }

    static int findBlock(final int count, final List<ClusterConfig.Member> taken)
    {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(LOW, HIGH - count);
            if (!overlaps(base, count, taken) && allFree(base, count))
            {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free UDP ports found on loopback");
    }

    private static boolean overlaps(final int base, final int count, final List<ClusterConfig.Member> taken)
    {
        for (final ClusterConfig.Member member : taken)
        {
            if (base < member.basePort() + ClusterConfig.Member.PORTS_PER_MEMBER && member.basePort() < base + count)
            {
                return true;
            }
        }
        return false;
    }

    private static boolean allFree(final int base, final int count)
    {
        for (int port = base; port < base + count; port++)
        {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
            {
                socket.getLocalPort();
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }
}
