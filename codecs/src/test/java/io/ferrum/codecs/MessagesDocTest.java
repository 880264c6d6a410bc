package io.ferrum.codecs;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/messages.md is what other teams code against: its schema id, version and template
 * ids must be the ones in the schema and in the generated codecs.
 */
class MessagesDocTest
{
    private static final Pattern SCHEMA_LINE = Pattern.compile("^Schema id: (\\d+), version: (\\d+)\\s*$", Pattern.MULTILINE);

    @Test
    void schemaIdAndVersionMatchTheDoc() throws Exception
    {
        final Matcher matcher = SCHEMA_LINE.matcher(doc());
        assertTrue(matcher.find(), "docs/messages.md needs a line 'Schema id: <id>, version: <version>'");
        final int documentedId = Integer.parseInt(matcher.group(1));
        final int documentedVersion = Integer.parseInt(matcher.group(2));

        assertEquals(documentedId, MessageHeaderDecoder.SCHEMA_ID);
        assertEquals(documentedVersion, MessageHeaderDecoder.SCHEMA_VERSION);
        assertEquals(String.valueOf(documentedId), SchemaFile.root().getAttribute("id"));
        assertEquals(String.valueOf(documentedVersion), SchemaFile.root().getAttribute("version"));
    }

    @Test
    void everyMessageIsCataloguedWithItsTemplateId() throws Exception
    {
        final String doc = doc();
        final List<SchemaFile.Message> messages = SchemaFile.messages();
        for (final SchemaFile.Message message : messages)
        {
            final Pattern row = Pattern.compile(
                "^\\|\\s*" + message.templateId() + "\\s*\\|\\s*`?" + message.name() + "`?\\s*\\|", Pattern.MULTILINE);
            assertTrue(row.matcher(doc).find(),
                "docs/messages.md lacks a table row '| " + message.templateId() + " | " + message.name() + " |'");
        }
    }

    private static String doc() throws Exception
    {
        final Path doc = Fixtures.repoRoot().resolve("docs").resolve("messages.md");
        assertTrue(Files.isRegularFile(doc), "missing " + doc);
        return Files.readString(doc);
    }
}
