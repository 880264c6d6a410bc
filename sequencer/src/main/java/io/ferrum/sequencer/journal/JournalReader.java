package io.ferrum.sequencer.journal;

import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.codecs.SessionCloseEventDecoder;
import io.aeron.cluster.codecs.SessionMessageHeaderDecoder;
import io.aeron.cluster.codecs.SessionOpenEventDecoder;
import io.aeron.cluster.codecs.TimerEventDecoder;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.sequencer.cluster.AdminAuthenticator;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replays a finished run's cluster log from a member's directory, read-only and without
 * any running Aeron: the recording log ({@code cluster/recording.log}) names the recording
 * that holds the log, and that recording's segment files ({@code archive/<id>-<base>.rec})
 * hold the log's frames exactly as the archive wrote them. Each client message (the Ferrum
 * SBE payload after the cluster's session header) and each timer event goes to an
 * {@link EngineInput} with the log position and cluster time the live service saw, so a
 * fresh engine ends with the live engine's state hash.
 * <p>
 * Nothing in the directory is written: the recording log is read from a private copy and
 * the segments are mapped read-only.
 */
public final class JournalReader
{
    /**
     * The timers a replayed engine arms: accepted and forgotten, because the log already
     * holds every timer event that fired in the live run, at its position.
     */
    public static final TimerScheduler REPLAY_TIMERS = new TimerScheduler()
    {
        public boolean schedule(final long timerId, final long deadlineNs)
        {
            return true;
        }

        public boolean cancel(final long timerId)
        {
            return true;
        }
    };

    /** Where a replayed engine's outputs go: nowhere, the live run already sent them. */
    public static final EngineOutput DISCARD_OUTPUT = (buffer, offset, length) -> true;

