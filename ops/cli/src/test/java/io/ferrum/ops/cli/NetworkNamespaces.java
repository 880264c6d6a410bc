package io.ferrum.ops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network of hosts on one machine for the failure tests: a Linux network namespace per host,
 * each with one veth address on a bridge in the test's own namespace, which holds the gateway
 * address (the cluster's client). Created and removed by the test itself with iproute2 ({@code ip});
 * needs root (CAP_NET_ADMIN), as {@code .ci/run} has.
 * <p>
 * A cut between two hosts is a permanent neighbour entry with a MAC address nobody owns, on both
 * sides: each host's packets for the other go out onto the bridge and are lost, and sends still
 * succeed, as on a real partition. This needs no netfilter or traffic-control module: the kernels
 * these tests run on have neither {@code iptables} nor {@code tc}'s netem and drop actions.
 */
final class NetworkNamespaces implements AutoCloseable
{
    private static final String NOWHERE = "02:00:00:00:00:00";

    private final String prefix;
    private final String subnet;
    private final String bridge;
    private final int hosts;
    private final List<String[]> cuts = new ArrayList<>();

    private NetworkNamespaces(final int hosts)
    {
        final long pid = ProcessHandle.current().pid();
        this.prefix = "ferrum" + pid + "h";
        this.subnet = "10." + (200 + (int)(pid % 50)) + "." + (int)(pid / 50 % 250) + ".";
        this.bridge = "fbr" + pid;
        this.hosts = hosts;
    }

    /** Creates {@code hosts} namespaces and the bridge; removes what it made if any step fails. */
    static NetworkNamespaces create(final int hosts)
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            throw new IllegalStateException("the partition tests create network namespaces and need root " +
                "(CAP_NET_ADMIN); run them as root, as .ci/run does");
        }
        final NetworkNamespaces net = new NetworkNamespaces(hosts);
        try
        {
            net.ip("link", "add", net.bridge, "type", "bridge");
            net.ip("addr", "add", net.gatewayAddress() + "/24", "dev", net.bridge);
            net.ip("link", "set", net.bridge, "up");
            for (int i = 0; i < hosts; i++)
            {
                final String ns = net.namespace(i);
                final String veth = "fv" + i + "-" + ProcessHandle.current().pid();
                net.ip("netns", "add", ns);
                net.ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
                net.ip("link", "set", veth, "master", net.bridge, "up");
                net.ip("-n", ns, "addr", "add", net.address(i) + "/24", "dev", "eth0");
                net.ip("-n", ns, "link", "set", "eth0", "up");
                net.ip("-n", ns, "link", "set", "lo", "up");
            }
            return net;
        }
        catch (final RuntimeException ex)
        {
            net.close();
            throw ex;
        }
    }

    /** The address of host {@code i}. */
    String address(final int i)
    {
        return subnet + (i + 1);
    }

    /** The address of this JVM's side of the bridge. */
    String gatewayAddress()
    {
        return subnet + "254";
    }

    /** The words that run a command inside host {@code i}. */
    List<String> exec(final int i)
    {
        return List.of("ip", "netns", "exec", namespace(i));
    }

    /** Cuts every packet between hosts {@code a} and {@code b}, both ways; the bridge address stays reachable. */
    void cut(final int a, final int b)
    {
        oneWay(a, b);
        oneWay(b, a);
    }

    /** Undoes every cut: the hosts find each other again by ARP. */
    void heal()
    {
        for (final String[] cut : cuts)
        {
            ip("-n", cut[0], "neigh", "del", cut[1], "dev", "eth0");
        }
        cuts.clear();
    }

    public void close()
    {
        for (int i = 0; i < hosts; i++)
        {
            quietly("netns", "del", namespace(i)); // takes its veth pair with it
        }
        quietly("link", "del", bridge);
    }

    private void oneWay(final int from, final int to)
    {
        ip("-n", namespace(from), "neigh", "replace", address(to), "lladdr", NOWHERE, "dev", "eth0", "nud", "permanent");
        cuts.add(new String[]{ namespace(from), address(to) });
    }

    private String namespace(final int i)
    {
        return prefix + i;
    }

    private void quietly(final String... args)
    {
        try
        {
            ip(args);
        }
        catch (final RuntimeException ignore)
        {
            // already gone
        }
    }

    private void ip(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(String.join(" ", command) + " failed (is iproute2 installed?)", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
