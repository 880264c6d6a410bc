package io.ferrum.ops.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrum.ops.metrics.Member;
import io.ferrum.ops.metrics.MetricsSnapshot;
import io.ferrum.ops.metrics.Position;
import io.ferrum.ops.metrics.Series;
import io.ferrum.sequencer.telemetry.Stage;
import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;

/**
 * The counters' part of the page: the engines' totals, positions and P&L, feed state per instrument,
 * members and replication lag, latency percentiles per stage, from one {@link MetricsSnapshot}; and
 * the net P&L curve, one point per second of wall time (the engine publishes its figures every
 * 250 ms), the last {@link #MAX_PNL_POINTS}. One thread.
 */
final class MetricsView
{
    static final int MAX_PNL_POINTS = 1800;
    private static final double[] PERCENTILES = { 50, 90, 99, 99.9 };

    private final ArrayDeque<double[]> pnlCurve = new ArrayDeque<>();

    /** Adds the snapshot's figures to {@code state}, and its net P&L to the curve. */
    void writeTo(final MetricsSnapshot snapshot, final ObjectNode state)
    {
        state.put("read_at_ms", snapshot.readAtMs());
        state.put("processes", snapshot.sources().size());
        final ObjectNode engine = state.putObject("engine");
        engine.put("events", (long)snapshot.sum("ferrum_engine_events_total"));
        engine.put("orders_sent", (long)snapshot.sum("ferrum_engine_orders_sent_total"));
        engine.put("fills", (long)snapshot.sum("ferrum_engine_fills_total"));
        engine.put("order_rejects", (long)snapshot.sum("ferrum_engine_order_rejects_total"));
        engine.put("cancels_sent", (long)snapshot.sum("ferrum_engine_cancels_sent_total"));

        double realized = 0;
        double unrealized = 0;
        double fees = 0;
        final ArrayNode positions = state.putArray("positions");
        for (final Position position : snapshot.positions())
        {
            positions.addObject()
                .put("member", position.memberId())
                .put("strategy_id", position.strategyId())
                .put("symbol", position.symbol())
                .put("quantity", position.quantity())
                .put("average_price", position.averagePrice())
                .put("mark_price", position.markPrice())
                .put("realized_pnl", position.realizedPnl())
                .put("unrealized_pnl", position.unrealizedPnl())
                .put("fees", position.fees())
                .put("fills", position.fills());
            realized += position.realizedPnl();
            unrealized += position.unrealizedPnl();
            fees += position.fees();
        }
        final double net = realized + unrealized - fees;
        state.putObject("pnl").put("realized", realized).put("unrealized", unrealized).put("fees", fees).put("net", net);
        addPnlPoint(snapshot.readAtMs() / 1000, net, !snapshot.positions().isEmpty());
        final ArrayNode curve = state.putArray("pnl_curve");
        for (final double[] point : pnlCurve)
        {
            curve.addArray().add((long)point[0]).add(point[1]);
        }

        final ArrayNode feedStates = state.putArray("feed_states");
        for (final Series feed : snapshot.series("ferrum_feed_state"))
        {
            feedStates.addObject().put("member", feed.label("member")).put("symbol", feed.label("symbol"))
                .put("state", feed.raw());
        }
        final ArrayNode members = state.putArray("members");
        for (final Member member : snapshot.members())
        {
            members.addObject().put("member", member.memberId()).put("role", member.role())
                .put("commit_position", member.commitPosition()).put("lag_bytes", member.lagBytes());
        }
        final ArrayNode rejects = state.putArray("rejects_by_reason");
        for (final Series reject : snapshot.series("ferrum_engine_order_rejects_by_reason_total"))
        {
            if (reject.raw() > 0)
            {
                rejects.addObject().put("reason", reject.label("reason")).put("count", reject.raw());
            }
        }
        final ArrayNode latency = state.putArray("latency");
        for (final Stage stage : Stage.values())
        {
            final Histogram histogram = snapshot.latency(stage);
            final ObjectNode row = latency.addObject().put("stage", stage.label()).put("count", histogram.getTotalCount());
            for (final double percentile : PERCENTILES)
            {
                row.put("p" + (percentile == Math.rint(percentile) ? Long.toString((long)percentile) :
                    Double.toString(percentile).replace(".", "")) + "_us", histogram.getValueAtPercentile(percentile) / 1000.0);
            }
            row.put("max_us", histogram.getMaxValue() / 1000.0);
        }
    }

    private void addPnlPoint(final long second, final double net, final boolean anyPosition)
    {
        if (!anyPosition && pnlCurve.isEmpty())
        {
            return; // nothing traded yet: the curve starts with the first position
        }
        if (!pnlCurve.isEmpty() && pnlCurve.peekLast()[0] >= second)
        {
            pnlCurve.peekLast()[1] = net;
            return;
        }
        pnlCurve.addLast(new double[] { second, net });
        if (pnlCurve.size() > MAX_PNL_POINTS)
        {
            pnlCurve.removeFirst();
        }
    }
}
