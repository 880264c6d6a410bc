package io.ferrum.engine;

import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentFilters;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.SpotAccount;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.risk.RiskConfigException;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.risk.RiskManager;
import io.ferrum.strategy.RejectReason;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The balance rule (risk.balance.check = venue): an order the venue account's free balance cannot cover,
 * less what the engine reserved for orders the venue's balances do not show yet, never leaves; the account
 * moves only on AccountBalances from the log, and is in the snapshot and the hash.
 * <p>
 * BTCUSDT at price exponent -2 and size exponent -5: 0.01 BTC (1 000) at 50 000.00 (5 000 000) is 500 USDT,
 * 500_00000000 at the balance exponent -8.
 */
class BalanceRuleTest
{
    private static final int MD = 1;
    private static final int VENUE = 2;
    private static final long QTY = 1_000; // 0.01 BTC
    private static final long PRICE = 5_000_000; // 50 000.00 USDT
    private static final long USDT = 100_000_000L; // one unit at -8

    private final Instrument btc = new Instrument(1, "BTCUSDT", Venue.BINANCE_SPOT, -2, -5, 1, 100, "BTC", "USDT",
        InstrumentFilters.NONE);
    private final Instrument bare = new Instrument(2, "XYZUSDT", Venue.BINANCE_SPOT, -2, -5, 1, 100);
    private final InstrumentRegistry instruments = new InstrumentRegistry().add(btc).add(bare);
    private final CapturingOutput output = new CapturingOutput();
    private final TestMessages encode = new TestMessages();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final List<byte[]> log = new ArrayList<>();
    private long position;
    private long mdSeq;
    private long venueSeq;
    private ScriptedStrategy strategy;

    private Engine engine(final String... riskLines)
    {
        strategy = new ScriptedStrategy(7);
        final RiskPreTradeCheck check = new RiskPreTradeCheck(
            RiskConfigParser.parse(String.join("\n", riskLines), "test", Map.of()), instruments);
        return new Engine(new Engine.Context().instruments(instruments).output(output).timerScheduler(new ManualTimers())
            .preTradeCheck(check).addStrategy(strategy));
    }

    private Engine checked()
    {
        return engine("risk.balance.check = venue");
    }

    private void feed(final Engine engine, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        log.add(copy);
        engine.onInput(new UnsafeBuffer(copy), 0, length, ++position, 1_000_000_000L * position);
    }

    private void book(final Engine engine)
    {
        feed(engine, encode.bookSnapshot(buffer, 0, MD, ++mdSeq, 0, btc, mdSeq,
            new long[][]{{PRICE - 100, 100_000}}, new long[][]{{PRICE + 100, 100_000}}));
    }

    private void balances(final Engine engine, final BalanceUpdate update, final String[] assets, final long[] free)
    {
        final byte[][] raw = new byte[assets.length][];
        for (int i = 0; i < assets.length; i++)
        {
            raw[i] = assets[i].getBytes(StandardCharsets.US_ASCII);
        }
        feed(engine, encode.accountBalances(buffer, 0, VENUE, ++venueSeq, update, -8, raw, free, new long[assets.length]));
    }

    private void usdt(final Engine engine, final long free)
    {
        balances(engine, BalanceUpdate.CHANGED, new String[]{"USDT"}, new long[]{free});
    }

    private void report(final Engine engine, final long id, final ExecType type, final OrderStatus status,
        final long filled)
    {
        feed(engine, encode.executionReport(buffer, 0, VENUE, ++venueSeq, 0, btc, id, type, status, Side.BUY,
            filled == 0 ? 0 : PRICE, filled, filled, QTY - filled, 0, Liquidity.TAKER));
    }

    private long buy(final long price, final long quantity)
    {
        return strategy.ctx.newOrder().instrument(1).buy().limit(price).quantity(quantity).send();
    }

    private int sent()
    {
        return output.ofTemplate(NewOrderDecoder.TEMPLATE_ID).size();
    }

    private RiskRejectDecoder lastReject()
    {
        final List<UnsafeBuffer> rejects = output.ofTemplate(RiskRejectDecoder.TEMPLATE_ID);
        final RiskRejectDecoder d = new RiskRejectDecoder();
        d.wrapAndApplyHeader(rejects.get(rejects.size() - 1), 0, header);
        return d;
    }

    private static final long INSUFFICIENT = -RiskRejectReason.INSUFFICIENT_BALANCE.value();

