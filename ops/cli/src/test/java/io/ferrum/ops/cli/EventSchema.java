package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ferrum.ops.Fixtures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/** docs/schemas/event.schema.json, loaded once, with formats (date-time) asserted. */
public final class EventSchema
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private EventSchema()
    {
    }

    private static JsonSchema load()
    {
        try (InputStream in = Files.newInputStream(Fixtures.repoRoot().resolve("docs/schemas/event.schema.json")))
        {
            final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Parses and validates one event line; fails the test with every violation listed. */
    public static JsonNode assertValid(final String line)
    {
        try
        {
            final JsonNode node = MAPPER.readTree(line);
            final Set<ValidationMessage> errors = SCHEMA.validate(node);
            if (!errors.isEmpty())
            {
                fail("event does not match docs/schemas/event.schema.json: " + errors + "\n" + line);
            }
            return node;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not JSON: " + line, ex);
        }
    }

    static Set<ValidationMessage> violations(final String line) throws IOException
    {
        return SCHEMA.validate(MAPPER.readTree(line));
    }
}
