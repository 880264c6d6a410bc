package io.ferrum.risk;

/** Outcome of an admin command applied to risk; anything but APPLIED changed nothing. */
public enum AdminResult
{
    APPLIED,
    /** Scope missing or not allowed for this limit. */
    INVALID_SCOPE,
    /** Strategy or instrument id outside the configured capacity, or non-zero for GLOBAL. */
    INVALID_TARGET,
    /** Negative, too large, or more decimals than the limit keeps. */
    INVALID_VALUE,
    /** Unknown limit or trading state value. */
    UNKNOWN_LIMIT
}
