package io.ferrum.bench.latency;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.VenueSimulator;

import java.util.AbstractList;
import java.util.List;

/**
 * The venue's side of a latency run as a session the simulator replays at speed 1: one symbol's
 * REST snapshot, a trade to open the stream, then a lead-in (the client syncs its book) and the
 * phases one after the other with a quiet gap between them (the previous phase drains). Every
 * tick is a top-of-book update ({@code @bookTicker}) whose update id rises with the tick's number
 * and whose bid quantity is the tick's number plus one in units of the last decimal: the quantity
 * reaches the strategy, which uses it as its order's client order id, so that the order at the
 * venue names its tick. (Quotes, not trades: a feed without quotes is degraded after 10 s by the
 * gateway's missing-quote check, and pre-trade risk then refuses new buys.)
 * <p>
 * Entries are computed when asked, never held: a sweep has millions of ticks.
 */
final class TickFlow extends AbstractList<ReplaySession.Entry>
{
    static final String SYMBOL = "BTCUSDT";
    static final int EXPONENT = -8;
    /** The touch at 99.99 / 100.01 around 100.00, so that a buy limit 1 % below the bid never fills. */
    static final long PRICE = 100L * 100_000_000L;
    static final long TICK = 1_000_000L; // 0.01
    private static final long START_NS = 1_700_000_000_000_000_000L;
    private static final int HEADER_ENTRIES = 3;
    private static final long OPENING_UPDATE_ID = 1000;

    private final List<Phase> phases;
    private final long leadNs;
    private final long gapNs;
    private final int[] firstTick;
    private final long[] phaseStartNs;
    private final int ticks;

    /**
     * @param leadNs time from the opening trade to the first tick
     * @param gapNs  quiet time between two phases
     */
    TickFlow(final List<Phase> phases, final long leadNs, final long gapNs)
    {
        this.phases = List.copyOf(phases);
        this.leadNs = leadNs;
        this.gapNs = gapNs;
        firstTick = new int[phases.size()];
        phaseStartNs = new long[phases.size()];
        long total = 0;
        long start = leadNs;
        for (int p = 0; p < phases.size(); p++)
        {
            firstTick[p] = (int)total;
            phaseStartNs[p] = start;
            total += phases.get(p).count();
            start += phases.get(p).durationNs() + gapNs;
        }
        if (total > Integer.MAX_VALUE - HEADER_ENTRIES)
        {
            throw new IllegalArgumentException("too many ticks in one run: " + total);
        }
        ticks = (int)total;
    }

    ReplaySession session()
    {
        return ReplaySession.view("latency", this);
    }

    List<Phase> phases()
    {
        return phases;
    }

    int ticks()
    {
        return ticks;
    }

    int firstTick(final int phase)
    {
        return firstTick[phase];
    }

    /** The recorded (session) time at which phase {@code p} starts. */
    long phaseStartRecordedNs(final int phase)
    {
        return START_NS + phaseStartNs[phase];
    }

    /** The recorded time of the opening trade, the session clock's zero. */
    long openingRecordedNs()
    {
        return START_NS;
    }

    /** The quiet time between two phases. */
    long gapNs()
    {
        return gapNs;
    }

    /** Session length from the opening trade to the last tick. */
    long lengthNs()
    {
        final int last = phases.size() - 1;
        return phaseStartNs[last] + phases.get(last).durationNs();
    }

