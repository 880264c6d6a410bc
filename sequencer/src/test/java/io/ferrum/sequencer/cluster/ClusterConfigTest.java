package io.ferrum.sequencer.cluster;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.sequencer.ring.RingWaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class ClusterConfigTest
{
    @TempDir
    Path dir;

    @Test
    void embeddedDefaultsAreSafeOnTwoCoresAndFailOverInUnderASecond()
    {
        final ClusterConfig config = ClusterConfig.embedded(dir);
        assertEquals(ThreadingProfile.DEFAULT, config.profile());
        assertEquals(1024 * 1024, config.termLength());
        assertTrue(config.sparseFiles());
        assertEquals(RingWaitStrategy.BACKOFF, config.ringWaitStrategy());
        assertEquals(64L << 20, config.diskMinFree(), "a member stops with 64 MB left on its disk");
        // the takeover is the heartbeat timeout plus an election round: under a second (./ferrum soak measures it)
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), config.leaderHeartbeatTimeoutNs());
        assertTrue(config.electionTimeoutNs() <= TimeUnit.MILLISECONDS.toNanos(250));
        assertTrue(config.members().isEmpty());

        final ClusterConfig single = config.withFreePorts(1);
        assertEquals(1, single.members().size());
        assertEquals("0=localhost:" + single.member(0).basePort(), single.ingressEndpoints());
        assertEquals(dir.resolve("member-0"), single.memberDir(0));
    }

    @Test
    void productionFileListsMembersAndTheColocatedProfileSpins() throws Exception
    {
        final Path file = dir.resolve("ferrum.conf");
        Files.writeString(file, String.join("\n",
            "# three members",
            "cluster.dir = /var/lib/ferrum",
            "cluster.profile = colocated",
            "cluster.member.0 = 10.0.0.1:9000",
            "cluster.member.1 = 10.0.0.2:9000",
            "cluster.member.2 = 10.0.0.3:9010",
            "cluster.leader.heartbeat.timeout = 800ms",
            "cluster.term.length = 256k",
            ""));
        final ClusterConfig config = ClusterConfig.load(file);

        assertEquals(3, config.members().size());
        assertEquals(RingWaitStrategy.BUSY_SPIN, config.ringWaitStrategy());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(800), config.leaderHeartbeatTimeoutNs());
        assertEquals(256 * 1024, config.termLength());
        assertEquals("0=10.0.0.1:9000,1=10.0.0.2:9000,2=10.0.0.3:9010", config.ingressEndpoints());
        assertEquals(
            "0,10.0.0.1:9000,10.0.0.1:9001,10.0.0.1:9002,10.0.0.1:9003,10.0.0.1:9004|" +
            "1,10.0.0.2:9000,10.0.0.2:9001,10.0.0.2:9002,10.0.0.2:9003,10.0.0.2:9004|" +
            "2,10.0.0.3:9010,10.0.0.3:9011,10.0.0.3:9012,10.0.0.3:9013,10.0.0.3:9014",
            config.clusterMembers());
        assertSame(config, config.withFreePorts(1), "listed members are kept as they are");
    }

    @Test
    void snapshotsAreOffUnlessScheduledByLogTime()
    {
        assertEquals(0, ClusterConfig.embedded(dir).snapshotIntervalNs());
        assertEquals(0, ClusterConfig.parse("cluster.snapshot.interval = OFF", "f.conf").snapshotIntervalNs());
        assertEquals(15L * 60 * 1_000_000_000L,
            ClusterConfig.parse("cluster.snapshot.interval = 15m", "f.conf").snapshotIntervalNs());
        assertEquals(3_600_000_000_000L, ClusterConfig.parse("cluster.snapshot.interval = 1h", "f.conf").snapshotIntervalNs());
        assertEquals(500_000_000L, ClusterConfig.parse("cluster.snapshot.interval = 500ms", "f.conf").snapshotIntervalNs());
    }

    private static String errorOf(final String text)
    {
        return assertThrows(ConfigException.class, () -> ClusterConfig.parse(text, "f.conf")).getMessage();
    }

    @Test
    void theVenueIsPaperUnlessTheFileSaysBinanceWithItsEndpoint()
    {
        final ClusterConfig paper = ClusterConfig.parse("cluster.dir = x", "f.conf");
        assertEquals(ClusterConfig.VENUE_PAPER, paper.venue());
        final ClusterConfig binance = ClusterConfig.parse("venue = binance\n" +
            "venue.binance.api_ws = wss://ws-api.binance.com:443/ws-api/v3\nvenue.binance.headroom = 0.5\n" +
            "venue.binance.max_send_delay = 50ms", "f.conf");
        assertEquals(ClusterConfig.VENUE_BINANCE, binance.venue());
        assertEquals("wss://ws-api.binance.com:443/ws-api/v3", binance.binanceApiWs());
        assertEquals(0.5, binance.binanceHeadroom());
        assertEquals(50_000_000L, binance.binanceMaxSendDelayNs());
        assertEquals(100_000_000L, paper.binanceMaxSendDelayNs());
    }

    @Test
    void venueSettingsThatCannotWorkAreErrorsNamingTheFileAndLine()
    {
        assertTrue(errorOf("venue = kraken").contains("f.conf: venue must be paper or binance"));
        assertTrue(errorOf("venue = binance").contains("needs venue.binance.api_ws"));
        assertTrue(errorOf("venue = binance\nvenue.binance.api_ws = http://h/ws-api/v3").contains("ws:// or wss://"));
        assertTrue(errorOf("venue.binance.api_ws = ws://").contains("with a host"));
        assertTrue(errorOf("venue.binance.headroom = 1.5").contains("(0, 1]"));
        assertTrue(errorOf("venue.binance.headroom = lots").contains("(0, 1]"));
        assertTrue(errorOf("venue.binance.max_send_delay = 0ms").contains("max_send_delay"));
        assertTrue(errorOf("venue.binance.apiws = ws://h:1/").contains("f.conf:1: unknown key 'venue.binance.apiws'"));
        assertTrue(errorOf("venue = paper\nvenue = binance").contains("f.conf:2"));
        assertTrue(errorOf("venue.binance.api_key = abc").contains("unknown key"), "credentials never in the file");
    }

    @Test
    void malformedAndHostileFilesAreClearErrorsNamingTheLine()
    {
        assertTrue(errorOf("cluster.dir = x\nnot a pair\n").contains("f.conf:2"));
        assertTrue(errorOf("cluster.leader.heartbeat.timout = 1s").contains("unknown key"));
        assertTrue(errorOf("ring.size = 8\nring.size = 16").contains("given twice (first on line 1)"));
        assertTrue(errorOf("= 5").contains("malformed key"));
        assertTrue(errorOf("cluster.leader.heartbeat.timeout = 1").contains("duration"));
        assertTrue(errorOf("cluster.leader.heartbeat.timeout = -5ms").contains("duration"));
        assertTrue(errorOf("cluster.election.timeout = 99999999999999999999s").contains("duration"));
        assertTrue(errorOf("cluster.session.timeout = 9999999s").contains("duration"));
        assertTrue(errorOf("cluster.term.length = 100k").contains("power of two"));
        assertTrue(errorOf("cluster.term.length = 9999999999g").contains("size"));
        assertTrue(errorOf("ring.size = 1000").contains("power of two"));
        assertTrue(errorOf("ring.wait = sometimes").contains("wait strategy"));
        assertTrue(errorOf("cluster.profile = turbo").contains("profile"));
        assertTrue(errorOf("cluster.sparse.files = yes").contains("true or false"));
        assertTrue(errorOf("cluster.disk.min.free = plenty").contains("cluster.disk.min.free"));
        assertTrue(errorOf("cluster.disk.min.free = -1m").contains("cluster.disk.min.free"));
        assertTrue(errorOf("cluster.member.0 = host-without-port").contains("host:basePort"));
        assertTrue(errorOf("cluster.member.x = h:1").contains("member id"));
        assertTrue(errorOf("cluster.member.0 = h:65534").contains("out of range"));
        assertTrue(errorOf("cluster.member.0 = h:9000\ncluster.member.2 = h:9100").contains("without gaps"));
        assertTrue(errorOf("cluster.leader.heartbeat.interval = 900ms").contains("half"));
        assertTrue(errorOf("sequencer.pending.capacity = 4k").contains("pending"));
        assertTrue(errorOf("cluster.dir = ").contains("cluster.dir"));
        assertTrue(errorOf("ring.slot.length = 8192\ncluster.term.length = 64k").contains("session header"));
        assertTrue(errorOf("cluster.client.host = a:1").contains("cluster.client.host"));
        assertTrue(errorOf("cluster.client.transport = shm").contains("udp or ipc"));
        assertTrue(errorOf("cluster.client.transport = ipc\ncluster.member.0 = h:9000\ncluster.member.1 = h:9100")
            .contains("single-member"));
        assertTrue(errorOf("cluster.snapshot.interval = 0").contains("cluster.snapshot.interval"));
        assertTrue(errorOf("cluster.snapshot.interval = hourly").contains("duration"));
        assertTrue(errorOf("cluster.snapshot.interval = 25h").contains("duration"));
        assertThrows(ConfigException.class, () -> ClusterConfig.load(dir.resolve("missing.conf")));
        assertThrows(ConfigException.class, () -> ClusterConfig.embedded(dir).member(0));
    }
}
