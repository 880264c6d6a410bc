/**
 * A protocol-true local Binance for rehearsals and tests: the WebSocket API ({@code /ws-api/v3}) and the user
 * data stream as documented, signatures, timestamps, filters from an exchangeInfo, balances and rate limits
 * enforced, orders matched by the simulated venue against replayed market data, faults on command.
 * Uses gateway/core (signing, the venue's fill model's inputs), engine/core and the simulated venue.
 */
package io.ferrum.gateway.sim.exchange;
