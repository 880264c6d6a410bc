package io.ferrum.sequencer.cluster;

import io.aeron.cluster.client.AeronCluster;
import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.codecs.config.ConfigValues;
import io.ferrum.sequencer.ring.RingWaitStrategy;
import org.agrona.BitUtil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything a cluster member, the sequencer and the ring need, from ONE {@code key = value}
 * file (format and every key in docs/operations.md): the keys and their defaults, the checks of
 * their values and typed accessors. {@link ClusterConfigParser} reads the file (unknown keys,
 * duplicate keys and bad values are errors naming the line, so that a typo never silently falls
 * back to a default), {@link ConfigValues} (codecs) is the syntax of sizes and durations, and
 * {@link ClusterContexts} builds the client side's Aeron and sequencer contexts.
 * <p>
 * No {@code cluster.member.N} key means the embedded default: one member on loopback, with
 * ports found free at start ({@link #withFreePorts}).
 */
public final class ClusterConfig
{
    public static final String MEMBER_PREFIX = "cluster.member.";
    /** Keys under this prefix configure the engine; ClusterConfig keeps them for the engine's own parser. */
    public static final String ENGINE_PREFIX = "engine.";
    /** Engine inputs between two published state hashes, unless {@code cluster.hash.interval} says otherwise. */
    public static final int DEFAULT_HASH_INTERVAL = 1024;
    /** {@code venue}: orders fill against the paper venue in the gateway's process. */
    public static final String VENUE_PAPER = "paper";
    /** {@code venue}: orders go to Binance spot over its WebSocket API ({@code venue.binance.api_ws}). */
    public static final String VENUE_BINANCE = "binance";
    /** No timeout or interval of a cluster is longer than a day; a longer one is a typo. */
    private static final long MAX_DURATION_NS = TimeUnit.DAYS.toNanos(1);

    /** Keys and their defaults, in documentation order. */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static
    {
        DEFAULTS.put("cluster.dir", "./ferrum-data");
        DEFAULTS.put("cluster.profile", "default");
        DEFAULTS.put("cluster.aeron.dir", "");
        // 1 MiB, not Aeron's 64 KiB minimum: a publication's window is half a term, and 64 KiB terms
        // back-pressured the sequencer's ingress more often than it sent at ~42k messages/s
        // (docs/operations.md has the measurement). Sparse files: memory is touched as it is used.
        DEFAULTS.put("cluster.term.length", "1m");
        DEFAULTS.put("cluster.sparse.files", "true");
        DEFAULTS.put("cluster.archive.segment.length", "16m");
        DEFAULTS.put("cluster.archive.file.sync.level", "0");
        DEFAULTS.put("cluster.disk.min.free", "64m");
        // a takeover under a second on the 2-core machine: ./ferrum soak measured 842 ms with these
        // (1.5 to 1.7 s with 1s/100ms/500ms/50ms) and no election while a leader lived, at load 17
        DEFAULTS.put("cluster.leader.heartbeat.timeout", "500ms");
        DEFAULTS.put("cluster.leader.heartbeat.interval", "50ms");
        DEFAULTS.put("cluster.election.timeout", "250ms");
        DEFAULTS.put("cluster.election.status.interval", "20ms");
        DEFAULTS.put("cluster.startup.canvass.timeout", "5s");
        DEFAULTS.put("cluster.session.timeout", "5s");
        DEFAULTS.put("cluster.termination.timeout", "2s");
        DEFAULTS.put("cluster.client.message.timeout", "2s");
        DEFAULTS.put("cluster.client.new.leader.timeout", "5s");
        DEFAULTS.put("cluster.client.keepalive.interval", "500ms");
        DEFAULTS.put("cluster.client.image.liveness.timeout", "2s");
        DEFAULTS.put("cluster.client.host", "localhost");
        DEFAULTS.put("cluster.client.transport", "udp");
        DEFAULTS.put("cluster.ack.interval", "16");
        DEFAULTS.put("cluster.hash.interval", Integer.toString(DEFAULT_HASH_INTERVAL));
        DEFAULTS.put("cluster.snapshot.interval", "off");
        DEFAULTS.put("cluster.backup", "");
        DEFAULTS.put("ring.size", "8192");
        DEFAULTS.put("ring.slot.length", "1024");
        DEFAULTS.put("ring.wait", "");
        DEFAULTS.put("sequencer.pending.capacity", "4m");
        DEFAULTS.put("sequencer.batch.limit", "64");
        // where ./ferrum gateway sends the leader's orders: the paper venue unless a desk says otherwise
        DEFAULTS.put("venue", VENUE_PAPER);
        DEFAULTS.put("venue.binance.api_ws", "");
        DEFAULTS.put("venue.binance.headroom", "0.8");
        DEFAULTS.put("venue.binance.max_send_delay", "100ms");
    }

    private final Map<String, String> values;
    private final List<Member> members;
    /** The {@code engine.*} lines with their file and line, for the engine's own parser and its errors. */
    private final List<ConfigFile.Entry> engine;

    /** @throws IllegalArgumentException naming the key of the first value refused */
    ClusterConfig(final Map<String, String> values, final List<Member> members, final List<ConfigFile.Entry> engine)
    {
        this.values = values;
        this.members = members;
        this.engine = List.copyOf(engine);
        validate();
    }

    /** The embedded default: one member, every key at its default, data under {@code dir}. */
    public static ClusterConfig embedded(final Path dir)
    {
        final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        values.put("cluster.dir", dir.toString());
        return new ClusterConfig(values, List.of(), List.of());
    }

    /** Reads a configuration file; see {@link ClusterConfigParser} for the format and its errors. */
    public static ClusterConfig load(final Path file)
    {
        return ClusterConfigParser.load(file);
    }

    /**
     * @param origin names the source in error messages
     */
    public static ClusterConfig parse(final String text, final String origin)
    {
        return ClusterConfigParser.parse(text, origin);
    }

    /**
     * The embedded default made concrete: {@code count} members on loopback, each on a block of
     * free ports found now. A configuration that already lists members is returned as it is.
     */
    public ClusterConfig withFreePorts(final int count)
    {
        if (!members.isEmpty())
        {
            return this;
        }
        final List<Member> found = new ArrayList<>(count);
        for (int id = 0; id < count; id++)
        {
            found.add(new Member(id, "localhost", FreePorts.findBlock(Member.PORTS_PER_MEMBER, found)));
        }
        return new ClusterConfig(values, List.copyOf(found), engine);
    }

    /**
     * This configuration with a ClusterBackup on loopback ports found free now, unless it has one
     * (as {@link #withFreePorts} for the members; call that first).
     */
    public ClusterConfig withFreeBackupPorts()
    {
        if (null != backup())
        {
            return this;
        }
        final Map<String, String> withBackup = new LinkedHashMap<>(values);
        withBackup.put("cluster.backup", "localhost:" + FreePorts.findBlock(3, members));
        return new ClusterConfig(withBackup, members, engine);
    }

    private void validate()
    {
        dir();
        profile();
        sparseFiles();
        ringWaitStrategy();
        final int termLength = termLength();
        if (!BitUtil.isPowerOfTwo(termLength) || termLength < 64 * 1024 || termLength > 1024 * 1024 * 1024)
        {
            throw new IllegalArgumentException("cluster.term.length must be a power of two in 64k..1g: " + termLength);
        }
        diskMinFree();
        final int segment = archiveSegmentLength();
        if (!BitUtil.isPowerOfTwo(segment) || segment < termLength)
        {
            throw new IllegalArgumentException(
                "cluster.archive.segment.length must be a power of two >= cluster.term.length: " + segment);
        }
        final int syncLevel = integer("cluster.archive.file.sync.level");
        if (syncLevel < 0 || syncLevel > 2)
        {
            throw new IllegalArgumentException("cluster.archive.file.sync.level must be 0, 1 or 2: " + syncLevel);
        }
        if (leaderHeartbeatIntervalNs() * 2 > leaderHeartbeatTimeoutNs())
        {
            throw new IllegalArgumentException(
                "cluster.leader.heartbeat.interval must be at most half of cluster.leader.heartbeat.timeout");
        }
        if (electionStatusIntervalNs() >= electionTimeoutNs())
        {
            throw new IllegalArgumentException("cluster.election.status.interval must be below cluster.election.timeout");
        }
        if (clientKeepAliveIntervalNs() * 2 > sessionTimeoutNs())
        {
            throw new IllegalArgumentException(
                "cluster.client.keepalive.interval must be at most half of cluster.session.timeout");
        }
        validateVenue();
        startupCanvassTimeoutNs();
        snapshotIntervalNs();
        terminationTimeoutNs();
        clientMessageTimeoutNs();
        clientNewLeaderTimeoutNs();
        clientImageLivenessTimeoutNs();
        clientHost();
        clientIpc();
        if (ackInterval() < 1)
        {
            throw new IllegalArgumentException("cluster.ack.interval must be >= 1");
        }
        backup();
        if (hashInterval() < 1)
        {
            throw new IllegalArgumentException("cluster.hash.interval must be >= 1");
        }
        if (!BitUtil.isPowerOfTwo(ringSize()))
        {
            throw new IllegalArgumentException("ring.size must be a power of two: " + ringSize());
        }
        if (ringSlotLength() < 32 || (ringSlotLength() & 7) != 0)
        {
            throw new IllegalArgumentException("ring.slot.length must be a multiple of 8 and >= 32: " + ringSlotLength());
        }
        if (ringSlotLength() > termLength / 8 - AeronCluster.SESSION_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("ring.slot.length must leave room for the session header in a " +
                "message of cluster.term.length / 8 = " + termLength / 8 + " bytes: " + ringSlotLength());
        }
        final int pending = pendingCapacity();
        if (!BitUtil.isPowerOfTwo(pending) || (long)pending < 4L * ackInterval() * (ringSlotLength() + 8))
        {
            throw new IllegalArgumentException("sequencer.pending.capacity must be a power of two holding at least " +
                "4 x cluster.ack.interval slots: " + pending);
        }
        if (batchLimit() < 1)
        {
            throw new IllegalArgumentException("sequencer.batch.limit must be >= 1");
        }
    }

    public List<Member> members()
    {
        return members;
    }

    public Member member(final int id)
    {
        if (id < 0 || id >= members.size())
        {
            throw new ConfigException("no member " + id + " in a cluster of " + members.size() +
                (members.isEmpty() ? " (embedded: call withFreePorts first)" : ""));
        }
        return members.get(id);
    }

    /** Aeron's cluster-members string: {@code id,ingress,consensus,log,catchup,archive|...}. */
    public String clusterMembers()
    {
        final StringBuilder builder = new StringBuilder();
        for (final Member member : members)
        {
            if (builder.length() > 0)
            {
                builder.append('|');
            }
            builder.append(member.id()).append(',')
                .append(member.ingressEndpoint()).append(',')
                .append(member.consensusEndpoint()).append(',')
                .append(member.logEndpoint()).append(',')
                .append(member.catchupEndpoint()).append(',')
                .append(member.archiveEndpoint());
        }
        return builder.toString();
    }

    /** The client's view: {@code 0=host:port,1=host:port}. */
    public String ingressEndpoints()
    {
        final StringBuilder builder = new StringBuilder();
        for (final Member member : members)
        {
            if (builder.length() > 0)
            {
                builder.append(',');
            }
            builder.append(member.id()).append('=').append(member.ingressEndpoint());
        }
        return builder.toString();
    }

    public Path dir()
    {
        final String dir = values.get("cluster.dir");
        if (dir.isEmpty())
        {
            throw new IllegalArgumentException("cluster.dir must not be empty");
        }
        return Path.of(dir);
    }

    /** Where member {@code id} keeps its cluster and archive directories: the journal of a run. */
    public Path memberDir(final int id)
    {
        return dir().resolve("member-" + id);
    }

    /**
     * The ClusterBackup's endpoints from {@code cluster.backup = host:basePort} (basePort: its
     * consensus responses, +1 catch-up, +2 archive control), or null when none is configured.
     */
    public Member backup()
    {
        final String value = values.get("cluster.backup");
        return value.isEmpty() ? null : Member.parse("0", value, "cluster.backup");
    }

    /** Where the ClusterBackup keeps its cluster and archive directories (a journal like a member's). */
    public Path backupDir()
    {
        return dir().resolve("backup");
    }

    /** The ClusterBackup's media driver directory. */
    public Path backupAeronDir()
    {
        final String dir = values.get("cluster.aeron.dir");
        return dir.isEmpty() ? backupDir().resolve("aeron") : Path.of(dir).resolve("backup");
    }

    public Path aeronDir(final int id)
    {
        final String dir = values.get("cluster.aeron.dir");
        return dir.isEmpty() ? memberDir(id).resolve("aeron") : Path.of(dir).resolve("member-" + id);
    }

    public ThreadingProfile profile()
    {
        return ThreadingProfile.parse(values.get("cluster.profile"));
    }

    public int termLength()
    {
        return size("cluster.term.length");
    }

    public boolean sparseFiles()
    {
        return ConfigValues.bool("cluster.sparse.files", values.get("cluster.sparse.files"));
    }

    public int archiveSegmentLength()
    {
        return size("cluster.archive.segment.length");
    }

    public int archiveFileSyncLevel()
    {
        return integer("cluster.archive.file.sync.level");
    }

    public long leaderHeartbeatTimeoutNs()
    {
        return duration("cluster.leader.heartbeat.timeout");
    }

    public long leaderHeartbeatIntervalNs()
    {
        return duration("cluster.leader.heartbeat.interval");
    }

    public long electionTimeoutNs()
    {
        return duration("cluster.election.timeout");
    }

    public long electionStatusIntervalNs()
    {
        return duration("cluster.election.status.interval");
    }

    public long startupCanvassTimeoutNs()
    {
        return duration("cluster.startup.canvass.timeout");
    }

    public long sessionTimeoutNs()
    {
        return duration("cluster.session.timeout");
    }

    public long terminationTimeoutNs()
    {
        return duration("cluster.termination.timeout");
    }

    public long clientMessageTimeoutNs()
    {
        return duration("cluster.client.message.timeout");
    }

    public long clientNewLeaderTimeoutNs()
    {
        return duration("cluster.client.new.leader.timeout");
    }

    public long clientKeepAliveIntervalNs()
    {
        return duration("cluster.client.keepalive.interval");
    }

    /** How soon a client's media driver gives up on a silent leader's egress. */
    public long clientImageLivenessTimeoutNs()
    {
        return duration("cluster.client.image.liveness.timeout");
    }

    /** The address members send egress to: the client machine's address as the members see it. */
    /**
     * Whether this JVM's clients (sequencer, admin) reach the cluster over IPC on the member's own media
     * driver ({@code cluster.client.transport = ipc}) rather than over UDP through a driver of their own
     * ({@code udp}, the default). IPC spares a media driver and two UDP crossings per input on a host
     * whose one member and its clients share the JVM (the demo, the latency bench); it needs exactly that
     * host: one member, and a client that dies with it.
     */
    public boolean clientIpc()
    {
        final String transport = values.get("cluster.client.transport");
        switch (transport)
        {
            case "udp":
                return false;
            case "ipc":
                if (members.size() > 1)
                {
                    throw new IllegalArgumentException("cluster.client.transport = ipc needs a single-member cluster whose " +
                        "clients share its JVM; this one has " + members.size() + " members: use udp");
                }
                return true;
            default:
                throw new IllegalArgumentException("cluster.client.transport must be udp or ipc: '" + transport + "'");
        }
    }

    public String clientHost()
    {
        final String host = values.get("cluster.client.host");
        if (host.isEmpty() || host.contains(":") || host.contains("?") || host.contains("|"))
        {
            throw new IllegalArgumentException("cluster.client.host must be a host name or IPv4 address: '" + host + "'");
        }
        return host;
    }

    public int ackInterval()
    {
        return integer("cluster.ack.interval");
    }

    /**
     * Log time between two scheduled snapshots, 0 when off ({@code cluster.snapshot.interval = off}):
     * see {@link SnapshotSchedule}.
     */
    public long snapshotIntervalNs()
    {
        return "off".equalsIgnoreCase(values.get("cluster.snapshot.interval").strip()) ?
            0 : duration("cluster.snapshot.interval");
    }

    /** Engine inputs between two state hashes published for replica comparison. */
    public int hashInterval()
    {
        return integer("cluster.hash.interval");
    }

    /**
     * The {@code engine.*} lines of the file, in file order, each with its file and line
     * (io.ferrum.engine.spec.EngineSpec reads them): every member reads the same file, so every member's
     * engine is configured the same.
     */
    public List<ConfigFile.Entry> engineSettings()
    {
        return engine;
    }

    /** {@link #VENUE_PAPER} or {@link #VENUE_BINANCE}: where the order gateway sends the leader's orders. */
    public String venue()
    {
        return values.get("venue");
    }

    /** Binance's WebSocket API endpoint ({@code wss://ws-api.binance.com:443/ws-api/v3} live); empty for paper. */
    public String binanceApiWs()
    {
        return values.get("venue.binance.api_ws");
    }

    /** Share of each Binance rate limit Ferrum uses at most, in (0, 1]. */
    public double binanceHeadroom()
    {
        return Double.parseDouble(values.get("venue.binance.headroom"));
    }

    /** Longest an order may wait for a rate limit or a reconnect before it is refused as throttled. */
    public long binanceMaxSendDelayNs()
    {
        return duration("venue.binance.max_send_delay");
    }

    private void validateVenue()
    {
        final String venue = venue();
        if (!VENUE_PAPER.equals(venue) && !VENUE_BINANCE.equals(venue))
        {
            throw new IllegalArgumentException("venue must be paper or binance: " + venue);
        }
        final String apiWs = binanceApiWs();
        if (VENUE_BINANCE.equals(venue) && apiWs.isEmpty())
        {
            throw new IllegalArgumentException("venue = binance needs venue.binance.api_ws (Binance's WebSocket API " +
                "endpoint, or ./ferrum exchange's api_ws)");
        }
        if (!apiWs.isEmpty())
        {
            java.net.URI uri = null;
            try
            {
                uri = new java.net.URI(apiWs);
            }
            catch (final java.net.URISyntaxException ex)
            {
                // refused below
            }
            if (uri == null || uri.getHost() == null ||
                !("ws".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme())))
            {
                throw new IllegalArgumentException("venue.binance.api_ws needs a ws:// or wss:// URL with a host: " + apiWs);
            }
        }
        final double headroom;
        try
        {
            headroom = binanceHeadroom();
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("venue.binance.headroom must be a number in (0, 1]: " +
                values.get("venue.binance.headroom"), ex);
        }
        if (!(headroom > 0 && headroom <= 1))
        {
            throw new IllegalArgumentException("venue.binance.headroom must be in (0, 1]: " + headroom);
        }
        binanceMaxSendDelayNs();
    }

    public int ringSize()
    {
        return integer("ring.size");
    }

    public int ringSlotLength()
    {
        return size("ring.slot.length");
    }

    public RingWaitStrategy ringWaitStrategy()
    {
        final String value = values.get("ring.wait");
        return value.isEmpty() ? profile().ringWaitStrategy() : RingWaitStrategy.parse(value);
    }

    public int pendingCapacity()
    {
        return size("sequencer.pending.capacity");
    }

    public int batchLimit()
    {
        return integer("sequencer.batch.limit");
    }

    /** Every key with its effective value, members last: what a node logs at start. */
    public Map<String, String> effectiveValues()
    {
        final Map<String, String> all = new LinkedHashMap<>(values);
        engine.forEach(entry -> all.put(entry.key(), entry.value()));
        for (final Member member : members)
        {
            all.put(MEMBER_PREFIX + member.id(), member.host() + ":" + member.basePort());
        }
        return Collections.unmodifiableMap(all);
    }

    private int integer(final String key)
    {
        return ConfigValues.integer(key, values.get(key));
    }

    /**
     * The free space a member's disk must keep: below it the member stops cleanly, before a write
     * fails. Aeron maps its mark files and error logs sparsely, and a page touched on a full disk
     * kills the thread that touched it (SIGBUS), which leaves a member neither alive nor stopped.
     */
    public long diskMinFree()
    {
        return size("cluster.disk.min.free");
    }

    private int size(final String key)
    {
        return ConfigValues.size(key, values.get(key));
    }

    private long duration(final String key)
    {
        return ConfigValues.durationNs(key, values.get(key), MAX_DURATION_NS);
    }

    /**
     * One member: a host and a block of five consecutive ports from {@code basePort}: ingress,
     * consensus, log, catch-up, archive control.
     */
    public record Member(int id, String host, int basePort)
    {
        public static final int PORTS_PER_MEMBER = 5;

        static Member parse(final String idText, final String value, final String where)
        {
            final int id;
            try
            {
                id = Integer.parseInt(idText);
            }
            catch (final NumberFormatException ex)
            {
                throw new ConfigException(where + ": member id must be an integer: '" + idText + "'");
            }
            final int colon = value.lastIndexOf(':');
            if (id < 0 || colon <= 0)
            {
                throw new ConfigException(where + ": expected cluster.member.<id> = host:basePort, got '" + value + "'");
            }
            final int port;
            try
            {
                port = Integer.parseInt(value.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new ConfigException(where + ": base port must be an integer: '" + value + "'");
            }
            if (port < 1 || port + PORTS_PER_MEMBER - 1 > 65535)
            {
                throw new ConfigException(where + ": base port out of range 1..65531: " + port);
            }
            return new Member(id, value.substring(0, colon), port);
        }

        public String ingressEndpoint()
        {
            return host + ":" + basePort;
        }

        public String consensusEndpoint()
        {
            return host + ":" + (basePort + 1);
        }

        public String logEndpoint()
        {
            return host + ":" + (basePort + 2);
        }

        public String catchupEndpoint()
        {
            return host + ":" + (basePort + 3);
        }

        public String archiveEndpoint()
        {
            return host + ":" + (basePort + 4);
        }
    }
}
