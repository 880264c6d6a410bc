package io.ferrum.ops.backtest.parity;

import io.ferrum.codecs.json.JsonOut;

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
 * @param positions        the replayed engine's final positions, realized P&amp;L and fees (the engine's one
 *                         convention), a JSON array
 * @param livePositions    the live engine's, as the demo wrote them when it stopped, or null for a journal
 *                         without them (an older demo's, or one that did not stop cleanly)
 */
public record ParityResult(
    Path journal,
    long inputs,
    long endPosition,
    long liveDecisions,
    long replayDecisions,
    boolean complete,
    long lost,
    ParityCheck.Difference difference,
    String positions,
    String livePositions)
{
    /** The same decisions, from a decision log that holds every live decision, and the same final positions. */
    public boolean same()
    {
        return difference == null && complete && lost == 0 && Boolean.TRUE.equals(positionsSame());
    }

    /** Whether the replay ends on the live engine's positions, fees and P&amp;L; null when the live ones are unknown. */
    public Boolean positionsSame()
    {
        return null == livePositions ? null : livePositions.equals(positions);
    }

    /** One JSON line: {@code type backtest_parity}, the verdict and the first difference. */
    public String toJson()
    {
        final JsonOut out = JsonOut.object().field("type", "backtest_parity").field("journal", journal.toString())
            .field("result", difference != null || Boolean.FALSE.equals(positionsSame()) ? "different" :
                same() ? "same" : "incomplete")
            .field("inputs", inputs)
            .field("log_position", endPosition)
            .field("live_decisions", liveDecisions)
            .field("replay_decisions", replayDecisions)
            .field("decision_log_complete", complete)
            .field("decisions_lost", lost)
            .rawField("positions", positions);
        if (null == livePositions)
        {
            out.nullField("live_positions").nullField("positions_same");
        }
        else
        {
            out.rawField("live_positions", livePositions).field("positions_same", positionsSame());
        }
        if (difference == null)
        {
            return out.nullField("first_difference").toString();
        }
        return out.beginObject("first_difference")
            .field("input_count", difference.inputCount())
            .field("log_position", difference.logPosition())
            .rawField("input", difference.input())
            .rawField("live", difference.live())
            .rawField("replay", difference.replay())
            .toString();
    }
}
