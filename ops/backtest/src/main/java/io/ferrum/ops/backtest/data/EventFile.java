package io.ferrum.ops.backtest.data;

/**
 * Layout of an event file: a 64-byte header, then records of
 * {@code [int length][int templateId][long timestampNs][SBE message, header first]}
 * padded to 8 bytes, little-endian. The header is written last, so a file whose writer
 * died has {@link #DATA_LENGTH_OFFSET} not matching its size and is refused, never read
 * half.
 *
 * <pre>
 *  0 long  magic "FRMEVT01"
 *  8 int   SBE schema id       12 int SBE schema version
 * 16 long  record count
 * 24 long  first timestampNs   32 long last timestampNs
 * 40 long  data length (bytes after the header)
 * 48 16 bytes symbol (ASCII, zero padded)
 * </pre>
 */
public final class EventFile
{
    public static final long MAGIC = 0x3130_5456_454D_5246L; // "FRMEVT01" little-endian
    public static final int HEADER_LENGTH = 64;
    public static final int SCHEMA_ID_OFFSET = 8;
    public static final int SCHEMA_VERSION_OFFSET = 12;
    public static final int RECORD_COUNT_OFFSET = 16;
    public static final int FIRST_TIME_OFFSET = 24;
    public static final int LAST_TIME_OFFSET = 32;
    public static final int DATA_LENGTH_OFFSET = 40;
    public static final int SYMBOL_OFFSET = 48;
    public static final int SYMBOL_LENGTH = 16;

    public static final int RECORD_HEADER_LENGTH = 16;
    public static final int RECORD_TEMPLATE_OFFSET = 4;
    public static final int RECORD_TIME_OFFSET = 8;
    public static final int ALIGNMENT = 8;

    /** File name suffix: one file per symbol per day, {@code SYMBOL/yyyy-MM-dd.fev}. */
    public static final String SUFFIX = ".fev";

    private EventFile()
    {
    }

    public static int alignedRecordLength(final int messageLength)
    {
        return (RECORD_HEADER_LENGTH + messageLength + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
