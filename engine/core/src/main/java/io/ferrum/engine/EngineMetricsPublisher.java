package io.ferrum.engine;

import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.engine.api.MetricCounters;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.order.Portfolio;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.telemetry.EngineCounters;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;
import java.util.Locale;

/**
 * Copies the engine's counters, each instrument's feed state and every position's figures into operator counters, on the engine
 * thread (the only one that may read them), when the adapter asks. Counters are made on first sight
 * (every engine counter on the first call, a position's when the strategy first trades the
 * instrument) and only written after: a copy allocates nothing. Prices and money stay fixed-point
 * mantissas; the counter's exponent says how to read them (docs/observability.md).
 */
final class EngineMetricsPublisher
{
    /** One gauge per figure of a position, in this order. */
    private static final String[] POSITION_SERIES = {
        "ferrum_position_quantity", "ferrum_position_average_price", "ferrum_position_mark_price",
        "ferrum_realized_pnl", "ferrum_unrealized_pnl", "ferrum_fees", "ferrum_position_fills_total",
        "ferrum_traded_notional_total"
    };
    private static final int QUANTITY = 0;
    private static final int AVERAGE_PRICE = 1;
    private static final int MARK_PRICE = 2;
    private static final int REALIZED = 3;
    private static final int UNREALIZED = 4;
    private static final int FEES = 5;
    private static final int FILLS = 6;
    private static final int TRADED = 7;

    private static final RiskRejectReason[] REASONS = java.util.Arrays.stream(RiskRejectReason.values())
        .filter((reason) -> RiskRejectReason.NULL_VAL != reason).toArray(RiskRejectReason[]::new);

    private final Engine engine;
    private AtomicCounter[] engineCounters;
    private AtomicCounter[] feedStates;
    private AtomicCounter[] rejectsByReason;
    private AtomicCounter[][] positionCounters = new AtomicCounter[8][];

    EngineMetricsPublisher(final Engine engine)
    {
        this.engine = engine;
    }

    void publish(final MetricCounters counters)
    {
        final EngineCounters source = engine.counters();
        if (null == engineCounters)
        {
            engineCounters = new AtomicCounter[EngineCounters.COUNT];
            for (int i = 0; i < EngineCounters.COUNT; i++)
            {
                engineCounters[i] = counters.newCounter(
                    "ferrum_engine_" + EngineCounters.label(i) + "_total", MetricCounters.COUNTER, 0);
            }
        }
        for (int i = 0; i < EngineCounters.COUNT; i++)
        {
            engineCounters[i].setRelease(source.get(i));
        }

        if (null == rejectsByReason)
        {
            rejectsByReason = new AtomicCounter[REASONS.length];
            for (int i = 0; i < REASONS.length; i++)
            {
                rejectsByReason[i] = counters.newCounter("ferrum_engine_order_rejects_by_reason_total{reason=\"" +
                    REASONS[i].name().toLowerCase(Locale.ROOT) + "\"}", MetricCounters.COUNTER, 0);
            }
        }
        for (int i = 0; i < REASONS.length; i++)
        {
            rejectsByReason[i].setRelease(engine.rejectLog().orderRejects(REASONS[i].value()));
        }

        final List<Instrument> instruments = engine.instruments().instruments();
        if (null == feedStates)
        {
            feedStates = new AtomicCounter[instruments.size()];
            for (int i = 0; i < feedStates.length; i++)
            {
                feedStates[i] = counters.newCounter(
                    "ferrum_feed_state{symbol=\"" + instruments.get(i).symbol() + "\"}", MetricCounters.GAUGE, 0);
            }
        }
        for (int i = 0; i < feedStates.length; i++)
        {
            // the stream's state as the engine last saw it on the log: a FeedState code, 0 before any
            feedStates[i].setRelease(engine.market(instruments.get(i).instrumentId()).feedState());
        }

        final Portfolio portfolio = engine.portfolio();
        for (int i = 0; i < portfolio.size(); i++)
        {
            final Position position = portfolio.position(i);
            final AtomicCounter[] figures = positionCounters(counters, i, position);
            final long mark = engine.referencePrice(position.instrumentId());
            figures[QUANTITY].setRelease(position.quantity());
            figures[AVERAGE_PRICE].setRelease(position.averagePrice());
            figures[MARK_PRICE].setRelease(mark);
            figures[REALIZED].setRelease(position.realizedPnl());
            figures[UNREALIZED].setRelease(position.unrealizedPnl(mark));
            figures[FEES].setRelease(position.fees());
            figures[FILLS].setRelease(position.fillCount());
            figures[TRADED].setRelease(position.tradedNotional());
        }
    }

    private AtomicCounter[] positionCounters(final MetricCounters counters, final int index, final Position position)
    {
        if (index == positionCounters.length)
        {
            final AtomicCounter[][] grown = new AtomicCounter[index * 2][];
            System.arraycopy(positionCounters, 0, grown, 0, index);
            positionCounters = grown;
        }
        AtomicCounter[] figures = positionCounters[index];
        if (null == figures)
        {
            final String labels = "{strategy=\"" + position.strategyId() + "\",symbol=\"" +
                position.instrument().symbol() + "\"}";
            final int priceExponent = position.instrument().priceExponent();
            final int sizeExponent = position.instrument().sizeExponent();
            final int moneyExponent = engine.moneyExponent();
            figures = new AtomicCounter[POSITION_SERIES.length];
            for (int f = 0; f < POSITION_SERIES.length; f++)
            {
                final int exponent = f == QUANTITY ? sizeExponent :
                    f == AVERAGE_PRICE || f == MARK_PRICE ? priceExponent : f == FILLS ? 0 : moneyExponent;
                final int kind = f == FILLS || f == TRADED ? MetricCounters.COUNTER : MetricCounters.GAUGE;
                figures[f] = counters.newCounter(POSITION_SERIES[f] + labels, kind, exponent);
            }
            positionCounters[index] = figures;
        }
        return figures;
    }
}
