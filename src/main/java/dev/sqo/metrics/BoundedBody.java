package dev.sqo.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap, and abortable from another thread. Past the cap, or when the
 * caller's deadline passes, the subscription is cancelled, which makes the HTTP client close the connection: a
 * server that sends without end, or drips, is hung up on instead of being read by a thread that never returns.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body grew past the cap; it says how large the cap is, never what the body held. */
    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("more than " + size(cap));
        }
    }

    private final long cap;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    private long received;

    BoundedBody(long cap) {
        this.cap = cap;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (body.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            received += b.remaining();
            if (received > cap) {
                fail(new TooLarge(cap));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    private volatile boolean aborted;

    /** Stops reading, from any thread: the deadline passed. */
    void abort() {
        aborted = true;
        fail(new IOException("aborted"));
    }

    /** Whether the deadline passed before the body was read whole. */
    boolean aborted() {
        return aborted;
    }

    private void fail(IOException why) {
        body.completeExceptionally(why);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Bytes as an SRE writes them in a configuration: 16 MiB, 512 KiB. */
    static String size(long bytes) {
        if (bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