    @Test
    void aBuyNeedsItsNotionalInTheQuoteAssetAndARefusalNeverLeaves()
    {
        final Engine engine = checked();
        book(engine);
        usdt(engine, 499 * USDT);

        assertEquals(INSUFFICIENT, buy(PRICE, QTY));
        assertEquals(0, sent(), "nothing for the venue");
        final RiskRejectDecoder reject = lastReject();
        assertEquals(RiskRejectReason.INSUFFICIENT_BALANCE, reject.reason());
        assertEquals(RiskManager.BALANCE_EXPONENT, reject.valueExponent());
        assertEquals(500 * USDT, reject.observed(), "what the order needs");
        assertEquals(499 * USDT, reject.limitValue(), "what was free");
        assertEquals(RejectReason.INSUFFICIENT_BALANCE, RejectReason.ofResult(INSUFFICIENT), "as a strategy sees it");

        // the audit record on the log: the balance rule is the failing (last) check, with its values
        final List<UnsafeBuffer> decisions = output.ofTemplate(RiskDecisionDecoder.TEMPLATE_ID);
        final RiskDecisionDecoder decision = new RiskDecisionDecoder();
        decision.wrapAndApplyHeader(decisions.get(decisions.size() - 1), 0, header);
        assertEquals(RiskRejectReason.INSUFFICIENT_BALANCE, decision.reason());
        RiskDecisionDecoder.ChecksDecoder last = null;
        for (final RiskDecisionDecoder.ChecksDecoder check : decision.checks())
        {
            last = check;
        }
        assertEquals(RiskRejectReason.INSUFFICIENT_BALANCE, last.check());
        assertEquals(Scope.INSTRUMENT, last.scope());
        assertEquals(500 * USDT, last.observed());
        assertEquals(499 * USDT, last.limitValue());

        usdt(engine, 500 * USDT);
        assertTrue(buy(PRICE, QTY) > 0, "exactly covered");
        assertEquals(1, sent());
    }

    @Test
    void aSellNeedsItsQuantityInTheBaseAsset()
    {
        final Engine engine = checked();
        book(engine);
        balances(engine, BalanceUpdate.SNAPSHOT, new String[]{"BTC", "USDT"}, new long[]{999_999L, 0});

        assertEquals(INSUFFICIENT, strategy.ctx.newOrder().instrument(1).sell().limit(PRICE).quantity(QTY).send());
        assertEquals(1_000_000L, lastReject().observed(), "0.01 BTC at -8");
        assertEquals(999_999L, lastReject().limitValue());
        assertTrue(strategy.ctx.newOrder().instrument(1).sell().limit(PRICE).quantity(900).send() > 0);
    }

    @Test
    void aMarketBuyIsMeasuredAtTheReferencePrice()
    {
        final Engine engine = checked();
        book(engine); // mid 50 000.00
        usdt(engine, 500 * USDT - 1);
        assertEquals(INSUFFICIENT, strategy.ctx.newOrder().instrument(1).buy().market().quantity(QTY).send());
        assertEquals(500 * USDT, lastReject().observed());

        usdt(engine, 500 * USDT);
        assertTrue(strategy.ctx.newOrder().instrument(1).buy().market().quantity(QTY).send() > 0);
    }

    @Test
    void nothingLeavesBeforeTheVenuesFirstBalances()
    {
        final Engine engine = checked();
        book(engine);
        assertFalse(engine.orderManager().account().isKnown());
        assertEquals(INSUFFICIENT, buy(PRICE, 100));
        assertEquals(0, lastReject().limitValue());
        assertEquals(0, sent());
    }

    @Test
    void anInstrumentWithoutAssetsIsRefusedWhenTheRuleApplies()
    {
        final Engine engine = checked();
        usdt(engine, 1_000_000 * USDT);
        feed(engine, encode.bookSnapshot(buffer, 0, MD, ++mdSeq, 0, bare, 1,
            new long[][]{{100, 100_000}}, new long[][]{{101, 100_000}}));
        assertEquals(INSUFFICIENT, strategy.ctx.newOrder().instrument(2).buy().limit(100).quantity(100).send());
        assertEquals(0, sent());
    }

