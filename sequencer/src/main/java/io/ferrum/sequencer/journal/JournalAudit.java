package io.ferrum.sequencer.journal;

import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.sequencer.SourceKey;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runbook's checks of a committed log, read once from the start: every source's sequence
 * once and in order, and every client order id answered once by the venue.
 * <p>
 * Sequences: a re-send after a leader change (a sequence at or below the source's last) is
 * expected and counted; the engine drops it. A sequence more than one above the last is a gap
 * (an input lost) unless it is a restart: a restarted gateway starts its sequence at its start
 * time in epoch nanoseconds ({@code SourceSequence}), a jump of more than
 * {@link #RESTART_JUMP} that no loss within one run can produce.
 * <p>
 * The engine's audit records (RiskDecision) number their sequence from the log position of
 * the input that caused them, so for them only the order is checked, not the gaps.
 * <p>
 * Orders: the venue's first answer to an order is an execution report of type NEW or
 * REJECTED; a second one for the same client order id means the venue took the order twice.
 * An order the venue answered should have its accepted risk decision on the log too: the order
 * gateway puts the engine's decision there when it sends the order (its place relative to the
 * answer is not fixed, so this is counted at the end: {@link #ordersWithoutDecision()}). It is
 * counted, not a problem: the decision is an egress output, and one the old leader decided but
 * never delivered before it died is re-sent as an order by reconciliation, not as a decision;
 * the replay of the log derives it again, exactly.
 */
public final class JournalAudit implements EngineInput
{
    /** A jump in one source's sequence larger than this is a restart of its publisher, not a loss. */
    public static final long RESTART_JUMP = 1_000_000_000L;
    /** Problems kept for the report; more are counted, not listed. */
    public static final int MAX_LISTED = 20;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final RiskDecisionDecoder decision = new RiskDecisionDecoder();
    private final java.util.Set<Long> accepted = new java.util.HashSet<>();
    private final Map<Integer, SourceStats> sources = new TreeMap<>();
    private final Map<Long, Integer> answers = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private long messages;

    /** What the audit saw of one source. */
    public static final class SourceStats
    {
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        long accepted;
        long resent;
        long restarts;
        long missing;

        public long first()
        {
            return first;
        }

        public long last()
        {
            return last;
        }

        public long accepted()
        {
            return accepted;
        }

        /** Re-sends after a leader change: already applied, dropped by the engine. */
        public long resent()
        {
            return resent;
        }

        public long restarts()
        {
            return restarts;
        }

        /** Sequences never seen between two accepted ones of the same run. */
        public long missing()
        {
            return missing;
        }
    }

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        messages++;
        if (!SourceKey.hasKey(length) || MessageHeaderDecoder.SCHEMA_ID != header.wrap(buffer, offset).schemaId())
        {
            return;
        }
        final int sourceId = SourceKey.sourceId(buffer, offset);
        final long sequence = SourceKey.sequence(buffer, offset);
        final SourceStats stats = sources.computeIfAbsent(sourceId, (id) -> new SourceStats());
        if (Long.MIN_VALUE != stats.last && sequence <= stats.last)
        {
            stats.resent++;
            return;
        }
        final boolean auditRecord = RiskDecisionDecoder.TEMPLATE_ID == header.templateId();
        if (Long.MIN_VALUE != stats.last && sequence != stats.last + 1 && !auditRecord)
        {
            if (sequence - stats.last > RESTART_JUMP)
            {
                stats.restarts++;
            }
            else
            {
                stats.missing += sequence - stats.last - 1;
                problem("source " + sourceId + ": sequences " + (stats.last + 1) + ".." + (sequence - 1) +
                    " missing before log position " + logPosition);
            }
        }
        if (Long.MIN_VALUE == stats.first)
        {
            stats.first = sequence;
        }
        stats.last = sequence;
        stats.accepted++;
        checkAnswer(buffer, offset, length, logPosition);
    }

    private void checkAnswer(final DirectBuffer buffer, final int offset, final int length, final long logPosition)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            return;
        }
        if (RiskDecisionDecoder.TEMPLATE_ID == header.templateId())
        {
            decision.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            if (RiskRejectReason.NULL_VAL == decision.reason())
            {
                accepted.add(decision.clientOrderId());
            }
            return;
        }
        if (ExecutionReportDecoder.TEMPLATE_ID != header.templateId())
        {
            return;
        }
        report.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final ExecType type = report.execType();
        if (ExecType.NEW != type && ExecType.REJECTED != type)
        {
            return;
        }
        final long clientOrderId = report.clientOrderId();
        final int count = answers.merge(clientOrderId, 1, Integer::sum);
        if (count == 2)
        {
            problem("client order id " + clientOrderId + " answered again (" + type + ") at log position " + logPosition +
                ": the venue took it twice");
        }
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        messages++;
    }

    private void problem(final String what)
    {
        problemCount++;
        if (problems.size() < MAX_LISTED)
        {
            problems.add(what);
        }
    }

    public Map<Integer, SourceStats> sources()
    {
        return sources;
    }

    /** Client orders the venue answered (NEW or REJECTED) at least once. */
    public int ordersAnswered()
    {
        return answers.size();
    }

    /** Client orders answered more than once. */
    public long ordersAnsweredTwice()
    {
        return answers.values().stream().filter((n) -> n > 1).count();
    }

    /** Client orders the venue answered with no accepted risk decision anywhere on the log. */
    public long ordersWithoutDecision()
    {
        return answers.keySet().stream().filter((id) -> !accepted.contains(id)).count();
    }

    /** Problems found: inputs lost and orders answered twice. */
    public long problemCount()
    {
        return problemCount;
    }

    /** The first {@link #MAX_LISTED} problems, in log order. */
    public List<String> problems()
    {
        return problems;
    }

    public long messages()
    {
        return messages;
    }

}
