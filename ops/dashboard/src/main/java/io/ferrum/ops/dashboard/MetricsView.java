package io.ferrum.ops.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrum.ops.metrics.Member;
import io.ferrum.ops.metrics.MetricsSnapshot;
import io.ferrum.ops.metrics.Position;
import io.ferrum.ops.metrics.Series;
import io.ferrum.sequencer.telemetry.Stage;
import org.HdrHistogram.Histogram;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
    /** More decimals than the counters' exponents carry (Binance's prices and money: 8), fewer than a double's noise. */
    static final int DECIMALS = 10;
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
                .put("quantity", text(position.quantity()))
                .put("average_price", text(position.averagePrice()))
                .put("mark_price", text(position.markPrice()))
                .put("realized_pnl", text(position.realizedPnl()))
                .put("unrealized_pnl", text(position.unrealizedPnl()))
                .put("fees", text(position.fees()))
                .put("fills", position.fills());
            realized += position.realizedPnl();
            unrealized += position.unrealizedPnl();
            fees += position.fees();
        }
        final double net = rounded(realized + unrealized - fees);
        state.putObject("pnl").put("realized", rounded(realized)).put("unrealized", rounded(unrealized))
            .put("fees", rounded(fees)).put("net", net);
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

    /**
     * The counters keep prices and money as fixed-point mantissas (8 decimals for Binance's); the
     * reader hands them over as doubles, whose sums carry binary noise
     * (0.0030104100000000003): rounding back to those decimals gives the engine's figure.
     */
    static double rounded(final double value)
    {
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** As {@link #rounded}, written out in full (no exponent), as the page shows it. */
    static String text(final double value)
    {
        final BigDecimal decimal = BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return (decimal.signum() == 0 ? BigDecimal.ZERO : decimal).toPlainString();
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
