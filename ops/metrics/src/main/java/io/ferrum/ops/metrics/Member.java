package io.ferrum.ops.metrics;

/**
 * A cluster member as its CnC shows it: role, commit position, and how far its commit position is
 * behind the furthest member read in the same look ({@link #lagBytes()}: replication lag, 0 for the
 * furthest; members on other hosts are not seen).
 */
public record Member(int memberId, String role, long commitPosition, long lagBytes, String aeronDir)
{
}
