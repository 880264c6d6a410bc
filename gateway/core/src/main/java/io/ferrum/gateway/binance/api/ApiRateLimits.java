package io.ferrum.gateway.binance.api;

import java.util.concurrent.TimeUnit;

/**
 * Binance's limits on the order session, kept so that Ferrum throttles itself before Binance does:
 * {@code ORDERS} per 10 s and per day (per account) and {@code REQUEST_WEIGHT} per minute (per IP). Each
 * response's {@code rateLimits} carries the venue's counts, which win over ours (other sessions share
 * them); between responses our own sends are counted in sliding windows. A request waits while it would
 * take a count above {@code headroom} of its limit. A 429 blocks until its {@code retryAfter}; a 418 (IP
 * banned) stops everything until the operator looks: {@link #banned()}. One thread.
 */
public final class ApiRateLimits
{
    private static final long TEN_SECONDS_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long MINUTE_NS = TimeUnit.MINUTES.toNanos(1);
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);

    private final double headroom;
    private final long[] orderTimes;
    private final long[] weightTimes;
    private final int[] weights;
    private int orderHead;
    private int orderCount;
    private int weightHead;
    private int weightCount;
    private int weightInWindow;

    private int orders10sLimit = 50;
    private int ordersDayLimit = 160_000;
    private int weightLimit = 6_000;
    private int venueOrders10s;
    private long venueOrders10sAtNs = Long.MIN_VALUE / 2; // far past without overflowing a difference
    private int venueOrdersDay;
    private int ordersDaySinceVenue;
    private int venueWeight;
    private long venueWeightAtNs = Long.MIN_VALUE / 2;
    private long blockedUntilNs = Long.MIN_VALUE / 2;
    private boolean banned;
    private long bannedUntilMs;
    private long throttled;
    private boolean holding;
    private long tooManyRequests;
    private double highestUse;

    /** @param headroom the share of each limit Ferrum uses at most, in (0, 1] (0.8 leaves a fifth) */
    public ApiRateLimits(final double headroom)
    {
        if (!(headroom > 0 && headroom <= 1))
        {
            throw new IllegalArgumentException("headroom must be in (0, 1]: " + headroom);
        }
        this.headroom = headroom;
        orderTimes = new long[1024];
        weightTimes = new long[4096];
        weights = new int[4096];
    }

    /** 0 when a request of {@code weight} (an order when {@code order}) may go now, else how long to wait. */
    public long delayNs(final long nowNs, final boolean order, final int weight)
    {
        if (banned)
        {
            return Long.MAX_VALUE;
        }
        if (nowNs - blockedUntilNs < 0)
        {
            return blockedUntilNs - nowNs;
        }
        expire(nowNs);
        if (weightUsed(nowNs) + weight > (int)(weightLimit * headroom))
        {
            hold();
            return weightCount > 0 ? Math.max(1, weightTimes[weightHead] + MINUTE_NS - nowNs) : MINUTE_NS;
        }
        if (order)
        {
            if (orders10s(nowNs) + 1 > (int)(orders10sLimit * headroom) ||
                venueOrdersDay + ordersDaySinceVenue + 1 > (int)(ordersDayLimit * headroom))
            {
                hold();
                return orderCount > 0 ? Math.max(1, orderTimes[orderHead] + TEN_SECONDS_NS - nowNs) : TEN_SECONDS_NS;
            }
        }
        holding = false;
        return 0;
    }

    /** Counts one hold each time requests start waiting (not each time a waiting one is asked about). */
    private void hold()
    {
        if (!holding)
        {
            holding = true;
            throttled++;
        }
    }

    /** Counts a request sent. */
    public void sent(final long nowNs, final boolean order, final int weight)
    {
        expire(nowNs);
        if (weightCount == weightTimes.length)
        {
            weightInWindow -= weights[weightHead];
            weightHead = (weightHead + 1) % weightTimes.length;
            weightCount--;
        }
        final int w = (weightHead + weightCount) % weightTimes.length;
        weightTimes[w] = nowNs;
        weights[w] = weight;
        weightCount++;
        weightInWindow += weight;
        if (order)
        {
            if (orderCount == orderTimes.length)
            {
                orderHead = (orderHead + 1) % orderTimes.length;
                orderCount--;
            }
            orderTimes[(orderHead + orderCount) % orderTimes.length] = nowNs;
            orderCount++;
            ordersDaySinceVenue++;
        }
    }

    /** One entry of a response's {@code rateLimits}. */
    public void onVenueCount(final boolean ordersType, final long intervalNs, final int limit, final int count, final long nowNs)
    {
        if (limit <= 0 || count < 0)
        {
            return;
        }
        highestUse = Math.max(highestUse, (double)count / limit);
        if (ordersType && intervalNs == TEN_SECONDS_NS)
        {
            orders10sLimit = limit;
            venueOrders10s = count;
            venueOrders10sAtNs = nowNs;
        }
        else if (ordersType && intervalNs == DAY_NS)
        {
            ordersDayLimit = limit;
            venueOrdersDay = count;
            ordersDaySinceVenue = 0;
        }
        else if (!ordersType && intervalNs == MINUTE_NS)
        {
            weightLimit = limit;
            venueWeight = count;
            venueWeightAtNs = nowNs;
        }
    }

    /** A 429: nothing is sent before {@code retryAfterNs} (or a second from now when the venue gave no time). */
    public void onTooManyRequests(final long retryAfterNs, final long nowNs)
    {
        tooManyRequests++;
        blockedUntilNs = retryAfterNs - nowNs > 0 ? retryAfterNs : nowNs + TimeUnit.SECONDS.toNanos(1);
    }

    /** A 418: the IP is banned; nothing more is sent by this process. */
    public void onBanned(final long untilEpochMs)
    {
        banned = true;
        bannedUntilMs = untilEpochMs;
    }

    public boolean banned()
    {
        return banned;
    }

    public long bannedUntilMs()
    {
        return bannedUntilMs;
    }

    /** Times requests were held back by our own limits (a wait that starts, however long it lasts). */
    public long throttled()
    {
        return throttled;
    }

    public long tooManyRequests()
    {
        return tooManyRequests;
    }

    /** The highest count / limit the venue reported, any limit: above 1.0 means Binance's limit was exceeded. */
    public double highestUse()
    {
        return highestUse;
    }

    private int orders10s(final long nowNs)
    {
        final boolean venueFresh = nowNs - venueOrders10sAtNs < TEN_SECONDS_NS;
        return Math.max(orderCount, venueFresh ? venueOrders10s : 0);
    }

    private int weightUsed(final long nowNs)
    {
        final boolean venueFresh = nowNs - venueWeightAtNs < MINUTE_NS;
        return Math.max(weightInWindow, venueFresh ? venueWeight : 0);
    }

    private void expire(final long nowNs)
    {
        while (orderCount > 0 && nowNs - orderTimes[orderHead] >= TEN_SECONDS_NS)
        {
            orderHead = (orderHead + 1) % orderTimes.length;
            orderCount--;
        }
        while (weightCount > 0 && nowNs - weightTimes[weightHead] >= MINUTE_NS)
        {
            weightInWindow -= weights[weightHead];
            weightHead = (weightHead + 1) % weightTimes.length;
            weightCount--;
        }
    }
}