    /**
     * Waits (sleeping) until {@code simulator} has sent the whole flow: its clock starts when the
     * client connects, within {@code connectTimeoutMs}; then the flow's length plus {@code drainMs}.
     */
    void awaitSent(final VenueSimulator simulator, final long connectTimeoutMs, final long drainMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + connectTimeoutMs * 1_000_000L;
        while (simulator.dueTimeNs(openingRecordedNs()) == Long.MIN_VALUE)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no client connected to the venue simulator within " + connectTimeoutMs + " ms");
            }
            Thread.sleep(10);
        }
        final long endNs = simulator.dueTimeNs(openingRecordedNs() + lengthNs()) + drainMs * 1_000_000L;
        long remainingNs;
        while ((remainingNs = endNs - System.nanoTime()) > 0)
        {
            Thread.sleep(Math.max(1, remainingNs / 1_000_000L));
        }
    }

    /** The client order id the strategy gives the order of tick {@code tick}: never 0. */
    static long clientOrderId(final long tick)
    {
        return tick + 1;
    }

    /** The book update id of tick {@code tick}'s quote, rising from the snapshot's. */
    static long updateId(final long tick)
    {
        return OPENING_UPDATE_ID + 1 + tick;
    }

    /** The tick of a quote's update id; negative for none. */
    static long tickOfUpdateId(final long updateId)
    {
        return updateId - OPENING_UPDATE_ID - 1;
    }

    static long tickOf(final long clientOrderId)
    {
        return clientOrderId - TickToTradeStrategy.ORDER_ID_BASE - 1;
    }

    public int size()
    {
        return HEADER_ENTRIES + ticks;
    }

    public ReplaySession.Entry get(final int index)
    {
        switch (index)
        {
            case 0:
                return new ReplaySession.Entry(START_NS, ReplaySession.Kind.CONNECT,
                    "ws://bench/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@aggTrade", "");
            case 1:
                return new ReplaySession.Entry(START_NS, ReplaySession.Kind.REST,
                    "http://bench/api/v3/depth?symbol=" + SYMBOL + "&limit=100", snapshot());
            case 2:
                return new ReplaySession.Entry(START_NS, ReplaySession.Kind.WS, "", openingTrade());
            default:
                if (index < 0 || index >= size())
                {
                    throw new IndexOutOfBoundsException(index);
                }
                return tick(index - HEADER_ENTRIES);
        }
    }

    private ReplaySession.Entry tick(final int tick)
    {
        int phase = phases.size() - 1;
        while (firstTick[phase] > tick)
        {
            phase--;
        }
        final long timeNs = START_NS + phaseStartNs[phase] + phases.get(phase).offsetNs(tick - firstTick[phase]);
        final String payload = "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":" + updateId(tick) + ",\"s\":\"" + SYMBOL +
            "\",\"b\":\"" + FixedPoint.format(PRICE - TICK, EXPONENT) + "\",\"B\":\"" + FixedPoint.format(clientOrderId(tick), EXPONENT) +
            "\",\"a\":\"" + FixedPoint.format(PRICE + TICK, EXPONENT) + "\",\"A\":\"5.00000000\"}}";
        return new ReplaySession.Entry(timeNs, ReplaySession.Kind.WS, "", payload);
    }

    /** The stream's first frame, a second before the first tick: the session clock's zero (no order answers a trade). */
    private static String openingTrade()
    {
        final long ms = START_NS / 1_000_000;
        return "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":" + ms + ",\"s\":\"" + SYMBOL +
            "\",\"a\":1,\"p\":\"" + FixedPoint.format(PRICE, EXPONENT) + "\",\"q\":\"1.00000000\",\"f\":1,\"l\":1,\"T\":" + ms +
            ",\"m\":false,\"M\":true}}";
    }

    private static String snapshot()
    {
        final StringBuilder bids = new StringBuilder();
        final StringBuilder asks = new StringBuilder();
        for (int level = 1; level <= 20; level++)
        {
            bids.append(level == 1 ? "" : ",").append("[\"").append(FixedPoint.format(PRICE - level * TICK, EXPONENT))
                .append("\",\"5.00000000\"]");
            asks.append(level == 1 ? "" : ",").append("[\"").append(FixedPoint.format(PRICE + level * TICK, EXPONENT))
                .append("\",\"5.00000000\"]");
        }
        return "{\"lastUpdateId\":1000,\"bids\":[" + bids + "],\"asks\":[" + asks + "]}";
    }
}
