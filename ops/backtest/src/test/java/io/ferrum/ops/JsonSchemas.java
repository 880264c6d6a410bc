package io.ferrum.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schemas of docs/schemas/ (2020-12, formats asserted), for tests that validate the JSON the
 * real code wrote. Each valid document is also checked the other way: with one of its snake_case
 * keys written in camelCase it must fail, so a schema cannot silently accept the wrong case.
 */
public final class JsonSchemas
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private JsonSchemas()
    {
    }

    /** Parses {@code json}, fails the test with every violation of {@code docs/schemas/<name>.schema.json}. */
    public static JsonNode assertValid(final String name, final String json)
    {
        final JsonNode node;
        try
        {
            node = MAPPER.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not JSON: " + json, ex);
        }
        final Set<ValidationMessage> errors = schema(name).validate(node);
        if (!errors.isEmpty())
        {
            fail(json + "\ndoes not match docs/schemas/" + name + ".schema.json: " + errors);
        }
        assertCamelCaseRefused(name, node);
        return node;
    }

    /** The violations of {@code docs/schemas/<name>.schema.json}, for tests of what a schema refuses. */
    public static Set<ValidationMessage> violations(final String name, final JsonNode node)
    {
        return schema(name).validate(node);
    }

    private static void assertCamelCaseRefused(final String name, final JsonNode node)
    {
        if (!(node instanceof ObjectNode object))
        {
            return;
        }
        final List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        for (final String key : keys)
        {
            if (key.indexOf('_') > 0)
            {
                final ObjectNode camel = object.deepCopy();
                camel.set(camelCase(key), camel.remove(key));
                assertFalse(schema(name).validate(camel).isEmpty(),
                    name + ".schema.json accepts the camelCase key " + camelCase(key));
                return;
            }
        }
    }

    private static String camelCase(final String key)
    {
        final StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (final char c : key.toCharArray())
        {
            if (c == '_')
            {
                upper = true;
            }
            else
            {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static JsonSchema schema(final String name)
    {
        return LOADED.computeIfAbsent(name, (n) ->
        {
            try (InputStream in = Files.newInputStream(Fixtures.repoRoot().resolve("docs/schemas/" + n + ".schema.json")))
            {
                final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
    }
}
