package io.ferrum.ops.analytics;

import io.ferrum.ops.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/** docs/schemas/market_report.schema.json, loaded once, with formats (date-time) asserted. */
public final class ReportSchema
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private ReportSchema()
    {
    }

    private static JsonSchema load()
    {
        try (InputStream in = Files.newInputStream(
            Fixtures.repoRoot().resolve("docs/schemas/market_report.schema.json")))
        {
            final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Parses and validates a report; fails the test with every violation listed. */
    public static JsonNode assertValid(final String json)
    {
        try
        {
            final JsonNode node = MAPPER.readTree(json);
            final Set<ValidationMessage> errors = SCHEMA.validate(node);
            if (!errors.isEmpty())
            {
                fail("report does not match docs/schemas/market_report.schema.json: " + errors + "\n" + json);
            }
            return node;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not JSON: " + json, ex);
        }
    }

    public static Set<ValidationMessage> violations(final JsonNode node)
    {
        return SCHEMA.validate(node);
    }
}
