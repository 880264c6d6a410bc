package io.ferrum.strategy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyApiTest
{
    private static final Path SOURCES = Path.of("src/main/java/io/ferrum/strategy");

    @Test
    void theManifestStatesTheVersionOfTheConstant() throws IOException
    {
        final String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<ferrum.strategy.api.version>" + StrategyApi.VERSION + "</ferrum.strategy.api.version>"),
            "pom.xml's ferrum.strategy.api.version (the manifest's Specification-Version) must be " + StrategyApi.VERSION);
    }

    @Test
    void theApiImportsNothingOfTheEngineAeronOrTheCodecs() throws IOException
    {
        final List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
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

    @Test
    void aRefusedResultNamesItsReason()
    {
        assertEquals(RejectReason.MAX_ORDER_QUANTITY, RejectReason.ofResult(-1));
        assertEquals(RejectReason.UNKNOWN_STRATEGY, RejectReason.ofResult(-17));
        assertEquals(RejectReason.FILTER_MAX_NUM_ORDERS, RejectReason.ofResult(-21));
        assertEquals(RejectReason.INSUFFICIENT_BALANCE, RejectReason.ofResult(-22));
        assertEquals(null, RejectReason.ofResult(-23));
        assertEquals(null, RejectReason.ofResult(Long.MIN_VALUE));
        assertEquals(null, RejectReason.ofResult(0));
        assertEquals(null, RejectReason.ofResult(42));
        assertTrue(OrderRequest.isRejected(-3));
        assertTrue(!OrderRequest.isRejected(3));
    }

    @Test
    void terminalStatuses()
    {
        assertTrue(OrderStatus.FILLED.isTerminal() && OrderStatus.CANCELED.isTerminal() &&
            OrderStatus.REJECTED.isTerminal() && OrderStatus.EXPIRED.isTerminal());
        assertTrue(!OrderStatus.PENDING_NEW.isTerminal() && !OrderStatus.ACKNOWLEDGED.isTerminal() &&
            !OrderStatus.PARTIALLY_FILLED.isTerminal());
    }
}
