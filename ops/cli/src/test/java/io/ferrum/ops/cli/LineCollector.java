package io.ferrum.ops.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An output stream that adds each line written to it to a list: a command's stdout read line by line while it runs. */
final class LineCollector extends OutputStream
{
    private final List<String> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineCollector(final List<String> lines)
    {
        this.lines = lines;
    }

    public void write(final int b)
    {
        if ('\n' == b)
        {
            lines.add(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        else
        {
            line.write(b);
        }
    }
}