    @Test
    void twoQuickOrdersCannotSpendTheSameBalanceAndTheVenuesBalanceReleasesTheReservation()
    {
        final Engine engine = checked();
        book(engine);
        usdt(engine, 800 * USDT);
        final SpotAccount account = engine.orderManager().account();
        final int slot = account.slotOf("USDT");

        final long first = buy(PRICE, QTY); // 500
        assertTrue(first > 0);
        assertEquals(500 * USDT, account.reserved(slot));
        assertEquals(INSUFFICIENT, buy(PRICE, QTY), "800 free, 500 reserved: 300 left");
        assertEquals(300 * USDT, lastReject().limitValue());

        // balances before the order's first report do not release it (they cannot show it yet)
        usdt(engine, 800 * USDT);
        assertEquals(500 * USDT, account.reserved(slot));

        report(engine, first, ExecType.NEW, OrderStatus.ACKNOWLEDGED, 0);
        assertEquals(500 * USDT, account.reserved(slot), "the report alone releases nothing");
        // balances of another asset do not show this order's lock
        balances(engine, BalanceUpdate.CHANGED, new String[]{"BTC"}, new long[]{0});
        assertEquals(500 * USDT, account.reserved(slot));

        // the venue's balances with the order's lock: free 300, nothing reserved any more, never both
        usdt(engine, 300 * USDT);
        assertEquals(0, account.reserved(slot));
        assertEquals(0, account.reservationCount());
        assertEquals(INSUFFICIENT, buy(PRICE, QTY));
        assertEquals(300 * USDT, lastReject().limitValue());
        assertTrue(buy(PRICE, 600) > 0, "300 USDT of it");
    }

    @Test
    void anOrderEndedWithoutAFillReleasesAtOnceAndAFilledOneWaitsForTheBalances()
    {
        final Engine engine = checked();
        book(engine);
        usdt(engine, 1_000 * USDT);
        final SpotAccount account = engine.orderManager().account();
        final int slot = account.slotOf("USDT");

        final long rejected = buy(PRICE, QTY);
        report(engine, rejected, ExecType.REJECTED, OrderStatus.REJECTED, 0);
        assertEquals(0, account.reserved(slot), "a venue reject spends nothing");

        final long filled = buy(PRICE, QTY);
        report(engine, filled, ExecType.FILL, OrderStatus.FILLED, QTY);
        assertEquals(500 * USDT, account.reserved(slot), "filled and gone, but the balances do not show it yet");
        assertEquals(0, engine.orderManager().openOrderCount());
        usdt(engine, 500 * USDT);
        assertEquals(0, account.reserved(slot));
    }

    @Test
    void aReplaceMaySpendWhatItsOrderHolds()
    {
        final Engine engine = checked();
        book(engine);
        usdt(engine, 500 * USDT);
        final long id = buy(PRICE, QTY);
        report(engine, id, ExecType.NEW, OrderStatus.ACKNOWLEDGED, 0);
        usdt(engine, 0); // the venue locked all of it for the order
        final SpotAccount account = engine.orderManager().account();
        assertEquals(0, account.reservationCount());

        assertEquals(INSUFFICIENT, strategy.ctx.replace(id, PRICE + 1, QTY), "needs 0.0001 USDT more than it holds");
        assertEquals(0, output.ofTemplate(ReplaceOrderDecoder.TEMPLATE_ID).size());
        final long replacement = strategy.ctx.replace(id, PRICE - 100_000, QTY);
        assertTrue(replacement > 0, "a cheaper price fits in what the order holds");
        assertEquals(0, account.reservationCount(), "and needs nothing beyond it");
    }

    @Test
    void offByDefaultAsThePaperVenueSendsNoBalances()
    {
        final Engine engine = engine();
        book(engine);
        assertTrue(buy(PRICE, QTY) > 0);
        assertEquals(0, engine.orderManager().account().reservationCount());
        assertThrows(RiskConfigException.class, () -> engine("risk.balance.check = maybe"));
    }

