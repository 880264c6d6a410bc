package io.ferrum.strategy;

/**
 * The version of this API, also in the jar's manifest ({@code Specification-Version}).
 * <p>
 * Semantic versioning against compiled strategies: a change that can break a strategy compiled
 * against an earlier version with the same major (a removed or changed method, a new abstract
 * method, a changed meaning) is a new major version; additions that a compiled strategy cannot
 * notice (a default method, a new enum constant such as a {@link RejectReason}, a new view method
 * a strategy does not implement) are a minor version; documentation and fixes a patch.
 */
public final class StrategyApi
{
    public static final int MAJOR = 1;
    public static final int MINOR = 2;
    public static final int PATCH = 0;
    public static final String VERSION = MAJOR + "." + MINOR + "." + PATCH;

    private StrategyApi()
    {
    }
}
