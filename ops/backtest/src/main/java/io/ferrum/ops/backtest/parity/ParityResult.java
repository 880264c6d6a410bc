package io.ferrum.ops.backtest.parity;

import io.ferrum.sequencer.journal.EventJson;

import java.nio.file.Path;

/**
 * What a parity check found.
 *
 * @param inputs           messages and timers replayed from the log
 * @param endPosition      log position the replay reached
 * @param liveDecisions    decisions the live engine recorded
 * @param replayDecisions  decisions the replayed engine made
 * @param complete         whether the decision log was closed cleanly (else its tail may be missing)
 * @param lost             live decisions whose record was lost to a full recording ring
 * @param difference       the first difference, or null when every decision was the same
 */
public record ParityResult(
    Path journal,
    long inputs,
    long endPosition,
    long liveDecisions,
    long replayDecisions,
    boolean complete,
    long lost,
    ParityCheck.Difference difference)
{
    /** The same decisions, from a decision log that holds every live decision. */
    public boolean same()
    {
        return difference == null && complete && lost == 0;
    }

    /** One JSON line: {@code type backtest_parity}, the verdict and the first difference. */
    public String toJson()
    {
        final StringBuilder out = new StringBuilder(512).append("{\"type\":\"backtest_parity\",\"journal\":");
        EventJson.string(out, journal.toString());
        out.append(",\"result\":\"").append(difference != null ? "different" : same() ? "same" : "incomplete").append('"')
            .append(",\"inputs\":").append(inputs)
            .append(",\"log_position\":").append(endPosition)
            .append(",\"live_decisions\":").append(liveDecisions)
            .append(",\"replay_decisions\":").append(replayDecisions)
            .append(",\"decision_log_complete\":").append(complete)
            .append(",\"decisions_lost\":").append(lost)
            .append(",\"first_difference\":");
        if (difference == null)
        {
            out.append("null");
        }
        else
        {
            out.append("{\"input_count\":").append(difference.inputCount())
                .append(",\"log_position\":").append(difference.logPosition())
                .append(",\"input\":").append(difference.input())
                .append(",\"live\":").append(difference.live())
                .append(",\"replay\":").append(difference.replay())
                .append('}');
        }
        return out.append('}').toString();
    }
}
