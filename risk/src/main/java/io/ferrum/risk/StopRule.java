package io.ferrum.risk;

/** The stop-loss rule that fired. */
public enum StopRule
{
    /** Price moved against the entry by a fixed distance ({@code stop_loss_bps} or {@code stop_loss_amount}). */
    FIXED,
    /** Price moved back from its best since entry ({@code trailing_stop_bps} or {@code trailing_stop_amount}). */
    TRAILING,
    /** Position held longer than {@code max_holding_seconds}. */
    TIME,
    /** Price moved back from its best by a multiple of the rolling volatility. */
    VOLATILITY
}
