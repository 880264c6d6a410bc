package io.ferrum.engine;

import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.strategy.Strategy;
import io.ferrum.engine.telemetry.EngineCounters;
import org.agrona.collections.Long2LongHashMap;

/**
 * The engine's timers: the strategies' (ids counting up from 1, each owned by the strategy that
 * armed it) and the pre-trade check's periodic risk timer ({@link Engine#RISK_TIMER_ID}). What is
 * armed is part of the snapshot, and a timer fires only while armed, so a timer replayed, fired
 * twice or fired after a cancel changes nothing. Timers are armed from log-driven callbacks only,
 * never at start, so that every member and a replay arm them alike.
 */
final class EngineTimers
{
    /** Marks a missing deadline in {@link #deadlines}. */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final Engine engine;
    private final TimerScheduler scheduler;
    private final PreTradeCheck preTradeCheck;
    private final EngineCounters counters;
    private final Strategy[] strategies;
    /** Deadline by strategy timer id. */
    final Long2LongHashMap deadlines;
    /** Index of the owning strategy by strategy timer id. */
    final Long2LongHashMap owners;
    long nextTimerId = 1;
    /** Deadline of the armed risk timer; 0 while it is not armed. */
    long riskDeadlineNs;

    EngineTimers(
        final Engine engine, final TimerScheduler scheduler, final Strategy[] strategies, final int expectedTimers)
    {
        this.engine = engine;
        this.scheduler = scheduler;
        this.preTradeCheck = engine.preTradeCheck();
        this.counters = engine.counters();
        this.strategies = strategies;
        this.deadlines = new Long2LongHashMap(expectedTimers * 2, 0.5f, NO_DEADLINE);
        this.owners = new Long2LongHashMap(expectedTimers * 2, 0.5f, -1);
    }

    /** On every input while the risk timer is not armed: the check may come to need it (a new limit). */
    void armRiskTimerIfIdle()
    {
        if (riskDeadlineNs == 0)
        {
            armRiskTimer();
        }
    }

    private void armRiskTimer()
    {
        final long intervalNs = preTradeCheck.timerIntervalNs();
        if (intervalNs <= 0)
        {
            return;
        }
        final long deadlineNs = engine.timeNs + intervalNs;
        if (scheduler.schedule(Engine.RISK_TIMER_ID, deadlineNs))
        {
            riskDeadlineNs = deadlineNs;
        }
    }

    /** A strategy arms a timer; -1 outside an input (never at start) or when the scheduler refuses. */
    long schedule(final int strategyIndex, final long deadlineNs)
    {
        if (!engine.inInput)
        {
            return -1;
        }
        final long timerId = nextTimerId++;
        if (!scheduler.schedule(timerId, deadlineNs))
        {
            return -1;
        }
        deadlines.put(timerId, deadlineNs);
        owners.put(timerId, strategyIndex);
        return timerId;
    }

    /** Cancels a strategy's own timer; false when it is not armed or another strategy's. */
    boolean cancel(final int strategyIndex, final long timerId)
    {
        if (owners.get(timerId) != strategyIndex)
        {
            return false;
        }
        deadlines.remove(timerId);
        owners.remove(timerId);
        scheduler.cancel(timerId);
        return true;
    }

    void fire(final long timerId)
    {
        if (timerId == Engine.RISK_TIMER_ID)
        {
            if (riskDeadlineNs == 0)
            {
                counters.increment(EngineCounters.STALE_TIMERS);
                return;
            }
            riskDeadlineNs = 0;
            counters.increment(EngineCounters.TIMERS_FIRED);
            armRiskTimer();
            preTradeCheck.onTimer(engine.timeNs);
            return;
        }
        final long deadline = deadlines.remove(timerId);
        if (deadline == NO_DEADLINE)
        {
            counters.increment(EngineCounters.STALE_TIMERS);
            return;
        }
        final int index = (int)owners.remove(timerId);
        counters.increment(EngineCounters.TIMERS_FIRED);
        engine.inStrategy = true;
        strategies[index].onTimer(timerId, engine.timeNs);
        engine.inStrategy = false;
    }

    /** Strategy timers in id order, then the risk timer. Once per restore, so a fresh array is fine. */
    void forEachArmed(final Engine.TimerConsumer consumer)
    {
        final long[] ids = new long[deadlines.size()];
        EngineSnapshot.sortKeysInto(deadlines, ids);
        for (final long id : ids)
        {
            consumer.accept(id, deadlines.get(id));
        }
        if (riskDeadlineNs != 0)
        {
            consumer.accept(Engine.RISK_TIMER_ID, riskDeadlineNs);
        }
    }
}
