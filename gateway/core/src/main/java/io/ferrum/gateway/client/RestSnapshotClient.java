package io.ferrum.gateway.client;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.gateway.binance.FeedStatusPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.BookSyncs;
import io.ferrum.gateway.book.SnapshotRequester;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Fetches {@code GET /api/v3/depth} snapshots over Netty's HTTP client, one request at a
 * time, on the feed's event loop: within the request-weight budget, backing off on 429
 * and stopping until {@code Retry-After} on 418. Every such change is a FeedStatus.
 */
final class RestSnapshotClient implements SnapshotRequester
{
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final EventLoop loop;
    private final URI base;
    private final SslContext ssl;
    private final int depthLimit;
    private final RestWeightLimiter weights;
    private final Backoff backoff;
    private final EpochNanoClock clock;
    private final ArrayDeque<Instrument> queue = new ArrayDeque<>();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private BookSyncs books;
    private FeedStatusPublisher status;
    private FeedState state = FeedState.CONNECTED;
    private boolean inFlight;
    private boolean scheduled;
    private long pausedUntilNs;
    private boolean closed;

    RestSnapshotClient(
        final EventLoop loop,
        final URI base,
        final SslContext ssl,
        final int depthLimit,
        final int weightPerMinute,
        final Backoff backoff,
        final EpochNanoClock clock)
    {
        this.loop = loop;
        this.base = base;
        this.ssl = ssl;
        this.depthLimit = depthLimit;
        this.weights = new RestWeightLimiter(weightPerMinute);
        this.backoff = backoff;
        this.clock = clock;
    }

    void bind(final BookSyncs books, final FeedStatusPublisher status)
    {
        this.books = books;
        this.status = status;
    }

    public void requestSnapshot(final Instrument instrument)
    {
        if (!queue.contains(instrument))
        {
            queue.add(instrument);
        }
        pump();
    }

    void close()
    {
        closed = true;
        queue.clear();
    }

    private void pump()
    {
        if (closed || inFlight || scheduled || queue.isEmpty())
        {
            return;
        }
        final long nowNs = System.nanoTime();
        long waitNs = pausedUntilNs - nowNs;
        if (waitNs <= 0)
        {
            waitNs = weights.tryAcquire(RestWeightLimiter.depthWeight(depthLimit), nowNs);
        }
        if (waitNs > 0)
        {
            scheduled = true;
            loop.schedule(() ->
            {
                scheduled = false;
                pump();
            }, waitNs, TimeUnit.NANOSECONDS);
            return;
        }
        send(queue.peek());
    }

    private void send(final Instrument instrument)
    {
        inFlight = true;
        final int port = base.getPort() > 0 ? base.getPort() : ssl != null ? 443 : 80;
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), base.getHost(), port));
                    }
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY), new ResponseHandler(instrument));
                }
            })
            .connect(base.getHost(), port).addListener(f ->
            {
                if (!f.isSuccess())
                {
                    retry("REST connect failed: " + f.cause());
                    return;
                }
                final Channel channel = ((io.netty.channel.ChannelFuture)f).channel();
                final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    base.getRawPath() + "/api/v3/depth?symbol=" + instrument.symbol() + "&limit=" + depthLimit);
                request.headers().set(HttpHeaderNames.HOST, base.getHost());
                request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                channel.writeAndFlush(request);
            });
    }

    private void onResponse(final Instrument instrument, final FullHttpResponse response)
    {
        inFlight = false;
        final String usedWeight = response.headers().get("X-MBX-USED-WEIGHT-1M");
        if (usedWeight != null)
        {
            try
            {
                weights.usedByVenue(Integer.parseInt(usedWeight.trim()), System.nanoTime());
            }
            catch (final NumberFormatException ignore)
            {
                // a bad header does not stop the feed; our own count still holds
            }
        }
        final int code = response.status().code();
        if (code == 200)
        {
            queue.remove(instrument);
            backoff.reset();
            changeState(FeedState.CONNECTED, "REST depth answered");
            final ByteBuf body = response.content();
            if (body.hasArray())
            {
                view.wrap(body.array(), body.arrayOffset() + body.readerIndex(), body.readableBytes());
            }
            else
            {
                final byte[] copy = new byte[body.readableBytes()]; // snapshots are rare: a copy is fine
                body.getBytes(body.readerIndex(), copy);
                view.wrap(copy);
            }
            books.get(instrument).onSnapshot(view, 0, view.capacity());
            pump();
            return;
        }
        final long retryAfterNs = retryAfterNs(response);
        if (code == 418)
        {
            pausedUntilNs = System.nanoTime() + Math.max(retryAfterNs, TimeUnit.SECONDS.toNanos(1));
            changeState(FeedState.BANNED, "HTTP 418: IP banned, no REST request for " + (pausedUntilNs - System.nanoTime()) / 1_000_000 + " ms");
            pump();
            return;
        }
        if (code == 429)
        {
            pausedUntilNs = System.nanoTime() + Math.max(retryAfterNs, backoff.nextDelayNs());
            changeState(FeedState.RATE_LIMITED, "HTTP 429: backing off " + (pausedUntilNs - System.nanoTime()) / 1_000_000 + " ms");
            pump();
            return;
        }
        retry("REST depth answered HTTP " + code + " for " + instrument.symbol());
    }

    private void retry(final String reason)
    {
        inFlight = false;
        pausedUntilNs = System.nanoTime() + backoff.nextDelayNs();
        final Instrument instrument = queue.peek();
        if (instrument != null)
        {
            books.get(instrument).onSnapshotFailed(reason);
        }
        pump();
    }

    private static long retryAfterNs(final FullHttpResponse response)
    {
        final String header = response.headers().get(HttpHeaderNames.RETRY_AFTER);
        if (header == null)
        {
            return 0;
        }
        try
        {
            return TimeUnit.SECONDS.toNanos(Math.max(0, Long.parseLong(header.trim())));
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    private void changeState(final FeedState newState, final String detail)
    {
        if (newState != state)
        {
            final FeedState previous = state;
            state = newState;
            status.publish(null, newState, previous, detail, clock.nanoTime());
        }
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        private final Instrument instrument;
        private boolean answered;

        ResponseHandler(final Instrument instrument)
        {
            this.instrument = instrument;
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            answered = true;
            onResponse(instrument, response);
            ctx.close();
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            if (!answered)
            {
                answered = true;
                retry("REST connection closed without an answer");
            }
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
