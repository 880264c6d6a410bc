package io.ferrum.engine.book;

import org.junit.jupiter.api.Test;

import static io.ferrum.engine.book.UpdateIdChain.CHAINS;
import static io.ferrum.engine.book.UpdateIdChain.GAP;
import static io.ferrum.engine.book.UpdateIdChain.STALE;
import static io.ferrum.engine.book.UpdateIdChain.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Binance's documented chain on the edges: the book at lastUpdateId 100. */
class UpdateIdChainTest
{
    @Test
    void staleChainsOrGap()
    {
        assertEquals(STALE, classify(100, 90, 100), "ends at the book's id: already applied");
        assertEquals(STALE, classify(100, 101, 99), "ends before it, whatever its start");
        assertEquals(CHAINS, classify(100, 101, 105), "starts right after");
        assertEquals(CHAINS, classify(100, 95, 105), "overlaps the book: the first diff after a snapshot");
        assertEquals(CHAINS, classify(100, 101, 101), "a one-update diff");
        assertEquals(GAP, classify(100, 102, 105), "update 101 missing");
        assertEquals(GAP, classify(0, 2, 3), "a book at 0 expects 1");
    }
}
