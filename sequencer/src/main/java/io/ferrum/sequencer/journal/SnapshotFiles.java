package io.ferrum.sequencer.journal;

import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.ferrum.engine.api.EngineState;
import io.ferrum.sequencer.cluster.SnapshotLoader;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's latest snapshot read from a journal's files, without a running archive: what a
 * replay of a backup that started mid-life begins from (its log starts after the snapshot).
 * <p>
 * A service snapshot recording holds Aeron's own part first (its begin and end markers and the
 * client sessions, in the cluster codecs' schema) and then the engine's ({@link SnapshotLoader}'s
 * messages); Aeron's part carries no engine state and is skipped.
 */
public final class SnapshotFiles
{
    private SnapshotFiles()
    {
    }

    /**
     * Restores {@code state} from the latest engine snapshot in {@code journalDir}'s recording log.
     *
     * @return the log position the snapshot was taken at
     * @throws JournalException when the journal lists no engine snapshot, or its files are missing or damaged
     */
    public static long restoreLatest(final Path journalDir, final EngineState state)
    {
        final Path recordingLogFile = journalDir.resolve("cluster").resolve(RecordingLog.RECORDING_LOG_FILE_NAME);
        final long[] snapshot = JournalReader.readRecordingLog(recordingLogFile, (recordingLog) ->
        {
            final RecordingLog.Entry entry = recordingLog.getLatestSnapshot(ClusteredServiceContainer.Configuration.SERVICE_ID_DEFAULT);
            return null == entry ? null : new long[] { entry.recordingId, entry.logPosition };
        });
        if (null == snapshot)
        {
            throw new JournalException(recordingLogFile + " lists no engine snapshot");
        }
        final TreeMap<Long, Path> segments = JournalReader.findSegments(journalDir.resolve("archive"), snapshot[0]);
        if (segments.isEmpty())
        {
            throw new JournalException("snapshot recording " + snapshot[0] + " has no segment file in " +
                journalDir.resolve("archive"));
        }
        final SnapshotLoader loader = new SnapshotLoader();
        final Messages messages = new Messages(loader);
        for (final Map.Entry<Long, Path> segment : segments.entrySet())
        {
            final Path file = segment.getValue();
            final MappedByteBuffer mapped = JournalReader.map(file, JournalReader.size(file));
            try
            {
                if (!messages.read(new UnsafeBuffer(mapped), file))
                {
                    break;
                }
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
        }
        try
        {
            loader.restore(state);
        }
        catch (final IllegalStateException ex)
        {
            throw JournalException.corrupt("snapshot recording " + snapshot[0] + " in " + journalDir + ": " +
                ex.getMessage());
        }
        return snapshot[1];
    }

    /** Walks a recording's frames, reassembles fragmented messages and hands the engine's to the loader. */
    private static final class Messages
    {
        private final SnapshotLoader loader;
        private final MessageHeaderDecoder aeronHeader = new MessageHeaderDecoder();
        private final ExpandableArrayBuffer assembly = new ExpandableArrayBuffer(64 * 1024);
        private int assembled = -1;

        Messages(final SnapshotLoader loader)
        {
            this.loader = loader;
        }

        /** @return false at the recording's written end (a zero frame length) */
        boolean read(final UnsafeBuffer buffer, final Path file)
        {
            int offset = 0;
            while (offset + DataHeaderFlyweight.HEADER_LENGTH <= buffer.capacity())
            {
                final int frameLength = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
                if (0 == frameLength)
                {
                    return false;
                }
                if (frameLength < DataHeaderFlyweight.HEADER_LENGTH || frameLength > buffer.capacity() - offset)
                {
                    throw JournalException.corrupt(file + ": frame length " + frameLength + " at offset " + offset);
                }
                final int type = buffer.getShort(offset + FrameDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                if (DataHeaderFlyweight.HDR_TYPE_DATA == type)
                {
                    onFrame(buffer, offset, frameLength);
                }
                offset += BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
            }
            return true;
        }

        private void onFrame(final UnsafeBuffer buffer, final int offset, final int frameLength)
        {
            final byte flags = buffer.getByte(offset + FrameDescriptor.FLAGS_OFFSET);
            final int dataOffset = offset + DataHeaderFlyweight.HEADER_LENGTH;
            final int dataLength = frameLength - DataHeaderFlyweight.HEADER_LENGTH;
            if (FrameDescriptor.UNFRAGMENTED == (flags & FrameDescriptor.UNFRAGMENTED))
            {
                onMessage(buffer, dataOffset, dataLength);
            }
            else if (0 != (flags & FrameDescriptor.BEGIN_FRAG_FLAG))
            {
                assembly.putBytes(0, buffer, dataOffset, dataLength);
                assembled = dataLength;
            }
            else if (assembled >= 0)
            {
                assembly.putBytes(assembled, buffer, dataOffset, dataLength);
                assembled += dataLength;
                if (0 != (flags & FrameDescriptor.END_FRAG_FLAG))
                {
                    onMessage(assembly, 0, assembled);
                    assembled = -1;
                }
            }
        }

        private void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            if (length >= MessageHeaderDecoder.ENCODED_LENGTH &&
                MessageHeaderDecoder.SCHEMA_ID == aeronHeader.wrap(buffer, offset).schemaId())
            {
                return; // Aeron's markers and client sessions
            }
            loader.onFragment(buffer, offset, length, null);
        }
    }
}
