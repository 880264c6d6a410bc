package io.ferrum.ops.backtest.journal;

import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.loader.StrategyManifest;
import io.ferrum.sequencer.journal.JournalException;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * Stands between a journal and the engine that replays it: at the log's {@code StrategyManifest}
 * (the live run's strategies: classes, jar checksums, parameters) it compares the strategies this
 * process loaded and refuses the replay, before any market data, when they differ; a replay of
 * other code would not reproduce the live run's decisions, only look as if it had.
 */
public final class ManifestCheck implements EngineInput
{
    private final EngineInput engine;
    private final StrategyManifest loaded;
    private boolean checked;

    public ManifestCheck(final EngineInput engine, final StrategyManifest loaded)
    {
        this.engine = engine;
        this.loaded = loaded;
    }

    /** @throws JournalException naming every difference between the journal's strategies and the loaded ones */
    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        if (StrategyManifest.isManifest(buffer, offset, length))
        {
            final StrategyManifest journaled;
            try
            {
                journaled = StrategyManifest.decode(buffer, offset, length);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new JournalException("the journal's StrategyManifest at log position " + logPosition +
                    " is unreadable: " + ex.getMessage(), ex);
            }
            final List<String> differences = journaled.differences(loaded);
            if (!differences.isEmpty())
            {
                throw new JournalException("refusing to replay: the strategies loaded here are not the ones the live" +
                    " run journaled (" + String.join("; ", differences) + "); put the live run's jars on" +
                    " FERRUM_CLASSPATH or --classpath");
            }
            checked = true;
        }
        engine.onInput(buffer, offset, length, logPosition, timestampNs);
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        engine.onTimer(timerId, timestampNs);
    }

    /** True once the journal's manifest was found and matched. */
    public boolean checked()
    {
        return checked;
    }
}
