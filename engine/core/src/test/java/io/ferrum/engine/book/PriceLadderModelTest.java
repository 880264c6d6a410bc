package io.ferrum.engine.book;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ladder against a sorted map under long seeded runs of random updates, clustered near the
 * top as a live book's are, so that its ring wraps both ways many times: the same levels in the
 * same order, the same drops when full, and a snapshot that restores the same ladder.
 */
class PriceLadderModelTest
{
    @ParameterizedTest(name = "bids={0} capacity={1} growing={2} seed={3}")
    @CsvSource({
        "true, 8, false, 1", "false, 8, false, 2", "true, 64, false, 3", "false, 64, false, 4",
        "true, 4, true, 5", "false, 4, true, 6", "true, 1, false, 7", "false, 1000, false, 8" })
    void behavesAsASortedMap(final boolean bids, final int capacity, final boolean growing, final long seed)
    {
        final PriceLadder ladder = growing ? PriceLadder.growing(bids, capacity) : new PriceLadder(bids, capacity);
        final TreeMap<Long, Long> model = new TreeMap<>(bids ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        long dropped = 0;
        final SplittableRandom random = new SplittableRandom(seed);
        for (int step = 0; step < 20_000; step++)
        {
            final long price = 1_000 + (random.nextBoolean() ? random.nextInt(8) : random.nextInt(200));
            final long quantity = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1_000);
            ladder.set(price, quantity);

            if (quantity == 0)
            {
                model.remove(price);
            }
            else if (model.containsKey(price) || growing || model.size() < capacity)
            {
                model.put(price, quantity);
            }
            else
            {
                dropped++;
                if (ladder.isBetter(price, model.lastKey()))
                {
                    model.pollLastEntry();
                    model.put(price, quantity);
                }
            }
            if (step % 97 == 0 || step < 100)
            {
                assertSame(model, dropped, ladder, "step " + step);
            }
        }
        assertSame(model, dropped, ladder, "end");

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[12 + 16 * Math.max(ladder.size(), 1)]);
        final int written = ladder.snapshotTo(buffer, 0);
        final PriceLadder restored = growing ?
            PriceLadder.growing(bids, ladder.capacity()) : new PriceLadder(bids, ladder.capacity());
        assertEquals(written, restored.restoreFrom(buffer, 0));
        assertSame(model, dropped, restored, "restored");
        restored.clear();
        assertEquals(0, restored.bestPrice());
    }

    private static void assertSame(
        final TreeMap<Long, Long> model, final long dropped, final PriceLadder ladder, final String when)
    {
        assertEquals(model.size(), ladder.size(), when);
        assertEquals(dropped, ladder.levelsDropped(), when);
        int depth = 0;
        for (final Map.Entry<Long, Long> level : model.entrySet())
        {
            assertEquals(level.getKey(), ladder.price(depth), when + " depth " + depth);
            assertEquals(level.getValue(), ladder.quantity(depth), when + " depth " + depth);
            assertEquals(level.getValue(), ladder.quantityAt(level.getKey()), when);
            depth++;
        }
        assertEquals(model.isEmpty() ? 0 : model.firstKey(), ladder.bestPrice(), when);
    }
}
