package io.ferrum.ops.backtest.journal;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.engine.Engine;
import io.ferrum.engine.order.Portfolio;
import io.ferrum.engine.order.Position;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An engine's final positions in the engine's one P&amp;L convention (realized before fees, fees
 * apart), as a JSON array per strategy and instrument. The demo writes its live engine's into the
 * journal ({@value #FILE_NAME}) once the engine has stopped; parity compares the replayed engine's
 * with them, so "same" covers positions, fees and realized P&amp;L, not only the decisions.
 */
public final class FinalPositions
{
    public static final String FILE_NAME = "positions.json";

    private FinalPositions()
    {
    }

    /** The positions as one JSON array: strategy, symbol, quantity, cost basis, realized P&amp;L, fees, fills. */
    public static String json(final Engine engine)
    {
        final Portfolio portfolio = engine.portfolio();
        final int e = portfolio.moneyExponent();
        final StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < portfolio.size(); i++)
        {
            final Position p = portfolio.position(i);
            json.append(i == 0 ? "" : ",").append(JsonOut.object()
                .field("strategy_id", p.strategyId())
                .field("symbol", p.instrument().symbol())
                .decimal("quantity", p.quantity(), p.instrument().sizeExponent())
                .decimal("cost_basis", p.costBasis(), e)
                .decimal("realized_pnl", p.realizedPnl(), e)
                .decimal("fees", p.fees(), e)
                .field("fills", p.fillCount())
                .toString());
        }
        return json.append(']').toString();
    }

    /** Writes the stopped live engine's positions into the journal directory. */
    public static void write(final Path journalDir, final Engine engine)
    {
        try
        {
            Files.writeString(journalDir.resolve(FILE_NAME), json(engine) + "\n", StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + journalDir.resolve(FILE_NAME), ex);
        }
    }

    /** The live engine's positions as the demo wrote them, or null for a journal without them (an older demo's). */
    public static String read(final Path journalDir)
    {
        final Path file = journalDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file))
        {
            return null;
        }
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }
}
