package io.ferrum.ops.demo;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.json.JsonOut;
import io.ferrum.engine.Engine;
import io.ferrum.engine.telemetry.EngineCounters;

/**
 * The one summary JSON line of {@code ./ferrum demo} ({@code demo_summary}) and
 * {@code ./ferrum replay} ({@code replay_summary}): counts, net realized P&amp;L as a decimal
 * string at the engine's money exponent, and the state hash as 16 hex digits. Read the engine
 * only once its thread has stopped.
 */
public record EngineSummary(long events, long orders, long fills, long rejects, String realizedPnl, long stateHash)
{
    public static EngineSummary of(final Engine engine)
    {
        return new EngineSummary(
            engine.counters().get(EngineCounters.EVENTS),
            engine.ordersSent(),
            engine.fills(),
            engine.rejects(),
            FixedPoint.format(engine.netRealizedPnl(), engine.moneyExponent()),
            engine.stateHash());
    }

    public String hashHex()
    {
        return String.format("%016x", stateHash);
    }

    public String toJson(final String type, final String journal)
    {
        return json(type, journal).toString();
    }

    /** The replay's line: also the log position it ended at, where a member's hash at that position compares. */
    public String toJson(final String type, final String journal, final long logPosition)
    {
        return json(type, journal).field("log_position", logPosition).toString();
    }

    private JsonOut json(final String type, final String journal)
    {
        return JsonOut.object().field("type", type)
            .field("events", events)
            .field("orders", orders)
            .field("fills", fills)
            .field("rejects", rejects)
            .field("realized_pnl", realizedPnl)
            .field("state_hash", hashHex())
            .field("journal", journal);
    }
}
