package io.ferrum.ops.backtest.parity;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.ops.backtest.journal.DecisionLog;
import io.ferrum.ops.backtest.journal.FinalPositions;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.backtest.journal.ManifestCheck;
import io.ferrum.sequencer.SourceKey;
import io.ferrum.sequencer.journal.JournalReader;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./ferrum backtest --journal DIR --parity}: drives a fresh engine, configured from the
 * journal's {@code demo.properties}, through every input of the live run's log, the venue's
 * execution reports included (the live responses, not a venue model), and compares each decision
 * it makes (NewOrder, CancelOrder, ReplaceOrder, RiskReject) with the live engine's, recorded in
 * the journal's {@link DecisionLog}: same bytes, at the same input of the log. The first
 * difference names that input (its count on the log, log position, and source and sequence
 * number, or timer id) and both decisions; a decision on one side only is a difference too.
 */
public final class ParityCheck implements EngineInput, EngineOutput
{
    private final List<DecisionLog.Decision> live;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private Engine engine;
    private int next;
    private long decisions;
    private Difference difference;
    private String input = "none";

    private ParityCheck(final List<DecisionLog.Decision> live)
    {
        this.live = live;
    }

    /**
     * @param journal a demo's journal directory (demo.properties, decisions.dat, member-0/)
     * @throws IllegalArgumentException             when the configuration or decision log is missing or corrupt
     * @throws io.ferrum.sequencer.journal.JournalException when the log is missing or corrupt
     */
    public static ParityResult run(final Path journal)
    {
        return run(journal, StrategyJars.resolve(null, System.getenv()));
    }

    /** As {@link #run(Path)} with the strategies' classes from Ferrum and {@code jars}. */
    public static ParityResult run(final Path journal, final StrategyJars jars)
    {
        final DemoEngineConfig config = DemoEngineConfig.read(journal, jars);
        final DecisionLog recorded = DecisionLog.read(journal);
        final ParityCheck check = new ParityCheck(recorded.decisions());
        check.engine = config.newEngine(check, JournalReader.REPLAY_TIMERS);
        final JournalReader.Summary summary = JournalReader.open(journal.resolve(DemoEngineConfig.MEMBER_DIR)).replay(new ManifestCheck(check, config.manifest()));
        check.finish();
        return new ParityResult(journal, summary.messages() + summary.timers(), summary.endPosition(),
            recorded.decisions().size(), check.decisions, recorded.complete(), recorded.lost(), check.difference,
            FinalPositions.json(check.engine), FinalPositions.read(journal));
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        missingBeforeNextInput();
        input = describe(buffer, offset, length, logPosition);
        engine.onInput(buffer, offset, length, logPosition, timestampNs);
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        missingBeforeNextInput();
        input = JsonOut.object().field("timer_id", timerId).toString();
        engine.onTimer(timerId, timestampNs);
    }

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!DecisionLog.isDecision(header.wrap(buffer, offset).templateId()))
        {
            return true;
        }
        decisions++;
        final long inputCount = engine.counters().get(EngineCounters.EVENTS);
        final byte[] replayed = new byte[length];
        buffer.getBytes(offset, replayed);
        if (difference != null)
        {
            return true;
        }
        final DecisionLog.Decision expected = next < live.size() ? live.get(next) : null;
        if (expected != null && expected.inputCount() < inputCount)
        {
            // a live decision of an earlier input that this replay did not make there
            difference = new Difference(expected.inputCount(), expected.logPosition(), "null",
                DecisionJson.format(expected.message()), null);
        }
        else if (expected == null || expected.inputCount() > inputCount)
        {
            difference = new Difference(inputCount, engine.logPosition(), input, null, DecisionJson.format(replayed));
        }
        else if (expected.inputCount() == inputCount && Arrays.equals(expected.message(), replayed))
        {
            next++;
        }
        else if (expected.inputCount() == inputCount)
        {
            difference = new Difference(inputCount, engine.logPosition(), input,
                DecisionJson.format(expected.message()), DecisionJson.format(replayed));
        }
        return true;
    }

    /**
     * Before the next input (and at the end): a live decision of an input already replayed that
     * the replay has not made is missing. Checked at every input, so it is found at its own input.
     */
    private void missingBeforeNextInput()
    {
        final long replayed = engine.counters().get(EngineCounters.EVENTS);
        if (difference == null && next < live.size() && live.get(next).inputCount() <= replayed)
        {
            final DecisionLog.Decision expected = live.get(next);
            difference = new Difference(expected.inputCount(), expected.logPosition(),
                expected.inputCount() == replayed ? input : "null", DecisionJson.format(expected.message()), null);
        }
    }

    private void finish()
    {
        missingBeforeNextInput();
    }

    private String describe(final DirectBuffer buffer, final int offset, final int length, final long logPosition)
    {
        final JsonOut out = JsonOut.object().field("log_position", logPosition);
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
        {
            out.field("template_id", header.wrap(buffer, offset).templateId());
        }
        if (SourceKey.hasKey(length) && hasSource(header.templateId()))
        {
            out.field("source_id", SourceKey.sourceId(buffer, offset)).field("sequence", SourceKey.sequence(buffer, offset));
        }
        return out.toString();
    }

    /** Market data, execution reports and admin commands start with the Source composite. */
    private static boolean hasSource(final int templateId)
    {
        return templateId < NewOrderDecoder.TEMPLATE_ID || templateId == ExecutionReportDecoder.TEMPLATE_ID ||
            (templateId >= SetTradingStateDecoder.TEMPLATE_ID && templateId <= SetRiskLimitDecoder.TEMPLATE_ID);
    }

    /**
     * The first input at which live and replay decided differently.
     *
     * @param inputCount  the input's count on the log (messages and timers, from 1)
     * @param logPosition the log position of the latest message input then
     * @param input       the input, as JSON: log position, template id, source id and sequence, or timer id
     * @param live        the live decision as JSON, or null when only the replay decided
     * @param replay      the replayed decision as JSON, or null when only the live engine decided
     */
    public record Difference(long inputCount, long logPosition, String input, String live, String replay)
    {
    }
}
