package io.ferrum.sequencer.replica;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads the counters of a media driver in another process from its CnC file, read-only and
 * mapped for one look only, so that a driver that restarted (and made a new file) is read
 * afresh next time; nothing is written and no Aeron client is started.
 */
public final class CncCounters
{
    private CncCounters()
    {
    }

    /**
     * @param aeronDir the driver's directory (where {@code cnc.dat} is)
     * @param reader   reads what it needs while the file is mapped; its result is returned
     * @return false when there is no ready CnC file or its driver has stopped heartbeating (it is
     *         starting, stopped, killed or gone), else what {@code reader} returned
     */
    public static boolean read(final File aeronDir, final Predicate<CountersReader> reader)
    {
        try (Mapping mapping = Mapping.map(aeronDir))
        {
            return null != mapping && reader.test(mapping.counters());
        }
    }

    /**
     * A live driver's CnC file mapped read-only, for a reader that looks often (a journal follower
     * reading the commit position every poll): mapping the file and scanning every counter on each
     * look cost the analytics thread 9 % of the CPU samples of {@code bench latency}. Keep it while
     * {@link #isDriverAlive()}; close it and map again once it is not (a restarted driver makes a new
     * file). One reader thread.
     */
    public static final class Mapping implements AutoCloseable
    {
        private final MappedByteBuffer mapped;
        private final UnsafeBuffer meta;
        private final CountersReader counters;

        private Mapping(final MappedByteBuffer mapped, final UnsafeBuffer meta)
        {
            this.mapped = mapped;
            this.meta = meta;
            this.counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta),
                CncFileDescriptor.createCountersValuesBuffer(mapped, meta));
        }

        /**
         * @return the mapping, or null when there is no ready CnC file or its driver has stopped
         *         heartbeating (it is starting, stopped, killed or gone)
         */
        public static Mapping map(final File aeronDir)
        {
            final File cnc = new File(aeronDir, CncFileDescriptor.CNC_FILE);
            if (!cnc.isFile() || cnc.length() < CncFileDescriptor.END_OF_METADATA_OFFSET)
            {
                return null;
            }
            MappedByteBuffer mapped = null;
            try
            {
                mapped = IoUtil.mapExistingFile(cnc, FileChannel.MapMode.READ_ONLY, "cnc");
                final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
                if (CncFileDescriptor.CNC_VERSION == meta.getIntVolatile(CncFileDescriptor.cncVersionOffset(0)) &&
                    CncFileDescriptor.isCncFileLengthSufficient(meta, mapped.capacity()) && heartbeatFresh(mapped, meta))
                {
                    final Mapping mapping = new Mapping(mapped, meta);
                    mapped = null;
                    return mapping;
                }
                return null;
            }
            catch (final Exception ex)
            {
                // A driver starting or stopping right now (Agrona rethrows the file's disappearance as an
                // unchecked FileNotFoundException): the caller tries again later.
                return null;
            }
            finally
            {
                if (null != mapped)
                {
                    IoUtil.unmap(mapped);
                }
            }
        }

        public CountersReader counters()
        {
            return counters;
        }

        /** The process id of the driver that made the file: tells a restarted member's driver from its predecessor's. */
        public long driverPid()
        {
            return CncFileDescriptor.pid(meta);
        }

        public boolean isDriverAlive()
        {
            return heartbeatFresh(mapped, meta);
        }

        public void close()
        {
            IoUtil.unmap(mapped);
        }
    }

    /**
     * A SIGKILLed driver leaves its CnC file behind with the counters as they were (a dead leader
     * would still read LEADER): only a driver whose conductor heartbeat is within the clients'
     * liveness timeout counts as running, as Aeron's own clients decide.
     */
    private static boolean heartbeatFresh(final MappedByteBuffer mapped, final UnsafeBuffer meta)
    {
        final long heartbeatMs =
            new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(mapped, meta)).consumerHeartbeatTime();
        final long timeoutMs = TimeUnit.NANOSECONDS.toMillis(CncFileDescriptor.clientLivenessTimeoutNs(meta));
        return System.currentTimeMillis() - heartbeatMs <= timeoutMs;
    }

    /** The value of the first counter of {@code typeId}, or {@code missing} when there is none. */
    public static long valueOf(final CountersReader counters, final int typeId, final long missing)
    {
        final int counterId = counterId(counters, typeId);
        return CountersReader.NULL_COUNTER_ID == counterId ? missing : counters.getCounterValue(counterId);
    }

    /** The id of the first counter of {@code typeId}, or {@link CountersReader#NULL_COUNTER_ID}. */
    public static int counterId(final CountersReader counters, final int typeId)
    {
        final int[] found = { CountersReader.NULL_COUNTER_ID };
        counters.forEach((counterId, type, key, label) ->
        {
            if (CountersReader.NULL_COUNTER_ID == found[0] && type == typeId)
            {
                found[0] = counterId;
            }
        });
        return found[0];
    }
}
