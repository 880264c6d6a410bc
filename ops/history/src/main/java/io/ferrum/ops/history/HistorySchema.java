package io.ferrum.ops.history;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The history schema, brought up to date at every start by Flyway from the versioned scripts in
 * {@code io/ferrum/ops/history/migration} (schema {@value Table#SCHEMA}, its own
 * {@code flyway_schema_history}), and the way its tables are split by time:
 * <ul>
 * <li>{@link Layout#TIMESCALE} when the database has TimescaleDB ({@code CREATE EXTENSION timescaledb}
 *     succeeds on a new schema): plain tables made hypertables of one-day chunks, compressed after
 *     seven days;</li>
 * <li>{@link Layout#PARTITIONED} otherwise: native range partitions by day of {@code ts_log}, made
 *     ahead of the rows by {@link DayPartitions}.</li>
 * </ul>
 * A schema that exists keeps the layout it was made with.
 */
final class HistorySchema
{
    /** How the tables are split by time. */
    enum Layout
    {
        PARTITIONED, TIMESCALE
    }

    private static final Logger LOG = LogManager.getLogger(HistorySchema.class);
    private static final String LOCATION = "classpath:io/ferrum/ops/history/migration";

    private HistorySchema()
    {
    }

    /**
     * Migrates the schema to {@code target} (null: the latest version).
     *
     * @return the layout of the tables
     */
    static Layout migrate(final PgConnector connector, final String target) throws SQLException
    {
        final Layout layout;
        try (Connection connection = connector.connect())
        {
            layout = layout(connection);
        }
        final MigrateResult result = Flyway.configure(HistorySchema.class.getClassLoader())
            .dataSource(connector.dataSource())
            .schemas(Table.SCHEMA)
            .createSchemas(true)
            .locations(LOCATION)
            .placeholders(Map.of("partition_by", layout == Layout.PARTITIONED ? "PARTITION BY RANGE (ts_log)" : ""))
            .target(null == target ? MigrationVersion.LATEST : MigrationVersion.fromVersion(target))
            .load()
            .migrate();
        if (result.migrationsExecuted > 0)
        {
            LOG.info("history schema migrated from version {} to {} ({} layout)",
                null == result.initialSchemaVersion ? "none" : result.initialSchemaVersion, result.targetSchemaVersion,
                layout.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (layout == Layout.TIMESCALE)
        {
            try (Connection connection = connector.connect())
            {
                hypertables(connection);
                connection.commit();
            }
        }
        return layout;
    }

    private static Layout layout(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet kind = statement.executeQuery("SELECT c.relkind FROM pg_class c JOIN pg_namespace n " +
                "ON n.oid = c.relnamespace WHERE n.nspname = '" + Table.SCHEMA + "' AND c.relname = 'inputs'"))
        {
            if (kind.next())
            {
                return "p".equals(kind.getString(1)) ? Layout.PARTITIONED : Layout.TIMESCALE;
            }
        }
        try (Statement statement = connection.createStatement())
        {
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            connection.commit();
            return Layout.TIMESCALE;
        }
        catch (final SQLException absent)
        {
            connection.rollback();
            LOG.info("TimescaleDB is not available ({}): daily range partitions", absent.getMessage());
            return Layout.PARTITIONED;
        }
    }

    /** Every table a hypertable of one-day chunks, compressed by log after a week; repeatable. */
    private static void hypertables(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            for (final Table table : Table.values())
            {
                final String name = "'" + table.qualifiedName() + "'";
                statement.execute("SELECT create_hypertable(" + name + ", 'ts_log', chunk_time_interval => " +
                    "INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE)");
                statement.execute("ALTER TABLE " + table.qualifiedName() +
                    " SET (timescaledb.compress, timescaledb.compress_segmentby = 'log_id')");
                statement.execute("SELECT add_compression_policy(" + name + ", INTERVAL '7 days', if_not_exists => TRUE)");
            }
        }
    }
}
