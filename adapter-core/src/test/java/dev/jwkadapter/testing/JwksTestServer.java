package dev.jwkadapter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A programmable JWKS / metadata server on 127.0.0.1 (JDK {@code HttpServer}, ephemeral port) for
 * tests: per-path replies (status, headers, body), one-off queued replies, delays, hangs, slow-drip
 * and endless bodies, redirects, a "hold" switch that parks every request until released, and request
 * counting. Every wait ends when the server is closed, and every body loop is bounded, so a test can
 * never leave traffic running. Thread-safe.
 */
public final class JwksTestServer implements AutoCloseable {

    /** Most bytes an endless or dripping body sends before giving up by itself. */
    public static final int MAX_STREAMED_BYTES = 64 * 1024 * 1024;

    /** What the server answers for one request. Immutable. */
    public static final class Reply {
        private final int status;
        private final List<String[]> headers;
        private final byte[] body;
        private final Duration delay;
        private final boolean hang;
        private final boolean endless;
        private final Duration dripInterval;

        private Reply(int status, List<String[]> headers, byte[] body, Duration delay, boolean hang,
                boolean endless, Duration dripInterval) {
            this.status = status;
            this.headers = List.copyOf(headers);
            this.body = body;
            this.delay = delay;
            this.hang = hang;
            this.endless = endless;
            this.dripInterval = dripInterval;
        }

        /** 200 with a JSON body. */
        public static Reply json(String body) {
            return of(200, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        /** 200 with an HTML body. */
        public static Reply html(String body) {
            return of(200, body.getBytes(StandardCharsets.UTF_8), "text/html");
        }

        /** {@code status} with a small text body. */
        public static Reply status(int status) {
            return of(status, ("status " + status).getBytes(StandardCharsets.UTF_8), "text/plain");
        }

        /** {@code status} (301, 302 …) with a {@code Location} header. */
        public static Reply redirect(int status, String location) {
            return new Reply(status, List.<String[]>of(new String[] {"Location", location}), new byte[0], Duration.ZERO,
                    false, false, Duration.ZERO);
        }

        /** 200 whose body is exactly {@code body}. */
        public static Reply bytes(byte[] body, String contentType) {
            return of(200, body.clone(), contentType);
        }

        /** Accepts the request and never answers (until the server closes). */
        public static Reply hang() {
            return new Reply(200, List.of(), new byte[0], Duration.ZERO, true, false, Duration.ZERO);
        }

        /** 200, chunked, a body that never ends (bounded by {@link #MAX_STREAMED_BYTES}). */
        public static Reply endless() {
            return new Reply(200, List.<String[]>of(new String[] {"Content-Type", "application/json"}), new byte[0],
                    Duration.ZERO, false, true, Duration.ZERO);
        }

        private static Reply of(int status, byte[] body, String contentType) {
            return new Reply(status, List.<String[]>of(new String[] {"Content-Type", contentType}), body, Duration.ZERO,
                    false, false, Duration.ZERO);
        }

        /** A copy with another status code. */
        public Reply withStatus(int value) {
            return new Reply(value, headers, body, delay, hang, endless, dripInterval);
        }

        /** A copy with one more response header. */
        public Reply withHeader(String name, String value) {
            List<String[]> h = new ArrayList<>(headers);
            h.add(new String[] {name, value});
            return new Reply(status, h, body, delay, hang, endless, dripInterval);
        }

        /** A copy that waits {@code value} before sending the status line. */
        public Reply withDelay(Duration value) {
            return new Reply(status, headers, body, value, hang, endless, dripInterval);
        }

        /** A copy that sends its body one byte per {@code interval} (chunked). */
        public Reply dripping(Duration interval) {
            return new Reply(status, headers, body, delay, hang, endless, interval);
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService pool;
    private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> queued = new HashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private JwksTestServer(HttpServer server, String scheme, ExecutorService pool) {
        this.server = server;
        this.scheme = scheme;
        this.pool = pool;
    }

    /** Starts a plain http server on 127.0.0.1 with an ephemeral port; unknown paths answer 404. */
    public static JwksTestServer start() {
        try {
            return started(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64), "http");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the loopback test server", e);
        }
    }

    /** Starts an https server on 127.0.0.1 whose certificate and key come from {@code tls}. */
    public static JwksTestServer startHttps(SSLContext tls) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            return started(s, "https");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the loopback test server", e);
        }
    }