    @Test
    void hostileBalancesAreCountedAndDroppedWhole()
    {
        final Engine engine = checked();
        usdt(engine, 100 * USDT);
        final SpotAccount account = engine.orderManager().account();
        final int slot = account.slotOf("USDT");
        final long malformed = engine.counters().get(EngineCounters.MALFORMED_INPUTS);

        final byte[] usdt = "USDT".getBytes(StandardCharsets.US_ASCII);
        final byte[][] cases = {
            {'U', 'S', (byte)0xC3, 'T'},          // not ASCII
            {'U', 'S', 0, 'T'},                   // text after the padding
            {},                                   // empty
        };
        for (final byte[] asset : cases)
        {
            feed(engine, encode.accountBalances(buffer, 0, VENUE, ++venueSeq, BalanceUpdate.SNAPSHOT, -8,
                new byte[][]{usdt, asset}, new long[]{1, 1}, new long[]{0, 0}));
        }
        feed(engine, encode.accountBalances(buffer, 0, VENUE, ++venueSeq, BalanceUpdate.CHANGED, -8,
            new byte[][]{usdt}, new long[]{-1}, new long[]{0}));
        feed(engine, encode.accountBalances(buffer, 0, VENUE, ++venueSeq, BalanceUpdate.CHANGED, 0,
            new byte[][]{usdt}, new long[]{Long.MAX_VALUE / 10}, new long[]{0})); // does not fit at -8
        feed(engine, encode.accountBalances(buffer, 0, VENUE, ++venueSeq, BalanceUpdate.CHANGED, 3,
            new byte[][]{usdt}, new long[]{1}, new long[]{0})); // exponent out of range
        feed(engine, encode.accountBalances(buffer, 0, VENUE, ++venueSeq, BalanceUpdate.NULL_VAL, -8,
            new byte[][]{usdt}, new long[]{1}, new long[]{0}));

        assertEquals(malformed + 7, engine.counters().get(EngineCounters.MALFORMED_INPUTS));
        assertEquals(100 * USDT, account.free(slot), "nothing applied");

        // an asset no instrument trades is not kept, and is no error
        balances(engine, BalanceUpdate.CHANGED, new String[]{"DOGE", "USDT"}, new long[]{5, 7 * USDT});
        assertEquals(7 * USDT, account.free(slot));
        assertEquals(-1, account.slotOf("DOGE"));
        assertEquals(malformed + 7, engine.counters().get(EngineCounters.MALFORMED_INPUTS));
        // a snapshot zeroes what it does not list
        feed(engine, encode.accountBalances(buffer, 0, VENUE, ++venueSeq, BalanceUpdate.SNAPSHOT, -8,
            new byte[][]{"BTC".getBytes(StandardCharsets.US_ASCII)}, new long[]{3}, new long[]{4}));
        assertEquals(0, account.free(slot));
        assertEquals(3, account.free(account.slotOf("BTC")));
        assertEquals(4, account.locked(account.slotOf("BTC")));
    }

    /** The strategy buys 0.01 BTC on every book, inside the input: a replay of the log makes the same orders. */
    private Engine buyingOnEveryBook()
    {
        final Engine engine = checked();
        strategy.onBookAction = ctx -> ctx.newOrder().instrument(1).buy().limit(PRICE).quantity(QTY).send();
        return engine;
    }

    @Test
    void aReplayGivesTheSameHashAndASnapshotRestoresTheAccountAndItsReservations()
    {
        final Engine engine = buyingOnEveryBook();
        usdt(engine, 800 * USDT);
        book(engine); // order 1: 500 reserved
        book(engine); // refused: 300 left
        assertEquals(1, sent());
        final long first = firstOrderId();
        report(engine, first, ExecType.NEW, OrderStatus.ACKNOWLEDGED, 0);
        final long hashWithReservation = engine.stateHash();

        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 16);
        final int length = engine.snapshotTo(snapshot, 0);
        final Engine restored = checked();
        restored.restoreFrom(snapshot, 0, length);
        assertEquals(hashWithReservation, restored.stateHash());
        final SpotAccount account = restored.orderManager().account();
        assertEquals(500 * USDT, account.reserved(account.slotOf("USDT")));
        assertEquals(INSUFFICIENT, buy(PRICE, QTY), "the restored engine still holds the first order's 500");

        usdt(engine, 300 * USDT); // releases order 1's reservation
        book(engine); // refused: 300 free
        final long finalHash = engine.stateHash();
        assertTrue(finalHash != hashWithReservation);

        final List<byte[]> recorded = new ArrayList<>(log);
        final Engine replay = buyingOnEveryBook();
        long at = 0;
        for (final byte[] input : recorded)
        {
            at++;
            replay.onInput(new UnsafeBuffer(input), 0, input.length, at, 1_000_000_000L * at);
            if (at == 4)
            {
                assertEquals(hashWithReservation, replay.stateHash());
            }
        }
        assertEquals(finalHash, replay.stateHash());
    }

    private long firstOrderId()
    {
        final NewOrderDecoder order = new NewOrderDecoder();
        order.wrapAndApplyHeader(output.ofTemplate(NewOrderDecoder.TEMPLATE_ID).get(0), 0, header);
        return order.clientOrderId();
    }
}
