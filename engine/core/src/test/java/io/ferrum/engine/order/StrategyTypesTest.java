package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.strategy.RejectReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The strategy API's enums mirror the wire's, constant for constant, so no value is lost either way. */
class StrategyTypesTest
{
    @Test
    void everyWireConstantHasItsApiCounterpartAndBack()
    {
        for (final Side side : Side.values())
        {
            if (side != Side.NULL_VAL)
            {
                assertEquals(side.name(), StrategyTypes.toApi(side).name());
                assertEquals(side, StrategyTypes.toSbe(StrategyTypes.toApi(side)));
            }
        }
        for (final OrderType type : OrderType.values())
        {
            if (type != OrderType.NULL_VAL)
            {
                assertEquals(type.name(), StrategyTypes.toApi(type).name());
            }
        }
        for (final TimeInForce tif : TimeInForce.values())
        {
            if (tif != TimeInForce.NULL_VAL)
            {
                assertEquals(tif, StrategyTypes.toSbe(StrategyTypes.toApi(tif)));
            }
        }
        for (final OrderStatus status : OrderStatus.values())
        {
            if (status != OrderStatus.NULL_VAL)
            {
                assertEquals(status.name(), StrategyTypes.toApi(status).name());
                assertEquals(Order.isTerminal(status), StrategyTypes.toApi(status).isTerminal());
            }
        }
        for (final Liquidity liquidity : Liquidity.values())
        {
            if (liquidity != Liquidity.NULL_VAL)
            {
                assertEquals(liquidity.name(), StrategyTypes.toApi(liquidity).name());
            }
        }
        assertEquals(Side.values().length - 1, io.ferrum.strategy.Side.values().length);
        assertEquals(OrderType.values().length - 1, io.ferrum.strategy.OrderType.values().length);
        assertEquals(OrderStatus.values().length - 1, io.ferrum.strategy.OrderStatus.values().length);
        assertNull(StrategyTypes.toApi((Side)null));
        assertNull(StrategyTypes.toSbe((io.ferrum.strategy.Side)null));
    }

    @Test
    void rejectReasonsKeepTheWireCodes()
    {
        for (final RiskRejectReason reason : RiskRejectReason.values())
        {
            if (reason != RiskRejectReason.NULL_VAL)
            {
                assertEquals(reason.name(), RejectReason.ofResult(-reason.value()).name());
            }
        }
        assertEquals(RiskRejectReason.values().length - 1, RejectReason.values().length);
    }

    @Test
    void theSampleStrategiesUseTheStrategyApiOnly() throws IOException
    {
        final List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/ferrum/engine/strategy")))
        {
            for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile)::iterator)
            {
                for (final String line : Files.readAllLines(file))
                {
                    if (line.startsWith("import ") && !line.startsWith("import java.") &&
                        !line.startsWith("import org.agrona.") && !line.startsWith("import io.ferrum.strategy."))
                    {
                        foreign.add(file.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign);
    }
}