    private static JwksTestServer started(HttpServer s, String scheme) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jwks-test-server");
            t.setDaemon(true);
            return t;
        });
        JwksTestServer server = new JwksTestServer(s, scheme, pool);
        s.createContext("/", server::handle);
        s.setExecutor(pool);
        s.start();
        return server;
    }

    /** The port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} (or https for a TLS server). */
    public String origin() {
        return scheme + "://127.0.0.1:" + port();
    }

    /** {@code origin() + path}. */
    public URI uri(String path) {
        return URI.create(origin() + path);
    }

    /** Answers every request for {@code path} with {@code reply} (once queued replies are used up). */
    public JwksTestServer serve(String path, Reply reply) {
        defaults.put(path, Objects.requireNonNull(reply, "reply"));
        return this;
    }

    /** Answers the next requests for {@code path} with {@code replies}, in order, then the default. */
    public JwksTestServer enqueue(String path, Reply... replies) {
        synchronized (queued) {
            queued.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(Arrays.asList(replies));
        }
        return this;
    }

    /** From now on, every request waits (before it is answered) until {@link #release()}. */
    public void hold() {
        hold = new CountDownLatch(1);
    }

    /** Lets held requests go on. */
    public void release() {
        hold.countDown();
    }

    /** Requests received for {@code path}. */
    public int requests(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /** Requests received in all. */
    public int requests() {
        return total.get();
    }

    /** Requests being handled right now. */
    public int inProgress() {
        return inProgress.get();
    }

    /** Most requests handled at the same time. */
    public int maxInProgress() {
        return maxInProgress.get();
    }

    /**
     * Waits until {@code path} has received {@code n} requests.
     *
     * @throws AssertionError when that does not happen within {@code timeout}
     */
    public void awaitRequests(String path, int n, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (requests(path) < n) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("expected " + n + " requests for " + path + ", saw " + requests(path));
            }
            sleepQuietly(2);
        }
    }

    /** Waits until no request is being handled; an {@link AssertionError} after {@code timeout}. */
    public void awaitIdle(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (inProgress() > 0) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError(inProgress() + " requests still in progress");
            }
            sleepQuietly(2);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Reply next(String path) {
        synchronized (queued) {
            Deque<Reply> q = queued.get(path);
            if (q != null && !q.isEmpty()) {
                return q.poll();
            }
        }
        Reply r = defaults.get(path);
        return r != null ? r : Reply.status(404);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        int now = inProgress.incrementAndGet();
        maxInProgress.accumulateAndGet(now, Math::max);
        try {
            exchange.getRequestBody().readAllBytes();
            if (!await(hold, Duration.ofMinutes(1))) {
                return;
            }
            Reply reply = next(path);
            if (reply.hang) {
                await(closed, Duration.ofMinutes(2));
                return;
            }
            if (!reply.delay.isZero() && await(closed, reply.delay)) {
                return;
            }
            for (String[] h : reply.headers) {
                exchange.getResponseHeaders().add(h[0], h[1]);
            }
            if (reply.endless) {
                exchange.sendResponseHeaders(reply.status, 0);
                streamEndless(exchange.getResponseBody());
            } else if (!reply.dripInterval.isZero()) {
                exchange.sendResponseHeaders(reply.status, 0);
                drip(exchange.getResponseBody(), reply.body, reply.dripInterval);
            } else {
                exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
                if (reply.body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(reply.body);
                    }
                }
            }
        } catch (IOException e) {
            // the client went away (aborted fetch): expected in the fault tests
        } finally {
            exchange.close();
            inProgress.decrementAndGet();
        }
    }

    private void streamEndless(OutputStream out) throws IOException {
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '{';
        for (int sent = 0; sent < MAX_STREAMED_BYTES && closed.getCount() > 0; sent += chunk.length) {
            out.write(chunk);
            out.flush();
            chunk[0] = ' ';
        }
    }

    private void drip(OutputStream out, byte[] body, Duration interval) throws IOException {
        for (int i = 0; i < body.length && i < MAX_STREAMED_BYTES; i++) {
            out.write(body[i]);
            out.flush();
            if (await(closed, interval)) {
                return;
            }
        }
        out.close();
    }

    /** Waits on {@code latch} up to {@code max}; true when it opened. */
    private static boolean await(CountDownLatch latch, Duration max) {
        try {
            return latch.await(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops the server and ends every parked, delayed or streaming request. */
    @Override
    public void close() {
        closed.countDown();
        hold.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "JwksTestServer[" + origin() + "]";
    }
}
