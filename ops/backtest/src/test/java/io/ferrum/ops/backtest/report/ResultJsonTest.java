package io.ferrum.ops.backtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.backtest.Backtest;
import io.ferrum.ops.backtest.BacktestResult;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.TestConfigs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultJsonTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonSchema schema() throws IOException
    {
        final JsonNode schema = MAPPER.readTree(
            Fixtures.repoRoot().resolve("docs/schemas/backtest_result.schema.json").toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    @Test
    void sameSeedGivesByteIdenticalResultsThatMatchTheSchema() throws IOException
    {
        final BacktestResult first = Backtest.run(TestConfigs.synthetic(11), null);
        final BacktestResult second = Backtest.run(TestConfigs.synthetic(11), null);
        final String json = ResultJson.write(first);
        assertEquals(json, ResultJson.write(second));
        assertEquals(HtmlReport.write(first), HtmlReport.write(second));
        assertNotEquals(json, ResultJson.write(Backtest.run(TestConfigs.synthetic(12), null)));

        assertTrue(first.portfolio().ordersSent() > 0, "the strategy traded");
        final Set<ValidationMessage> errors = schema().validate(MAPPER.readTree(json));
        assertTrue(errors.isEmpty(), errors.toString());
        JsonSchemas.assertValid("backtest_result", json);
        JsonSchemas.assertValid("backtest_summary", ResultJson.summary(first));
    }

    @Test
    void schemaRefusesAMalformedResult() throws IOException
    {
        final ObjectNode json = (ObjectNode)MAPPER.readTree(ResultJson.write(Backtest.run(TestConfigs.synthetic(3), null)));
        ((ObjectNode)json.get("portfolio").get("statistics")).put("net_profit", 12.5); // money must be a decimal string
        assertFalse(schema().validate(json).isEmpty());
        json.remove("run");
        assertFalse(schema().validate(json).isEmpty());
    }

    @Test
    void htmlReportIsSelfContained() throws IOException
    {
        final String html = HtmlReport.write(Backtest.run(TestConfigs.synthetic(5), null));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(4, html.split("<svg ", -1).length - 1, "equity, drawdown, positions and trades charts");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"));
        assertFalse(html.contains("https://"));
        assertFalse(html.contains("<script"));
    }
}
