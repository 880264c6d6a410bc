package io.ferrum.ops.history;

import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.sequencer.journal.JournalReader;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** What a journal holds, counted straight from the log, independently of the writer: the tests' truth. */
final class JournalCounts implements EngineInput
{
    final long[] byTemplate = new long[128];
    final Set<Long> positions = new TreeSet<>();
    long inputs;
    long fills;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();

    static JournalCounts of(final Path journal)
    {
        final JournalCounts counts = new JournalCounts();
        JournalReader.open(journal).replay(counts);
        return counts;
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        inputs++;
        positions.add(logPosition);
        byTemplate[header.templateId()]++;
        if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
        {
            report.wrapAndApplyHeader(buffer, offset, header);
            if ((report.execType() == ExecType.FILL || report.execType() == ExecType.PARTIAL_FILL) &&
                report.lastQuantity() > 0)
            {
                fills++;
            }
        }
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
    }
}
