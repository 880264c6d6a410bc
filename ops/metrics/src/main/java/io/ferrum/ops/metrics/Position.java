package io.ferrum.ops.metrics;

/**
 * One strategy's position in one instrument as the engine last published it (every 250 ms):
 * quantity, prices and money as decimals (the engine's fixed-point values with their exponents).
 * {@code fills} is the position's fill count; the strategy's order count is not kept per instrument.
 */
public record Position(
    int memberId,
    int strategyId,
    String symbol,
    double quantity,
    double averagePrice,
    double markPrice,
    double realizedPnl,
    double unrealizedPnl,
    double fees,
    long fills,
    double tradedNotional)
{
}
