package io.ferrum.engine.api;

import org.agrona.DirectBuffer;

/**
 * How the engine is driven: one sequenced input at a time, on one thread. The cluster
 * adapter calls it from the committed log, a backtest from history; the engine cannot
 * tell the difference, which is what makes the two agree.
 */
public interface EngineInput
{
    /**
     * @param buffer      holding one Ferrum SBE message, message header first
     * @param offset      of the message header
     * @param length      of the message, header included
     * @param logPosition of the input in the sequenced log (monotonic; a backtest counts inputs)
     * @param timestampNs the log's time for this input, epoch nanoseconds UTC: the engine's only clock
     */
    void onInput(DirectBuffer buffer, int offset, int length, long logPosition, long timestampNs);

    /**
     * A timer armed through {@link TimerScheduler} fired; timers are log events too.
     */
    void onTimer(long timerId, long timestampNs);
}
