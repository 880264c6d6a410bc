package io.ferrum.ops.backtest.journal;

import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live engine's decisions, kept beside its journal as {@value #FILE_NAME} so that
 * {@code ./ferrum backtest --journal DIR --parity} can tell whether a replay decides the same.
 * The cluster log holds only the engine's inputs; its outputs (orders, cancels, replaces, risk
 * rejects) leave as egress and are not archived, so the demo records them as the engine makes them.
 * <p>
 * Format, little endian: a file header {@code int magic, int version}, then records
 * {@code int length, int type, long a, long b, byte[length]} padded to 8 bytes. A DECISION record
 * holds the engine's SBE output (message header first) with {@code a} the engine's input count
 * when it decided ({@code EngineCounters.EVENTS}: the n-th input, message or timer, of the log)
 * and {@code b} the log position of the latest message input. The END record (length 0), written
 * when the demo stops, holds in {@code a} the decisions lost to a full recording ring and in
 * {@code b} the number of DECISION records.
 */
public final class DecisionLog
{
    public static final String FILE_NAME = "decisions.dat";
    static final int MAGIC = 0x43454446; // "FDEC" little endian
    static final int VERSION = 1;
    static final int FILE_HEADER_LENGTH = 8;
    static final int RECORD_HEADER_LENGTH = 24;
    static final int DECISION = 1;
    static final int END = 2;

    private final List<Decision> decisions;
    private final boolean complete;
    private final long lost;

    private DecisionLog(final List<Decision> decisions, final boolean complete, final long lost)
    {
        this.decisions = decisions;
        this.complete = complete;
        this.lost = lost;
    }

    /** One engine decision: its SBE bytes and where in the log it was made. */
    public record Decision(long inputCount, long logPosition, byte[] message)
    {
        public int templateId()
        {
            return new MessageHeaderDecoder().wrap(new UnsafeBuffer(message), 0).templateId();
        }
    }

    /** Whether the engine output with this template is a decision (telemetry is not). */
    public static boolean isDecision(final int templateId)
    {
        return templateId == NewOrderDecoder.TEMPLATE_ID || templateId == CancelOrderDecoder.TEMPLATE_ID ||
            templateId == ReplaceOrderDecoder.TEMPLATE_ID || templateId == RiskRejectDecoder.TEMPLATE_ID;
    }

    /**
     * Reads {@value #FILE_NAME} of a journal directory.
     *
     * @throws IllegalArgumentException naming the file, the byte offset and the problem when it is
     *                                  missing, truncated or not a decision log
     */
    public static DecisionLog read(final Path journalDir)
    {
        final Path file = journalDir.resolve(FILE_NAME);
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException(journalDir + " has no " + FILE_NAME + ": the live engine's decisions were " +
                "not recorded (a demo journal written before decisions were journaled, or not a demo journal)");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage());
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (bytes.length < FILE_HEADER_LENGTH || buffer.getInt(0, ByteOrder.LITTLE_ENDIAN) != MAGIC)
        {
            throw corrupt(file, 0, "not a decision log");
        }
        if (buffer.getInt(4, ByteOrder.LITTLE_ENDIAN) != VERSION)
        {
            throw corrupt(file, 4, "version " + buffer.getInt(4, ByteOrder.LITTLE_ENDIAN) + ", expected " + VERSION);
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final List<Decision> decisions = new ArrayList<>();
        int offset = FILE_HEADER_LENGTH;
        while (offset < bytes.length)
        {
            if (offset + RECORD_HEADER_LENGTH > bytes.length)
            {
                throw corrupt(file, offset, "truncated record header");
            }
            final int length = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            final int type = buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
            final long a = buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
            final long b = buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
            if (type == END && length == 0)
            {
                if (offset + RECORD_HEADER_LENGTH != bytes.length)
                {
                    throw corrupt(file, offset, "data after the end record");
                }
                if (b != decisions.size())
                {
                    throw corrupt(file, offset, "the end record counts " + b + " decisions, the file holds " +
                        decisions.size());
                }
                return new DecisionLog(decisions, true, a);
            }
            final int aligned = BitUtil.align(RECORD_HEADER_LENGTH + Math.max(0, length), 8);
            if (type != DECISION || length < MessageHeaderDecoder.ENCODED_LENGTH || length > bytes.length - offset - RECORD_HEADER_LENGTH)
            {
                throw corrupt(file, offset, "record of type " + type + " and length " + length);
            }
            header.wrap(buffer, offset + RECORD_HEADER_LENGTH);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || !isDecision(header.templateId()))
            {
                throw corrupt(file, offset, "schema " + header.schemaId() + " template " + header.templateId() +
                    " is not an engine decision");
            }
            if (!decisions.isEmpty() && a < decisions.get(decisions.size() - 1).inputCount())
            {
                throw corrupt(file, offset, "input count " + a + " goes back from " +
                    decisions.get(decisions.size() - 1).inputCount());
            }
            final byte[] message = new byte[length];
            buffer.getBytes(offset + RECORD_HEADER_LENGTH, message);
            decisions.add(new Decision(a, b, message));
            offset += aligned;
        }
        return new DecisionLog(decisions, false, 0);
    }

    private static IllegalArgumentException corrupt(final Path file, final int offset, final String what)
    {
        return new IllegalArgumentException("corrupt decision log " + file + " at byte " + offset + ": " + what);
    }

    public List<Decision> decisions()
    {
        return decisions;
    }

    /** False when the demo did not stop cleanly: decisions made after the last write may be missing. */
    public boolean complete()
    {
        return complete;
    }

    /** Decisions the live engine made that a full recording ring could not take. */
    public long lost()
    {
        return lost;
    }
}
