package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.cluster.RecordingLog;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.cluster.BackupNode;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A 3-member cluster running the real engine (the strategies of config/cluster-3.conf), a
 * ClusterBackup beside it and a snapshot in the middle of the stream:
 * <ul>
 * <li>{@code ./ferrum replay --config FILE --member N} and {@code --backup} print the live
 *     members' state hash;</li>
 * <li>the runbook's restore (docs/operations.md): every member's directory seeded from the
 *     stopped backup's {@code cluster/} and {@code archive/}, the members started again, and
 *     they reach the original cluster's state hash at the same log position, then go on.</li>
 * </ul>
 */
class ClusterReplayAndRestoreTest
{
    private static final int SOURCE_ID = 1;
    private static final int INPUTS = 1_500;
    private static final int MORE = 100;

    @TempDir
    Path dir;

    private final FerrumClusteredService[] services = new FerrumClusteredService[3];

    @Test
    void replayOfAMemberAndOfTheBackupAndARestoreFromTheBackupAgreeWithTheCluster() throws Exception
    {
        final List<String> tailLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        final ByteArrayOutputStream tailErr = new ByteArrayOutputStream();
        final Thread tail;
        final Path configFile = writeConfig();
        final ClusterConfig config = ClusterConfig.load(configFile);
        final EngineSettings settings = EngineSettings.parse(config.engineSettings());

        final long hashPosition;
        final long hash;
        try (LocalCluster cluster = launch(config, settings);
            BackupNode backup = BackupNode.launch(config, Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            final var leader = cluster.awaitLeader(20, TimeUnit.SECONDS);
            publish(sequencer.ring(), 1, INPUTS / 2);
            final long halfPosition = awaitSettled();
            final long halfHash = services[0].lastHash();
            await("a snapshot on every member", () ->
            {
                leader.requestSnapshot();
                return cluster.node(0).snapshotCount() > 0 && cluster.node(1).snapshotCount() > 0 &&
                    cluster.node(2).snapshotCount() > 0;
            });
            publish(sequencer.ring(), INPUTS / 2 + 1, INPUTS);
            hashPosition = awaitSettled();
            hash = services[0].lastHash();
            assertEquals(hash, services[1].lastHash());
            assertEquals(hash, services[2].lastHash());
            await("the backup holds the whole log",
                () -> CommittedPosition.ofBackup(config.backupAeronDir().toFile()).read() >= hashPosition);
            await("the backup holds the snapshot", () -> snapshotsIn(config.backupDir()) > 0);

            // replays of a running member and of the running backup: the members' hash
            assertEquals(hex(hash), replay(configFile, "--member", "1").get("state_hash").asText());
            assertEquals(hex(hash), replay(configFile, "--backup").get("state_hash").asText());

            // a replay to a position where the members published a hash ends on that hash
            final JsonNode half = replay(configFile, "--member", "2", "--to-position", Long.toString(halfPosition));
            assertEquals(hex(halfHash), half.get("state_hash").asText());
            assertEquals(halfPosition, half.get("log_position").asLong());
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--config", configFile.toString(),
                "--member", "2", "--to-position", Long.toString(hashPosition + 1_000_000)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
            // it stops where the member's committed log ends: the hash position, or a little later when the cluster
            // committed something of its own since (a timer, a session event)
            final java.util.regex.Matcher stopped = java.util.regex.Pattern.compile("the replay stopped at (\\d+)")
                .matcher(err.toString(StandardCharsets.UTF_8));
            assertTrue(stopped.find(), err.toString());
            final long stoppedAt = Long.parseLong(stopped.group(1));
            assertTrue(stoppedAt >= hashPosition && stoppedAt < hashPosition + 1_000_000, err.toString());

            // the runbook's checks in one command, on the running cluster and on the backup
            final List<JsonNode> verified = verify(configFile);
            assertEquals(3, verified.stream().filter((l) -> "verify_hash".equals(l.get("type").asText())).count(), verified.toString());
            for (final JsonNode line : verified)
            {
                assertTrue(line.get("ok").asBoolean(), line.toString());
                if ("verify_journal".equals(line.get("type").asText()))
                {
                    assertEquals(INPUTS, line.get("inputs").asLong(), line.toString());
                    assertEquals(0, line.get("missing").asLong());
                }
            }
            assertTrue(verify(configFile, "--backup").stream().allMatch((l) -> l.get("ok").asBoolean()));

            // a risk officer's tail on member 0 follows through the restore: it waits while the journal is
            // replaced and goes on with the restored cluster's new inputs, none twice
            tail = new Thread(() -> Main.run(new TailCommand(), List.of("--config", configFile.toString(),
                "--member", "0", "--follow", "--type", "trade_tick"), new PrintStream(new LineCollector(tailLines), true,
                StandardCharsets.UTF_8), new PrintStream(tailErr, true, StandardCharsets.UTF_8)), "tail");
            tail.start();
            await("the tail shows the run's inputs", () -> tailLines.size() >= INPUTS);
        }

        // the runbook's restore: every member's directory seeded from the (stopped) backup
        for (int id = 0; id < 3; id++)
        {
            final Path member = config.memberDir(id);
            IoUtil.delete(member.toFile(), false);
            Files.createDirectories(member);
            copy(config.backupDir().resolve("cluster"), member.resolve("cluster"));
            copy(config.backupDir().resolve("archive"), member.resolve("archive"));
        }
        try (LocalCluster cluster = launch(config, settings))
        {
            cluster.awaitLeader(20, TimeUnit.SECONDS);
            assertEquals(hashPosition, awaitSettled(), "the restored members stand where the cluster stood");
            for (int id = 0; id < 3; id++)
            {
                assertEquals(hash, services[id].lastHash(), "member " + id + " restored to the same state hash");
            }

            try (Sequencer sequencer = cluster.launchSequencer((buffer, offset, length, ts) -> {}))
            {
                publish(sequencer.ring(), INPUTS + 1, INPUTS + MORE);
                final long after = awaitSettled();
                assertTrue(after > hashPosition, "the restored cluster goes on with new inputs");
                await("the tail shows the restored cluster's new inputs", () -> tailLines.size() >= INPUTS + MORE);
                tail.interrupt();
                tail.join(10_000);
                assertEquals(INPUTS + MORE, tailLines.size(), "every input once: " + tailErr);
                for (int i = 0; i < tailLines.size(); i++)
                {
                    assertEquals(i + 1, EventSchema.assertValid(tailLines.get(i)).get("payload").get("sequence").asLong());
                }
                assertEquals(services[0].lastHash(), services[1].lastHash());
                assertEquals(services[0].lastHash(), services[2].lastHash());
            }
        }

        // A backup started mid-life keeps only the terms after the snapshot it began from: its replay
        // starts from that snapshot, read from its files, and reaches the members' hash.
        final Path recordingLog = config.backupDir().resolve("cluster");
        final long recordingId = JournalReader.open(config.backupDir()).recordingId();
        final List<RecordingLog.Entry> snapshots = new ArrayList<>();
        final Path copy = Files.createTempDirectory(dir, "recording-log");
        Files.copy(recordingLog.resolve(RecordingLog.RECORDING_LOG_FILE_NAME), copy.resolve(RecordingLog.RECORDING_LOG_FILE_NAME));
        try (RecordingLog original = new RecordingLog(copy.toFile(), false))
        {
            original.entries().stream().filter((entry) -> RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type)
                .sorted(java.util.Comparator.comparingInt((RecordingLog.Entry entry) -> entry.entryIndex))
                .forEach(snapshots::add); // in the file's order, which Aeron's lookup relies on
        }
        assertFalse(snapshots.isEmpty());
        final long snapshotPosition = snapshots.get(snapshots.size() - 1).logPosition;
        assertTrue(snapshotPosition > 0 && snapshotPosition < hashPosition, "the snapshot was taken mid-stream");
        Files.delete(recordingLog.resolve(RecordingLog.RECORDING_LOG_FILE_NAME));
        try (RecordingLog fromTheSnapshot = new RecordingLog(recordingLog.toFile(), true))
        {
            fromTheSnapshot.appendTerm(recordingId, 1, snapshotPosition, 0);
            for (final RecordingLog.Entry snapshot : snapshots)
            {
                fromTheSnapshot.appendSnapshot(snapshot.recordingId, 1, snapshotPosition, snapshot.logPosition,
                    snapshot.timestamp, snapshot.serviceId);
            }
        }
        assertEquals(snapshotPosition, JournalReader.open(config.backupDir()).startPosition());
        final JsonNode midLife = replay(configFile, "--backup", "--to-position", Long.toString(hashPosition));
        assertEquals(hex(hash), midLife.get("state_hash").asText(), "the snapshot plus the log after it");
        final List<JsonNode> midLifeChecks = verify(configFile, "--backup");
        assertTrue(midLifeChecks.stream().allMatch((l) -> l.get("ok").asBoolean()), midLifeChecks.toString());

        // without a snapshot to start from, a replay from an empty engine would be a state the cluster never had
        Files.delete(recordingLog.resolve(RecordingLog.RECORDING_LOG_FILE_NAME));
        try (RecordingLog laterTermsOnly = new RecordingLog(recordingLog.toFile(), true))
        {
            laterTermsOnly.appendTerm(recordingId, 1, snapshotPosition, 0);
        }
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--config", configFile.toString(), "--backup"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no engine snapshot"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void replayOfAClusterRefusesBadCommandLinesAndMissingJournalsClearly() throws Exception
    {
        final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final Path config = writeConfig();
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(), List.of("--config", config.toString()), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(),
            List.of("--config", config.toString(), "--member", "1", "--backup"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(), List.of("--config", config.toString(), "--member", "3"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(), List.of("--config", config.toString(), "--member", "-1"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(), List.of("--journal", dir.toString(), "--backup"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(),
            List.of("--journal", dir.toString(), "--config", config.toString(), "--backup"), sink, sink));

        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(),
            List.of("--config", config.toString(), "--member", "0", "--to-position", "-5"), sink, sink));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        final PrintStream output = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.NO_INPUT, Main.run(new ReplayCommand(), List.of("--config", config.toString(), "--member", "0"),
            output, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not exist"), err.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCodes.NO_INPUT, Main.run(new ReplayCommand(),
            List.of("--config", dir.resolve("none.conf").toString(), "--backup"), output, errors));
        final Path badEngine = dir.resolve("bad.conf");
        Files.writeString(badEngine, Files.readString(config) + "engine.marketmaker.quoteQuantity = 10\n");
        assertEquals(ExitCodes.CONFIG, Main.run(new ReplayCommand(), List.of("--config", badEngine.toString(), "--member", "0"),
            output, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("key 'engine.marketmaker.quoteQuantity' is no longer read"),
            err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout for a replay that did not happen");
    }

    private Path writeConfig() throws IOException
    {
        final String engine = "cluster.hash.interval = 1\n" + ClusterStrategies.engineLines(dir,
            Files.readAllLines(Path.of("../../config/cluster-3.strategies.properties")).toArray(String[]::new));
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir.resolve("data") + "\n" + engine, "test")
            .withFreePorts(3).withFreeBackupPorts();
        final StringBuilder text = new StringBuilder();
        config.effectiveValues().forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        final Path file = dir.resolve("cluster.conf");
        Files.writeString(file, text.toString());
        return file;
    }

    private LocalCluster launch(final ClusterConfig config, final EngineSettings settings)
    {
        return LocalCluster.launch(config, (id) -> services[id] = FerrumClusteredService.create(
            settings::newEngine, config.ackInterval(), config.hashInterval()),
            ThreadLayout.none(), Throwable::printStackTrace, null);
    }

    /** Every member hashed at the same position and nothing new for half a second: that position. */
    private long awaitSettled() throws InterruptedException
    {
        final long[] settled = { -1 };
        await("every member applied everything", () ->
        {
            final long position = services[0].lastHashPosition();
            if (position <= 0 || position != services[1].lastHashPosition() ||
                position != services[2].lastHashPosition())
            {
                return false;
            }
            sleep(500);
            settled[0] = position;
            return position == services[0].lastHashPosition();
        });
        return settled[0];
    }

    private static List<JsonNode> verify(final Path configFile, final String... target) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<String> args = Stream.concat(Stream.of("--config", configFile.toString()), Stream.of(target)).toList();
        assertEquals(ExitCodes.OK, Main.run(new VerifyCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        final List<JsonNode> lines = new java.util.ArrayList<>();
        for (final String line : out.toString(StandardCharsets.UTF_8).trim().split("\n"))
        {
            lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
        }
        assertEquals("verify_summary", lines.get(lines.size() - 1).get("type").asText());
        return lines;
    }

    private static JsonNode replay(final Path configFile, final String... target) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<String> args = Stream.concat(Stream.of("--config", configFile.toString()), Stream.of(target)).toList();
        assertEquals(0, Main.run(new ReplayCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        final JsonNode summary = JsonSchemas.assertValid("engine_summary", out.toString(StandardCharsets.UTF_8).trim());
        assertEquals("replay_summary", summary.get("type").asText());
        assertTrue(summary.get("events").asLong() >= INPUTS / 2, summary.toString());
        return summary;
    }

    private static void publish(final InboundRing ring, final long from, final long to)
    {
        final TradeEncoder trade = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        for (long sequence = from; sequence <= to; sequence++)
        {
            final long slot = ring.claim(idle);
            trade.wrapAndApplyHeader(ring.buffer(slot), 0, header);
            trade.source().sourceId(SOURCE_ID).sequence(sequence)
                .eventTimeNs(1_700_000_000_000_000_000L + sequence).receiveTimeNs(1_700_000_000_000_000_000L + sequence);
            trade.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT")
                .priceExponent((byte)-8).sizeExponent((byte)-8)
                .tradeId(sequence).price(4_200_000_000_000L + sequence % 100 * 1_000_000L).quantity(100_000 + sequence % 7)
                .tradeTimeNs(1_700_000_000_000_000_000L + sequence).aggressor(0 == (sequence & 1) ? Side.BUY : Side.SELL);
            ring.commit(slot, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
    }

    /** Snapshot entries in a journal's recording log (read from a copy: opening it may write). */
    private long snapshotsIn(final Path journal)
    {
        try
        {
            final Path copy = Files.createTempDirectory(dir, "recording-log");
            Files.copy(journal.resolve("cluster").resolve(RecordingLog.RECORDING_LOG_FILE_NAME),
                copy.resolve(RecordingLog.RECORDING_LOG_FILE_NAME));
            try (RecordingLog log = new RecordingLog(copy.toFile(), false))
            {
                return log.entries().stream().filter((entry) -> RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type).count();
            }
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static String hex(final long hash)
    {
        return String.format("%016x", hash);
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
