package io.ferrum.sequencer.cluster;

import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.driver.MediaDriver;
import io.ferrum.sequencer.EngineEgressListener;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Every member of a cluster in this JVM, plus a media driver of its own for clients so that
 * clients outlive any member (unless {@code cluster.client.transport = ipc}: then the clients share
 * the one member's driver): the embedded default of {@code ./ferrum demo} (one member) and
 * our in-process harness for tests (Aeron's test kit is not published for 1.51). Production
 * runs one {@link ClusterNode} per JVM instead.
 */
public final class LocalCluster implements AutoCloseable
{
    private final ClusterConfig config;
    private final IntFunction<ClusteredService> serviceFactory;
    private final ErrorHandler errorHandler;
    private final ThreadLayout layout;
    private final ClusterNode[] nodes;
    private final MediaDriver clientDriver;
    private final String adminToken;

    private LocalCluster(
        final ClusterConfig config,
        final IntFunction<ClusteredService> serviceFactory,
        final ThreadLayout layout,
        final ErrorHandler errorHandler,
        final String adminToken)
    {
        this.adminToken = adminToken;
        this.layout = layout;
        this.config = config;
        this.serviceFactory = serviceFactory;
        this.errorHandler = errorHandler;
        this.nodes = new ClusterNode[config.members().size()];
        // IPC clients use the member's driver, and die with it (ClusterConfig.clientIpc)
        this.clientDriver = config.clientIpc() ? null : MediaDriver.launch(ClusterContexts
            .clientDriverContext(config, config.dir().resolve("client-aeron").toString())
            .errorHandler(errorHandler));
    }

    /**
     * Starts every member of {@code config} (an embedded configuration without members gets
     * one, on free ports).
     *
     * @param serviceFactory a new service (and engine) for a member id, called on every (re)start
     * @param layout         where the members' threads and the sequencer run ({@code ThreadLayout.none()}
     *                       for nowhere in particular; one layout for several members in one JVM
     *                       would put their threads on the same CPUs, so use none() for more than one)
     */
    public static LocalCluster launch(
        final ClusterConfig config,
        final IntFunction<ClusteredService> serviceFactory,
        final ThreadLayout layout,
        final ErrorHandler errorHandler)
    {
        return launch(config, serviceFactory, layout, errorHandler, AdminAuthenticator.environmentToken());
    }

    /**
     * As above with the admin token given rather than read from {@code FERRUM_ADMIN_TOKEN}
     * (null: admin commands disabled).
     */
    public static LocalCluster launch(
        final ClusterConfig config,
        final IntFunction<ClusteredService> serviceFactory,
        final ThreadLayout layout,
        final ErrorHandler errorHandler,
        final String adminToken)
    {
        AdminAuthenticator.validate(adminToken); // refuses a too-short token before anything starts
        final LocalCluster cluster =
            new LocalCluster(config.withFreePorts(1), serviceFactory, layout, errorHandler, adminToken);
        try
        {
            for (int id = 0; id < cluster.nodes.length; id++)
            {
                cluster.startMember(id);
            }
            return cluster;
        }
        catch (final RuntimeException ex)
        {
            cluster.close();
            throw ex;
        }
    }

    public ClusterConfig config()
    {
        return config;
    }

    /** Starts (or restarts, from its snapshot and log) member {@code id}. */
    public ClusterNode startMember(final int id)
    {
        if (null != nodes[id])
        {
            throw new IllegalStateException("member " + id + " is running");
        }
        nodes[id] = ClusterNode.launch(config, id, serviceFactory.apply(id), layout, errorHandler, adminToken);
        return nodes[id];
    }

    /** Stops member {@code id}, keeping its directories. */
    public void stopMember(final int id)
    {
        CloseHelper.close(nodes[id]);
        nodes[id] = null;
    }

    /** @return the running member, or null when stopped */
    public ClusterNode node(final int id)
    {
        return nodes[id];
    }

    /**
     * Waits (sleeping, never spinning) until a running member is leader.
     */
    public ClusterNode awaitLeader(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline)
        {
            for (final ClusterNode node : nodes)
            {
                if (null != node && Cluster.Role.LEADER == node.role())
                {
                    return node;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader within " + unit.toMillis(timeout) + " ms");
    }

    /**
     * Whether admin commands can reach this cluster, in one sentence for the start-up log
     * ({@link AdminAuthenticator#startupMessage}): the command that starts a cluster logs it, so an
     * operator knows at start that {@code ./ferrum admin} is disabled when no token is set.
     */
    public String adminCommandsStatus()
    {
        return AdminAuthenticator.startupMessage(adminToken);
    }

    /** The media driver that clients of this cluster in this JVM use: member 0's with IPC clients. */
    public String clientAeronDirectoryName()
    {
        return null == clientDriver ? config.aeronDir(0).toString() : clientDriver.aeronDirectoryName();
    }

    /**
     * Starts a sequencer on a new ring sized from the configuration (its consumer pinned as
     * the cluster's layout says), sending to this cluster and handing the leader's engine
     * outputs to {@code egressListener}.
     */
    public Sequencer launchSequencer(final EngineEgressListener egressListener)
    {
        return Sequencer.launch(ClusterContexts
            .sequencerContext(config, ClusterContexts.newRing(config, layout), clientAeronDirectoryName())
            .egressListener(egressListener)
            .errorHandler(errorHandler));
    }

    public void close()
    {
        for (int id = nodes.length - 1; id >= 0; id--)
        {
            stopMember(id);
        }
        CloseHelper.close(clientDriver);
    }
}
