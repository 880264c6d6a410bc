package io.ferrum.codecs.json;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonOutTest
{
    @Test
    void writesCompactJsonInFieldOrder()
    {
        final String json = JsonOut.object()
            .field("type", "x").field("n", 42L).field("ok", true).nullField("none")
            .beginArray("levels").beginArray().decimalValue(12345, -2).decimalValue(-5, -3).endArray().endArray()
            .beginObject("inner").rawField("raw", "{\"a\":1}").rawField("missing", null).endObject()
            .toString();
        assertEquals("{\"type\":\"x\",\"n\":42,\"ok\":true,\"none\":null,\"levels\":[[\"123.45\",\"-0.005\"]]," +
            "\"inner\":{\"raw\":{\"a\":1},\"missing\":null}}", json);
    }

    @Test
    void doublesAsJavaPrintsThemAndUndefinedAsNull()
    {
        assertEquals("{\"a\":0.1,\"b\":1.0E-7,\"c\":null,\"d\":null,\"e\":3.0}", JsonOut.object()
            .field("a", 0.1).field("b", 1e-7).field("c", Double.NaN).field("d", Double.POSITIVE_INFINITY).field("e", 3.0)
            .toString());
    }

    @Test
    void timesAreRfc3339Utc()
    {
        assertEquals("{\"t\":\"1970-01-01T00:00:00Z\",\"u\":\"2024-01-02T03:04:05.000000006Z\",\"v\":\"1969-12-31T23:59:59.999999999Z\"}",
            JsonOut.object().time("t", 0).time("u", 1_704_164_645_000_000_006L).time("v", -1).toString());
    }

    @Test
    void escapesQuotesBackslashesAndEveryControlCharacterIncludingDel()
    {
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u007F\u00e9\"}",
            JsonOut.object().field("s", "a\"b\\c\n\u0001\u007f\u00e9").toString());
    }
}
