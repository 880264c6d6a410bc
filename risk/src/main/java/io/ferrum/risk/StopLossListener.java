package io.ferrum.risk;

/**
 * Told when a stop-loss rule fires: the engine then sends an order that closes the
 * position through its normal order path (which passes {@link RiskManager#check} like
 * any other order). Called on the engine thread from {@link RiskManager#onPrice} or
 * {@link RiskManager#onTimer}.
 */
@FunctionalInterface
public interface StopLossListener
{
    /**
     * @param strategyId   whose position to close
     * @param instrumentId of the position
     * @param rule         the rule that fired
     * @param position     signed position at the time (size exponent of the instrument)
     * @param price        reference price that fired it (price exponent), 0 for time stops
     * @param stopLevel    the stop price crossed, or the deadline in ns for a time stop
     * @param timestampNs  log time
     */
    void onStopTriggered(
        int strategyId, int instrumentId, StopRule rule, long position, long price, long stopLevel, long timestampNs);
}
