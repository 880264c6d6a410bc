package io.ferrum.gateway.sim.venue;

import io.ferrum.engine.book.OrderBook;

/** The books the venue matches against: the engine's own ({@code engine::book}), so fills follow the book it saw. */
@FunctionalInterface
public interface BookSource
{
    /** Null when the instrument is unknown. */
    OrderBook book(int instrumentId);
}
