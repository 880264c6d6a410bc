package io.ferrum.ops.logging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.gateway.logging.LogFields;
import io.ferrum.ops.JsonSchemas;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped log4j2 configuration: asynchronous on the Disruptor, JSON lines on stderr with Ferrum's fields. */
class StructuredLoggingTest
{
    @Test
    void loggersAreAsynchronousOnTheDisruptor()
    {
        final LoggerContext context = (LoggerContext)LogManager.getContext(false);
        assertInstanceOf(AsyncLoggerContext.class, context, "log4j2.component.properties selects all-async loggers");
        LogFields.component("test");
        // Starts the ring: Log4j 2.25 runs on the pinned Disruptor 4.
        LogManager.getLogger(StructuredLoggingTest.class).info("async logger started");
        assertEquals("com.lmax.disruptor.RingBuffer", com.lmax.disruptor.RingBuffer.class.getName());
        ThreadContext.clearMap();
        assertTrue(context.getConfiguration().getAppenders().containsKey("stderr"));
    }

    @Test
    void eventsAreJsonLinesWithFerrumsFields() throws Exception
    {
        final LoggerContext context = (LoggerContext)LogManager.getContext(false);
        final Appender appender = context.getConfiguration().getAppender("stderr");
        final Layout<?> layout = appender.getLayout();
        final StringMap data = ContextDataFactory.createContextData();
        data.putValue(LogFields.COMPONENT, "analytics");
        data.putValue(LogFields.SYMBOL, "BTCUSDT");
        data.putValue(LogFields.STREAM_ID, "3");
        data.putValue(LogFields.LAG_MS, "12");
        final LogEvent event = Log4jLogEvent.newBuilder()
            .setLoggerName("io.ferrum.ops.analytics.AnalyticsConsumer")
            .setLevel(Level.WARN)
            .setMessage(new ParameterizedMessage("book gap: diff {}..{}", 105, 106))
            .setContextData(data)
            .setTimeMillis(1_617_647_600_123L)
            .setThrown(new IllegalStateException("boom"))
            .build();
        final String line = new String(layout.toByteArray(event), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line per event: " + line);
        final JsonNode json = JsonSchemas.assertValid("log_line", line);
        assertEquals("2021-04-05T18:33:20.123000Z", json.path("ts").asText());
        assertEquals("WARN", json.path("level").asText());
        assertEquals("analytics", json.path("component").asText());
        assertEquals("BTCUSDT", json.path("symbol").asText());
        assertEquals("3", json.path("stream_id").asText());
        assertEquals("12", json.path("lag_ms").asText());
        assertEquals("book gap: diff 105..106", json.path("message").asText());
        assertEquals("java.lang.IllegalStateException", json.path("error").path("type").asText());

        final LogEvent plain = Log4jLogEvent.newBuilder().setLoggerName("x").setLevel(Level.INFO)
            .setMessage(new ParameterizedMessage("hello")).build();
        final JsonNode bare = JsonSchemas.assertValid("log_line", new String(layout.toByteArray(plain), StandardCharsets.UTF_8));
        assertFalse(bare.has("symbol"), "fields that do not apply are left out: " + bare);
    }
}