    /** Reads the log for its frames alone (a check that it reads end to end, its length): every input dropped. */
    public static final EngineInput DISCARD_INPUT = new EngineInput()
    {
        public void onInput(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
        }

        public void onTimer(final long timerId, final long timestampNs)
        {
        }
    };

    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d+)-(\\d+)\\.rec");

    private final long recordingId;
    private final long startPosition;
    private final TreeMap<Long, Path> segments;

    private JournalReader(
        final long recordingId, final long startPosition, final TreeMap<Long, Path> segments)
    {
        this.recordingId = recordingId;
        this.startPosition = startPosition;
        this.segments = segments;
    }

    /**
     * @param journalDir a member's directory ({@code cluster.dir/member-N}) holding
     *                   {@code cluster/} and {@code archive/}
     * @throws JournalException when it is missing or not a cluster member's journal
     */
    public static JournalReader open(final Path journalDir)
    {
        if (!Files.isDirectory(journalDir))
        {
            throw new JournalException("journal directory " + journalDir + " does not exist");
        }
        final Path recordingLogFile = journalDir.resolve("cluster").resolve(RecordingLog.RECORDING_LOG_FILE_NAME);
        final Path archiveDir = journalDir.resolve("archive");
        if (!Files.isRegularFile(recordingLogFile) || !Files.isDirectory(archiveDir))
        {
            throw new JournalException(journalDir + " is not a cluster member's journal: expected cluster/" +
                RecordingLog.RECORDING_LOG_FILE_NAME + " and archive/ in it");
        }

        final long[] log = readLogRecording(recordingLogFile);
        final long recordingId = log[0];
        final TreeMap<Long, Path> segments = findSegments(archiveDir, recordingId);
        if (segments.isEmpty() || segments.firstKey() > log[1])
        {
            throw new JournalException("log recording " + recordingId + " has no segment file at position " +
                log[1] + " in " + archiveDir);
        }
        return new JournalReader(recordingId, log[1], segments);
    }

    public long recordingId()
    {
        return recordingId;
    }

    /**
     * Where this journal's log starts: 0 for a member, later for a backup that began after a leader
     * change (Aeron's ClusterBackup keeps only the leadership terms after its latest snapshot in its
     * recording log). A log that does not start at 0 replays correctly only onto that snapshot.
     */
    public long startPosition()
    {
        return startPosition;
    }

    /**
     * Hands every ingress message and timer event of the log to {@code input}, in log order.
     *
     * @return what was replayed
     * @throws JournalException at the first frame that is not a valid log frame
     */
    public Summary replay(final EngineInput input)
    {
        return replay(input, Long.MAX_VALUE);
    }

    /**
     * Hands every ingress message and timer event of the log up to {@code limitPosition} to
     * {@code input}, in log order: no frame ending after the limit is read, so a log still being
     * written is read only where it is known complete (a commit or recorded position).
     *
     * @param limitPosition the log position not to read past ({@link Long#MAX_VALUE}: the whole log)
     * @return what was replayed
     * @throws JournalException at the first frame that is not a valid log frame, or when the whole
     *                          log ends inside a fragmented message
     */
    public Summary replay(final EngineInput input, final long limitPosition)
    {
        final Cursor cursor = new Cursor(input);
        final Summary summary = replay(cursor, limitPosition);
        if (Long.MAX_VALUE == limitPosition && cursor.replayer.fragmentPending())
        {
            throw new JournalException("log ends inside a fragmented message at position " + summary.endPosition());
        }
        return summary;
    }

    /**
     * As {@link #replay(EngineInput, long)}, from {@code fromPosition} on: the log after a snapshot
     * taken there, onto an engine restored from it ({@link SnapshotFiles#restoreLatest}).
     */
    public Summary replayFrom(final EngineInput input, final long fromPosition, final long limitPosition)
    {
        if (fromPosition < startPosition)
        {
            throw new JournalException("the log starts at " + startPosition + ", after position " + fromPosition);
        }
        final Cursor cursor = new Cursor(input);
        cursor.restart(recordingId, fromPosition);
        return replay(cursor, limitPosition);
    }

    /**
     * Reads on from where {@code cursor} stopped, up to {@code limitPosition}: only frames that
     * end at or before it are read (a frame past it may still be being written). A cursor that
     * followed another recording (the log was recorded afresh) starts again at this log's start.
     *
     * @return what this call read, from the cursor's position before it to its position after
     * @throws JournalException at the first frame that is not a valid log frame; the cursor stays
     *                          before it, with everything before it delivered
     */
    public Summary replay(final Cursor cursor, final long limitPosition)
    {
        if (cursor.recordingId != recordingId)
        {
            cursor.restart(recordingId, startPosition);
        }
        final Replayer replayer = cursor.replayer;
        final long fromPosition = cursor.position;
        final long messagesBefore = replayer.messages;
        final long timersBefore = replayer.timers;

        for (final var entry : segments.entrySet())
        {
            final long base = entry.getKey();
            final Path file = entry.getValue();
            final long size = size(file);
            if (base + size <= cursor.position)
            {
                continue;
            }
            if (base > cursor.position)
            {
                throw JournalException.corrupt("segment missing: the log reaches position " + cursor.position +
                    " but the next segment file is " + file);
            }

            final MappedByteBuffer mapped = map(file, size);
            try
            {
                replayer.replaySegment(new UnsafeBuffer(mapped), base, cursor, limitPosition, file);
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
            if (cursor.position < base + size)
            {
                break;
            }
        }

        return new Summary(recordingId, fromPosition, cursor.position,
            replayer.messages - messagesBefore, replayer.timers - timersBefore);
    }

    /**
     * @return {recordingId, startPosition} of the cluster log
     */
    private static long[] readLogRecording(final Path recordingLogFile)
    {
        return readRecordingLog(recordingLogFile, (recordingLog) ->
        {
            final long recordingId = recordingLog.findLastTermRecordingId();
            if (-1 == recordingId)
            {
                throw new JournalException(recordingLogFile + " names no log recording: the cluster never started a term");
            }
            long startPosition = Long.MAX_VALUE;
            for (final RecordingLog.Entry entry : recordingLog.entries())
            {
                if (RecordingLog.ENTRY_TYPE_TERM == entry.type && entry.recordingId == recordingId)
                {
                    startPosition = Math.min(startPosition, entry.termBaseLogPosition);
                }
            }
            return new long[] { recordingId, startPosition };
        });
    }

    /**
     * Reads a recording log without touching it: Aeron's reader may rewrite the file it opens
     * (a member or a backup may be writing it right now), so it reads a copy.
     */
    static <T> T readRecordingLog(final Path recordingLogFile, final Function<RecordingLog, T> reader)
    {
        Path copy = null;
        try
        {
            copy = Files.createTempDirectory("ferrum-journal-");
            Files.copy(recordingLogFile, copy.resolve(RecordingLog.RECORDING_LOG_FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
            try (RecordingLog recordingLog = new RecordingLog(copy.toFile(), false))
            {
                return reader.apply(recordingLog);
            }
        }
        catch (final JournalException ex)
        {
            throw ex;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new JournalException("cannot read " + recordingLogFile + ": " + ex, ex);
        }
        finally
        {
            if (null != copy)
            {
                IoUtil.delete(copy.toFile(), true);
            }
        }
    }

    static TreeMap<Long, Path> findSegments(final Path archiveDir, final long recordingId)
    {
        final TreeMap<Long, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(archiveDir))
        {
            files.forEach((file) ->
            {
                final Matcher matcher = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (matcher.matches() && Long.parseLong(matcher.group(1)) == recordingId)
                {
                    segments.put(Long.parseLong(matcher.group(2)), file);
                }
            });
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new JournalException("cannot list " + archiveDir + ": " + ex, ex);
        }
        return segments;
    }

    static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read " + file + ": " + ex, ex);
        }
    }

    static MappedByteBuffer map(final Path file, final long size)
    {
        if (size > Integer.MAX_VALUE)
        {
            throw new JournalException(file + " is larger than a segment can be: " + size);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot map " + file + ": " + ex, ex);
        }
    }

    /**
     * An input that wants the log position of timer events too ({@link EngineInput#onTimer}
     * has none): told just before each {@code onTimer}.
     */
    public interface TimerPositions
    {
        void beforeTimer(long logPosition);
    }

    /**
     * Where a reader following a log is: the position of the next frame to read and what the
     * frames before it left pending (the first fragments of a message, the sessions
     * authenticated as admin). Kept across {@link #open}s, so that each look at a growing log
     * reads only what is new. Bound to one input; used by one thread.
     */
    public static final class Cursor
    {
        private final EngineInput input;
        private Replayer replayer;
        private long recordingId = Long.MIN_VALUE;
        private long position;

        public Cursor(final EngineInput input)
        {
            this.input = input;
            this.replayer = new Replayer(input);
        }

        /** The log position up to which the log was read (-1 before the first read). */
        public long position()
        {
            return Long.MIN_VALUE == recordingId ? -1 : position;
        }

        private void restart(final long recordingId, final long startPosition)
        {
            if (Long.MIN_VALUE != this.recordingId)
            {
                replayer = new Replayer(input);
            }
            this.recordingId = recordingId;
            this.position = startPosition;
        }
    }

    /**
     * What a replay read: the log from {@code startPosition} to {@code endPosition}, holding
     * {@code messages} client messages and {@code timers} timer events.
     */
    public record Summary(long recordingId, long startPosition, long endPosition, long messages, long timers)
    {
    }

    /**
     * Walks frames, reassembles fragments and decodes the cluster's log messages.
     */
    private static final class Replayer
    {
        private final EngineInput input;
        private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        private final SessionMessageHeaderDecoder sessionHeader = new SessionMessageHeaderDecoder();
        private final TimerEventDecoder timerEvent = new TimerEventDecoder();
        private final SessionOpenEventDecoder sessionOpen = new SessionOpenEventDecoder();
        private final SessionCloseEventDecoder sessionClose = new SessionCloseEventDecoder();
        private final byte[] principal = new byte[AdminAuthenticator.ADMIN_PRINCIPAL.length];
        private final LongHashSet adminSessions = new LongHashSet();
        private final ExpandableArrayBuffer assembly = new ExpandableArrayBuffer(4096);
        private int assembled = -1;
        private long messages;
        private long timers;

        Replayer(final EngineInput input)
        {
            this.input = input;
        }

        boolean fragmentPending()
        {
            return assembled >= 0;
        }

        /**
         * Reads the frames of one segment from the cursor's position, moving the cursor past each
         * frame once it is handled, until the segment's written end, a frame that would end past
         * {@code limit}, or the end of the segment.
         */
        void replaySegment(
            final UnsafeBuffer buffer, final long base, final Cursor cursor, final long limit, final Path file)
        {
            final int capacity = buffer.capacity();
            int offset = (int)(cursor.position - base);
            while (offset + DataHeaderFlyweight.HEADER_LENGTH <= capacity)
            {
                final int frameLength = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
                if (0 == frameLength)
                {
                    return;
                }
                final long position = base + offset;
                if (frameLength < DataHeaderFlyweight.HEADER_LENGTH || frameLength > capacity - offset)
                {
                    throw corrupt(file, position, "frame length " + frameLength);
                }
                final int alignedLength = BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
                if (position + alignedLength > limit)
                {
                    return;
                }
                final int type = buffer.getShort(offset + FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                if (DataHeaderFlyweight.HDR_TYPE_DATA == type)
                {
                    onFrame(buffer, offset, frameLength, position + alignedLength, file);
                }
                else if (DataHeaderFlyweight.HDR_TYPE_PAD != type)
                {
                    throw corrupt(file, position, "frame type " + type);
                }
                offset += alignedLength;
                cursor.position = base + offset;
            }
        }

        private void onFrame(
            final UnsafeBuffer buffer, final int offset, final int frameLength, final long positionAfter, final Path file)
        {
            final byte flags = buffer.getByte(offset + FrameDescriptor.FLAGS_OFFSET);
            final int dataOffset = offset + DataHeaderFlyweight.HEADER_LENGTH;
            final int dataLength = frameLength - DataHeaderFlyweight.HEADER_LENGTH;

            if (FrameDescriptor.UNFRAGMENTED == (flags & FrameDescriptor.UNFRAGMENTED))
            {
                if (assembled >= 0)
                {
                    throw corrupt(file, positionAfter, "unfragmented frame inside a fragmented message");
                }
                onMessage(buffer, dataOffset, dataLength, positionAfter, file);
            }
            else if (0 != (flags & FrameDescriptor.BEGIN_FRAG_FLAG))
            {
                assembly.putBytes(0, buffer, dataOffset, dataLength);
                assembled = dataLength;
            }
            else
            {
                if (assembled < 0)
                {
                    throw corrupt(file, positionAfter, "fragment without its beginning");
                }
                assembly.putBytes(assembled, buffer, dataOffset, dataLength);
                assembled += dataLength;
                if (0 != (flags & FrameDescriptor.END_FRAG_FLAG))
                {
                    final int length = assembled;
                    assembled = -1;
                    onMessage(assembly, 0, length, positionAfter, file);
                }
            }
        }

        private void onMessage(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final Path file)
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                throw corrupt(file, logPosition, "message of " + length + " bytes");
            }
            headerDecoder.wrap(buffer, offset);
            if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
            {
                throw corrupt(file, logPosition, "not a cluster log message: schema " + headerDecoder.schemaId());
            }
            switch (headerDecoder.templateId())
            {
                case SessionMessageHeaderDecoder.TEMPLATE_ID:
                    if (length < AeronCluster.SESSION_HEADER_LENGTH)
                    {
                        throw corrupt(file, logPosition, "session message of " + length + " bytes");
                    }
                    sessionHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                        headerDecoder.blockLength(), headerDecoder.version());
                    messages++;
                    // As the live service does: admin commands count only from a session authenticated as admin.
                    if (AdminAuthenticator.isAdminTemplate(buffer, offset + AeronCluster.SESSION_HEADER_LENGTH,
                        length - AeronCluster.SESSION_HEADER_LENGTH) &&
                        !adminSessions.contains(sessionHeader.clusterSessionId()))
                    {
                        break;
                    }
                    input.onInput(buffer, offset + AeronCluster.SESSION_HEADER_LENGTH,
                        length - AeronCluster.SESSION_HEADER_LENGTH, logPosition, sessionHeader.timestamp());
                    break;

                case SessionOpenEventDecoder.TEMPLATE_ID:
                    sessionOpen.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                        headerDecoder.blockLength(), headerDecoder.version());
                    sessionOpen.skipResponseChannel();
                    if (sessionOpen.encodedPrincipalLength() == principal.length &&
                        sessionOpen.getEncodedPrincipal(principal, 0, principal.length) == principal.length &&
                        Arrays.equals(principal, AdminAuthenticator.ADMIN_PRINCIPAL))
                    {
                        adminSessions.add(sessionOpen.clusterSessionId());
                    }
                    break;

                case SessionCloseEventDecoder.TEMPLATE_ID:
                    sessionClose.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                        headerDecoder.blockLength(), headerDecoder.version());
                    adminSessions.remove(sessionClose.clusterSessionId());
                    break;

                case TimerEventDecoder.TEMPLATE_ID:
                    timerEvent.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                        headerDecoder.blockLength(), headerDecoder.version());
                    timers++;
                    if (input instanceof TimerPositions positions)
                    {
                        positions.beforeTimer(logPosition);
                    }
                    input.onTimer(timerEvent.correlationId(), timerEvent.timestamp());
                    break;

                default:
                    break; // leadership terms, cluster actions: not engine inputs
            }
        }

        private static JournalException corrupt(final Path file, final long position, final String what)
        {
            return JournalException.corrupt("corrupt journal " + file + " at log position " + position + ": " + what);
        }
    }
}
