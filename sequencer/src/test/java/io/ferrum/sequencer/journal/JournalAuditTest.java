package io.ferrum.sequencer.journal;

import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.RiskDecisionEncoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a clean run never shows (the clean runs are checked by DemoCommandTest and
 * ClusterReplayAndRestoreTest): a lost input, a venue that took an order twice, an order with no
 * risk decision on the log (counted); and what must not be called a problem: a re-send after
 * failover, a restarted gateway, audit records numbered by log position.
 */
class JournalAuditTest
{
    private static final int FEED = 1;
    private static final int VENUE = 100;
    private static final int AUDIT = 1000;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final JournalAudit audit = new JournalAudit();
    private long position;

    @Test
    void aCleanLogWithResendsRestartsAndAuditRecordsHasNoProblem()
    {
        trade(1);
        trade(2);
        trade(2); // re-sent after a leader change
        trade(1_796_653_206_376_720_262L); // the gateway restarted: its start time in epoch nanoseconds
        trade(1_796_653_206_376_720_263L);
        decision((position << 16) | 0, 7, RiskRejectReason.NULL_VAL);
        answer(1, 7, ExecType.NEW);
        answer(2, 7, ExecType.FILL);
        decision((position << 16) | 0, 8, RiskRejectReason.NULL_VAL);
        answer(3, 8, ExecType.REJECTED);

        assertEquals(0, audit.problemCount(), audit.problems().toString());
        final JournalAudit.SourceStats feed = audit.sources().get(FEED);
        assertEquals(4, feed.accepted());
        assertEquals(1, feed.resent());
        assertEquals(1, feed.restarts());
        assertEquals(0, feed.missing());
        assertEquals(2, audit.ordersAnswered());
    }

    @Test
    void aLostInputAnOrderTakenTwiceAndAnOrderWithoutDecisionAreProblems()
    {
        trade(1);
        trade(5); // 2..4 lost
        decision((position << 16) | 0, 7, RiskRejectReason.NULL_VAL);
        answer(1, 7, ExecType.NEW);
        answer(2, 7, ExecType.NEW); // the venue took it twice
        decision((position << 16) | 0, 9, RiskRejectReason.MAX_ORDER_NOTIONAL); // refused: not an accepted decision
        answer(3, 9, ExecType.NEW);

        assertEquals(3, audit.sources().get(FEED).missing());
        assertEquals(1, audit.ordersAnsweredTwice());
        assertEquals(1, audit.ordersWithoutDecision(), "counted, but re-derivable by a replay: not a problem");
        assertEquals(2, audit.problemCount());
        assertTrue(audit.problems().get(0).contains("sequences 2..4 missing"), audit.problems().toString());
        assertTrue(audit.problems().get(1).contains("client order id 7 answered again"), audit.problems().toString());
    }

    private void trade(final long sequence)
    {
        final TradeEncoder trade = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header);
        trade.source().sourceId(FEED).sequence(sequence);
        feed(header.encodedLength() + trade.encodedLength());
    }

    private void answer(final long sequence, final long clientOrderId, final ExecType type)
    {
        final ExecutionReportEncoder report = new ExecutionReportEncoder().wrapAndApplyHeader(buffer, 0, header);
        report.source().sourceId(VENUE).sequence(sequence);
        report.clientOrderId(clientOrderId).execType(type);
        feed(header.encodedLength() + report.encodedLength());
    }

    private void decision(final long sequence, final long clientOrderId, final RiskRejectReason reason)
    {
        final RiskDecisionEncoder decision = new RiskDecisionEncoder().wrapAndApplyHeader(buffer, 0, header);
        decision.source().sourceId(AUDIT).sequence(sequence);
        decision.clientOrderId(clientOrderId).reason(reason);
        decision.checksCount(0);
        feed(header.encodedLength() + decision.encodedLength());
    }

    private void feed(final int length)
    {
        position += 64;
        audit.onInput(buffer, 0, length, position, position);
    }
}
