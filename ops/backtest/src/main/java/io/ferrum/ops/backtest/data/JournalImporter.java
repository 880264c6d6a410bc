package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.TimerFiredDecoder;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalReader;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Imports the market inputs of a live or demo run's archived cluster log (read with the
 * {@link JournalReader} that {@code ./ferrum replay} uses) into the event store, in log order and
 * at log time, as one stream {@value #LOG}/{@value #LOG}: market data, feed status and admin
 * commands. The live venue's execution reports and the cluster's timer events are left out: in a
 * backtest the venue model answers the orders and the backtest's own timers fire.
 */
public final class JournalImporter
{
    /** The store's pseudo-symbol and stream name of an imported journal: one stream keeps log order. */
    public static final String LOG = "journal";

    private JournalImporter()
    {
    }

    /**
     * Replaces whatever journal the store held with {@code journalDir}'s.
     *
     * @return the number of events imported
     * @throws ImportException naming the journal and the problem when it is missing or corrupt
     */
    public static long importJournal(final Path journalDir, final EventStore store)
    {
        final Path memberDir = journalDir.resolve(DemoEngineConfig.MEMBER_DIR);
        final JournalReader reader;
        try
        {
            reader = JournalReader.open(memberDir);
        }
        catch (final JournalException ex)
        {
            throw new ImportException(journalDir, 0, ex.getMessage(), ex);
        }
        try
        {
            return importInputs(store, reader::replay);
        }
        catch (final JournalException ex)
        {
            throw new ImportException(journalDir, 0, ex.getMessage(), ex);
        }
    }

    /**
     * Replaces whatever journal the store held with the log inputs {@code source} hands, in log order,
     * to the input it is given: a journal's (above) or the history database's ({@code ./ferrum
     * backtest --pg}). The same inputs are kept either way, at log time.
     *
     * @return the number of events imported
     */
    public static long importInputs(final EventStore store, final Consumer<EngineInput> source)
    {
        deleteDays(store.root().resolve(LOG).resolve(LOG));
        final EventStoreWriter out = new EventStoreWriter(store, LOG);
        try
        {
            source.accept(new MarketInputs(out));
            out.close();
            return out.records();
        }
        catch (final RuntimeException ex)
        {
            out.abort();
            throw ex;
        }
    }

    private static void deleteDays(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> days = files.filter(p -> p.getFileName().toString().endsWith(EventFile.SUFFIX)).toList();
            for (final Path day : days)
            {
                Files.delete(day);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot clear the previous journal import in " + dir, ex);
        }
    }

    private static final class MarketInputs implements EngineInput
    {
        private final EventStoreWriter out;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private long lastTimeNs = Long.MIN_VALUE;

        MarketInputs(final EventStoreWriter out)
        {
            this.out = out;
        }

        public void onInput(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH ||
                header.wrap(buffer, offset).schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                return; // not a Ferrum message: the engine would only count it
            }
            final int templateId = header.templateId();
            if (templateId == ExecutionReportDecoder.TEMPLATE_ID || templateId == TimerFiredDecoder.TEMPLATE_ID)
            {
                return;
            }
            // the log's order is the truth: a cluster clock step back keeps the event in place
            lastTimeNs = Math.max(lastTimeNs, timestampNs);
            out.append(LOG, buffer, offset, length, lastTimeNs);
        }

        public void onTimer(final long timerId, final long timestampNs)
        {
        }
    }
}
