package io.ferrum.ops.backtest.data;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads comma-separated lines from a stream into one reused byte array and splits them
 * into fields (no quoting: Binance's dumps never quote). Accepts \n and \r\n endings.
 */
final class CsvLineReader
{
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_FIELDS = 32;

    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkLength;
    private int chunkPosition;
    private byte[] line = new byte[1024];
    private final UnsafeBuffer lineBuffer = new UnsafeBuffer(line);
    private int lineLength;
    private final int[] fieldStart = new int[MAX_FIELDS];
    private final int[] fieldLength = new int[MAX_FIELDS];
    private int fields;
    private long lineNumber;

    CsvLineReader(final InputStream in)
    {
        this.in = in;
    }

    /**
     * @return false at the end of the stream
     * @throws IOException from the stream, or when a line is longer than 64 KiB
     */
    boolean nextLine() throws IOException
    {
        lineLength = 0;
        boolean any = false;
        while (true)
        {
            if (chunkPosition == chunkLength)
            {
                chunkLength = in.read(chunk);
                chunkPosition = 0;
                if (chunkLength <= 0)
                {
                    chunkLength = 0;
                    if (!any)
                    {
                        return false;
                    }
                    break;
                }
            }
            final byte b = chunk[chunkPosition++];
            any = true;
            if (b == '\n')
            {
                break;
            }
            if (lineLength == line.length)
            {
                if (lineLength >= MAX_LINE)
                {
                    throw new IOException("line longer than " + MAX_LINE + " bytes");
                }
                line = Arrays.copyOf(line, line.length * 2);
                lineBuffer.wrap(line);
            }
            line[lineLength++] = b;
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r')
        {
            lineLength--;
        }
        lineNumber++;
        split();
        return true;
    }

    private void split()
    {
        fields = 0;
        int start = 0;
        for (int i = 0; i <= lineLength; i++)
        {
            if (i == lineLength || line[i] == ',')
            {
                if (fields < MAX_FIELDS)
                {
                    fieldStart[fields] = start;
                    fieldLength[fields] = i - start;
                }
                fields++;
                start = i + 1;
            }
        }
    }

    long lineNumber()
    {
        return lineNumber;
    }

    boolean blank()
    {
        return lineLength == 0;
    }

    int fields()
    {
        return fields;
    }

    UnsafeBuffer buffer()
    {
        return lineBuffer;
    }

    int start(final int field)
    {
        return fieldStart[field];
    }

    int length(final int field)
    {
        return fieldLength[field];
    }

    String field(final int field)
    {
        return new String(line, fieldStart[field], fieldLength[field], java.nio.charset.StandardCharsets.US_ASCII);
    }

    String text()
    {
        return new String(line, 0, Math.min(lineLength, 120), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Whether the first field starts with a digit: data rows do, header lines do not. */
    boolean startsWithDigit()
    {
        return lineLength > 0 && line[0] >= '0' && line[0] <= '9';
    }
}
