package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.sbe.AccountBalancesEncoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.CancelAllResultEncoder;
import io.ferrum.codecs.sbe.KillSwitchEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskDecisionEncoder;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitEncoder;
import io.ferrum.codecs.sbe.SetTradingStateEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.sequencer.journal.EventJson;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The SBE -> event JSON encoder against docs/schemas/event.schema.json: every type it writes
 * is valid, decimals keep the message's exponent, and what is not an event (another schema,
 * a truncated message) gives no line instead of an exception.
 */
class EventJsonTest
{
    private static final long T = 1_763_790_000_123_456_789L; // 2025-11-22T05:40:00.123456789Z
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EventJson json = new EventJson();

    @Test
    void tradeTick()
    {
        final TradeEncoder trade = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header);
        trade.source().sourceId(3).sequence(77).eventTimeNs(T).receiveTimeNs(T + 1);
        trade.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").priceExponent((byte)-2).sizeExponent((byte)-8)
            .tradeId(12345).price(8_612_345).quantity(150_000).tradeTimeNs(T).aggressor(Side.SELL);
        final String line = json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength(), 640, T);
        final JsonNode node = EventSchema.assertValid(line);
        assertEquals("trade_tick", node.get("type").asText());
        assertEquals("binance_spot", node.get("venue").asText());
        assertEquals("BTCUSDT", node.get("symbol").asText());
        assertEquals("2025-11-22T05:40:00.123456789Z", node.get("ts_event").asText());
        assertEquals(640, node.get("log_position").asLong());
        assertEquals("86123.45", node.get("payload").get("price").asText());
        assertEquals("0.00150000", node.get("payload").get("quantity").asText());
        assertEquals("sell", node.get("payload").get("aggressor").asText());
        assertEquals(77, node.get("payload").get("sequence").asLong());
        assertEquals("BTCUSDT", json.symbol());
    }

    @Test
    void orderBookDeltas()
    {
        final BookDeltaEncoder delta = new BookDeltaEncoder().wrapAndApplyHeader(buffer, 0, header);
        delta.source().sourceId(1).sequence(2).eventTimeNs(T).receiveTimeNs(T);
        delta.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").priceExponent((byte)-2).sizeExponent((byte)-3)
            .firstUpdateId(10).lastUpdateId(12);
        delta.bidsCount(2).next().price(100).quantity(0).next().price(99).quantity(1500);
        delta.asksCount(0);
        final String line = json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + delta.encodedLength(), -1, T);
        final JsonNode node = EventSchema.assertValid(line);
        assertEquals("order_book_deltas", node.get("type").asText());
        assertNull(node.get("log_position"), "no position off the log");
        assertEquals("[[\"1.00\",\"0.000\"],[\"0.99\",\"1.500\"]]", node.get("payload").get("bids").toString());
    }

    @Test
    void adminCommandsNameTheirOperatorAndStrategy()
    {
        final SetTradingStateEncoder state = new SetTradingStateEncoder().wrapAndApplyHeader(buffer, 0, header);
        state.source().sourceId(9).sequence(1).eventTimeNs(0).receiveTimeNs(T);
        state.scope(Scope.STRATEGY).targetId(2).state(TradingState.HALTED).operatorName("risk \"desk\"");
        JsonNode node = EventSchema.assertValid(
            json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + state.encodedLength(), 100, T));
        assertEquals("set_trading_state", node.get("type").asText());
        assertEquals("halted", node.get("payload").get("state").asText());
        assertEquals("risk \"desk\"", node.get("payload").get("operator").asText());
        assertEquals(2, json.strategyId());

        final KillSwitchEncoder kill = new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header);
        kill.source().sourceId(9).sequence(2).eventTimeNs(0).receiveTimeNs(0);
        kill.scope(Scope.GLOBAL).targetId(0).operatorName("ops");
        node = EventSchema.assertValid(
            json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + kill.encodedLength(), 200, T));
        assertEquals("kill_switch", node.get("type").asText());
        assertEquals("*", node.get("symbol").asText());
        assertEquals(0, json.strategyId());

        final SetRiskLimitEncoder limit = new SetRiskLimitEncoder().wrapAndApplyHeader(buffer, 0, header);
        limit.source().sourceId(9).sequence(3).eventTimeNs(0).receiveTimeNs(T);
        limit.scope(Scope.INSTRUMENT).targetId(1).riskLimit(RiskLimit.MAX_ORDER_QUANTITY).valueExponent((byte)-8)
            .value(5_000_000).operatorName("ops");
        node = EventSchema.assertValid(
            json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + limit.encodedLength(), 300, T));
        assertEquals("0.05000000", node.get("payload").get("value").asText());
        assertEquals("max_order_quantity", node.get("payload").get("risk_limit").asText());
    }

    @Test
    void aVenuesAnswerToTheKillSwitchListsEachOrderItCancelled()
    {
        final CancelAllResultEncoder result = new CancelAllResultEncoder().wrapAndApplyHeader(buffer, 0, header);
        result.source().sourceId(100).sequence(31).eventTimeNs(T).receiveTimeNs(T);
        result.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").venueErrorCode(0);
        result.ordersCount(2).next().clientOrderId(70).venueOrderId(1001).next().clientOrderId(0).venueOrderId(1002);
        final JsonNode node = EventSchema.assertValid(
            json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + result.encodedLength(), 500, T));
        assertEquals("cancel_all_result", node.get("type").asText());
        assertEquals("BTCUSDT", node.get("symbol").asText());
        assertEquals("[{\"client_order_id\":70,\"venue_order_id\":1001},{\"client_order_id\":0,\"venue_order_id\":1002}]",
            node.get("payload").get("orders").toString());
        assertEquals(0, node.get("payload").get("venue_error_code").asInt());
    }

    @Test
    void aVenueAccountsBalancesAreDecimalsAtTheirExponent()
    {
        final AccountBalancesEncoder balances = new AccountBalancesEncoder().wrapAndApplyHeader(buffer, 0, header);
        balances.source().sourceId(100).sequence(32).eventTimeNs(T).receiveTimeNs(T);
        balances.venue(Venue.BINANCE_SPOT).update(BalanceUpdate.SNAPSHOT).balanceExponent((byte)-8).updateTimeNs(T);
        balances.balancesCount(1).next().asset("USDT").free(1_234_567_891L).locked(50_000_000L);
        final JsonNode node = EventSchema.assertValid(
            json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + balances.encodedLength(), 600, T));
        assertEquals("account_balances", node.get("type").asText());
        assertEquals("snapshot", node.get("payload").get("update").asText());
        assertEquals("[{\"asset\":\"USDT\",\"free\":\"12.34567891\",\"locked\":\"0.50000000\"}]",
            node.get("payload").get("balances").toString());
    }

    /** What a risk officer reads of an order refused for its balance: the reason and the check, at 8 decimals. */
    @Test
    void anOrderRefusedForItsBalanceShowsWhatItNeededAndWhatWasSpendable()
    {
        final RiskDecisionEncoder decision = new RiskDecisionEncoder().wrapAndApplyHeader(buffer, 0, header);
        decision.source().sourceId(1000).sequence(65_536).eventTimeNs(T).receiveTimeNs(T);
        decision.causeLogPosition(1).venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT").strategyId(7)
            .clientOrderId(9).replacedClientOrderId(0).side(Side.BUY).orderType(OrderType.LIMIT)
            .priceExponent((byte)-2).sizeExponent((byte)-5).price(5_000_000).quantity(1_000)
            .reason(RiskRejectReason.INSUFFICIENT_BALANCE);
        decision.checksCount(1).next().check(RiskRejectReason.INSUFFICIENT_BALANCE).scope(Scope.INSTRUMENT).targetId(1)
            .valueExponent((byte)-8).observed(50_000_000_000L).limitValue(49_900_000_000L);
        final JsonNode node = EventSchema.assertValid(
            json.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + decision.encodedLength(), 700, T));
        assertEquals("risk_decision", node.get("type").asText());
        assertEquals("insufficient_balance", node.get("payload").get("reason").asText());
        final JsonNode check = node.get("payload").get("checks").get(0);
        assertEquals("insufficient_balance", check.get("check").asText());
        assertEquals("500.00000000", check.get("observed").asText());
        assertEquals("499.00000000", check.get("limit").asText());
    }

    @Test
    void timer()
    {
        final JsonNode node = EventSchema.assertValid(json.timer(42, 4096, T));
        assertEquals("timer", node.get("type").asText());
        assertEquals(42, node.get("payload").get("timer_id").asLong());
    }

    @Test
    void whatIsNotAnEventGivesNoLine() throws Exception
    {
        final TradeEncoder trade = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header);
        trade.source().sourceId(3).sequence(77);
        trade.symbol("BTCUSDT");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
        assertNull(json.format(buffer, 0, 4, 0, T), "shorter than a header");
        assertNull(json.format(buffer, 0, length - 1, 0, T), "truncated body");
        final SetTradingStateEncoder state = new SetTradingStateEncoder().wrapAndApplyHeader(buffer, 0, header);
        state.scope(Scope.GLOBAL).operatorName("someone with a long name");
        final int stateLength = MessageHeaderEncoder.ENCODED_LENGTH + state.encodedLength();
        assertNull(json.format(buffer, 0, stateLength - 5, 0, T), "variable field cut short");
        buffer.putShort(4, (short)7302); // another schema id (the sequencer's control messages)
        assertNull(json.format(buffer, 0, length, 0, T));
        assertFalse(EventSchema.violations("{\"type\":\"trade_tick\",\"venue\":\"x\",\"symbol\":\"A\"," +
            "\"ts_event\":\"2025-11-22T05:40:00+01:00\",\"payload\":{}}").isEmpty(), "the schema refuses non-UTC times");
    }
}
