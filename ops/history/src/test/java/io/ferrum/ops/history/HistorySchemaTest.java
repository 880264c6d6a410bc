package io.ferrum.ops.history;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history schema on a real PostgreSQL: a database left at version 1 by an older Ferrum is
 * migrated to the latest with its rows kept and written on from where it stood; daily partitions are
 * made ahead of the rows and old ones detached; and the TimescaleDB layout where the extension
 * exists (skipped, saying why, where it does not: the embedded PostgreSQL has none).
 */
class HistorySchemaTest
{
    @TempDir
    static Path dir;

    private static EmbeddedHistoryDatabase database;

    @BeforeAll
    static void startDatabase() throws Exception
    {
        database = EmbeddedHistoryDatabase.start(dir.resolve("pg"), 0);
    }

    @AfterAll
    static void stopDatabase() throws Exception
    {
        database.close();
    }

    @Test
    void aDatabaseAtAnOlderVersionIsMigratedWithItsRowsAndWrittenOnFromWhereItStood() throws Exception
    {
        final String url = database(url("older"));
        final PgConnector connector = PgConnector.of(url, Map.of());
        assertEquals(HistorySchema.Layout.PARTITIONED, HistorySchema.migrate(connector, "1"));
        assertEquals("1", HistoryDb.first(url, "SELECT max(version) FROM history.flyway_schema_history"));
        assertEquals("0", HistoryDb.first(url, "SELECT count(*) FROM information_schema.tables " +
            "WHERE table_schema = 'history' AND table_name = 'positions'"), "version 1 has no positions");
        // what version 1 wrote: a log, a trade, and the mark
        HistoryDb.execute(url, "CREATE TABLE history.trades_p20210405 PARTITION OF history.trades FOR VALUES FROM " +
            "('2021-04-05 00:00:00+00') TO ('2021-04-06 00:00:00+00')");
        HistoryDb.execute(url, "INSERT INTO history.logs (name, engine_config) VALUES ('old-log', 'instruments = x')");
        HistoryDb.execute(url, "INSERT INTO history.trades VALUES (1, 96, '2021-04-05 10:00:00+00', " +
            "'2021-04-05 10:00:00+00', 'binance_spot', 'ZILUSDT', 1, NULL, NULL, NULL, 0.21440000, 10.5, 'buy', 1, 1)");
        HistoryDb.execute(url, "INSERT INTO history.progress VALUES (1, 96, 1, now())");

        assertEquals(HistorySchema.Layout.PARTITIONED, HistorySchema.migrate(connector, null));
        assertEquals("3", HistoryDb.first(url, "SELECT max(version) FROM history.flyway_schema_history"));
        assertEquals("0.21440000|10.5", HistoryDb.first(url, "SELECT price, quantity FROM history.trades"),
            "the old rows are kept as they were");
        final HistoryStore store = new HistoryStore(connector::connect, new DayPartitions(1));
        final long[] registered = store.register("old-log", Map.of());
        assertEquals(1, registered[0]);
        assertEquals(96, registered[1], "a writer goes on from the position version 1 reached");
        final Batch batch = new Batch();
        final long timeNs = LocalDate.of(2021, 4, 6).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        batch.row(Table.POSITIONS, 1, 128, timeNs, 0).value(7).value("ZILUSDT").decimal(10, 0).decimal(2144, -4)
            .decimal(0, -8).decimal(16, -8).nullValue().nullValue().end();
        batch.readUpTo(128);
        store.commit(batch, 1, 96);
        store.close();
        assertEquals("7|10|0.2144|0.00000000|0.00000016", HistoryDb.first(url,
            "SELECT strategy_id, quantity, average_price, realized_pnl, fees FROM history.positions"));
        assertEquals("128", HistoryDb.first(url, "SELECT log_position FROM history.progress WHERE log_id = 1"));
        assertEquals("instruments = x", HistoryDb.first(url, "SELECT engine_config FROM history.logs WHERE log_id = 1"),
            "a version 1 log keeps its engine file, which a backtest falls back on");
    }

    @Test
    void dailyPartitionsAreMadeAheadOfTheRowsAndOldOnesDetached() throws Exception
    {
        final String url = database(url("partitions"));
        final PgConnector connector = PgConnector.of(url, Map.of());
        HistorySchema.migrate(connector, null);
        final long day = LocalDate.of(2026, 12, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        try (Connection connection = connector.connect())
        {
            final DayPartitions partitions = new DayPartitions(2);
            partitions.ensure(connection, day, day + 86_400_000_000_000L); // rows on Dec 1 and 2, and two days ahead
            connection.commit();
        }
        assertEquals(List.of("trades_p20261201", "trades_p20261202", "trades_p20261203", "trades_p20261204"),
            HistoryDb.rows(url, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
                "WHERE i.inhparent = 'history.trades'::regclass ORDER BY 1"));
        try (Connection connection = connector.connect())
        {
            final List<String> detached = DayPartitions.detachBefore(connection, LocalDate.of(2026, 12, 3));
            connection.commit();
            assertTrue(detached.contains("history.trades_p20261201") && detached.contains("history.positions_p20261202"),
                detached.toString());
            assertEquals(2 * Table.values().length, detached.size());
        }
        assertEquals(List.of("trades_p20261203", "trades_p20261204"), HistoryDb.rows(url,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
            "WHERE i.inhparent = 'history.trades'::regclass ORDER BY 1"));
        assertEquals("1", HistoryDb.first(url, "SELECT count(*) FROM pg_class WHERE relname = 'trades_p20261201'"),
            "detached, not dropped: the desk's retention decides");
    }

    @Test
    void whereTimescaleDbIsInstalledTheTablesAreCompressedHypertables() throws Exception
    {
        final String url = database(url("timescale"));
        String absent = null;
        try (Connection connection = java.sql.DriverManager.getConnection(url);
            Statement statement = connection.createStatement())
        {
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        }
        catch (final SQLException ex)
        {
            absent = ex.getMessage();
        }
        final String reason = "TimescaleDB is not installed in this PostgreSQL (" + absent + "): the partitioned " +
            "layout is tested instead";
        if (null != absent)
        {
            System.out.println("SKIPPED " + getClass().getSimpleName() + ": " + reason);
        }
        Assumptions.assumeTrue(null == absent, reason);
        assertEquals(HistorySchema.Layout.TIMESCALE, HistorySchema.migrate(PgConnector.of(url, Map.of()), null));
        assertEquals("11", HistoryDb.first(url, "SELECT count(*) FROM timescaledb_information.hypertables " +
            "WHERE hypertable_schema = 'history' AND compression_enabled"));
    }

    /** A database of its own for each test, in the one server. */
    private static String database(final String name)
    {
        HistoryDb.execute(database.url(), "CREATE DATABASE " + name.substring(name.lastIndexOf('/') + 1,
            name.indexOf('?')));
        return name;
    }

    private static String url(final String db)
    {
        return database.url().replace("/" + EmbeddedHistoryDatabase.DATABASE + "?", "/" + db + "?");
    }
}
