package dev.jwkadapter.core.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Bounded HTTP GET on {@code java.net.http.HttpClient}: a whole-fetch deadline (a slow-drip server
 * cannot hold a caller longer), a body cap enforced while streaming, https only (http for loopback
 * hosts, for tests), and redirects followed only within the same scheme, host and port. Thread-safe.
 */
public final class HttpFetch {

    /** Most redirects followed within one fetch. */
    public static final int MAX_REDIRECTS = 3;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    /**
     * Creates a fetcher.
     *
     * @param client the client (its redirect policy is ignored: redirects are handled here)
     * @param timeout the deadline for the whole fetch, redirects and body included
     * @param maxBytes the largest body accepted
     */
    public HttpFetch(HttpClient client, Duration timeout, int maxBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxBytes = maxBytes;
    }

    /** A client that never follows redirects itself, with the given connect timeout. */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A fetch failure; {@link #retryAfter()} carries a 429/503 {@code Retry-After}. */
    public static final class FetchException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient @Nullable Duration retryAfter;

        FetchException(String message, int status, @Nullable Duration retryAfter, @Nullable Throwable cause) {
            super(message, cause);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        /** The HTTP status, or 0 when no response was received. */
        public int status() {
            return status;
        }

        /** The wait the server asked for, if any. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * A successful response.
     *
     * @param uri the final URI (after same-origin redirects)
     * @param body the body bytes
     * @param contentType the {@code Content-Type} header, or empty string
     */
    public record Response(URI uri, byte[] body, String contentType) {}

    /** Checks that a URI may be fetched: absolute https, or http to a loopback host. */
    public static void checkAllowed(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null) {
            throw new IllegalArgumentException("URL must be absolute with a host");
        }
        if (scheme.equalsIgnoreCase("https")) {
            return;
        }
        if (scheme.equalsIgnoreCase("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException("URL must use https (http is allowed only for loopback hosts)");
    }

    /** True for localhost, 127.0.0.0/8 and ::1 (literal addresses only; no DNS lookup). */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * GETs {@code uri}, following same-origin redirects, within the deadline and body cap.
     *
     * @throws FetchException on any failure (status other than 200, timeout, too large, I/O)
     */
    public Response get(URI uri) throws FetchException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = uri;
        for (int hop = 0; ; hop++) {
            try {
                checkAllowed(current);
            } catch (IllegalArgumentException e) {
                throw new FetchException(e.getMessage(), 0, null, null);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new FetchException("timed out after " + timeout.toMillis() + " ms", 0, null, null);
            }
            HttpRequest request = HttpRequest.newBuilder(current)
                    .GET()
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", "application/json")
                    .build();
            CompletableFuture<HttpResponse<byte[]>> future =
                    client.sendAsync(request, info -> new CappedBody(maxBytes, info.statusCode()));
            HttpResponse<byte[]> response;
            try {
                response = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new FetchException("timed out after " + timeout.toMillis() + " ms", 0, null, e);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new FetchException("interrupted", 0, null, e);
            } catch (ExecutionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof BodyTooLargeException) {
                    throw new FetchException("response body larger than " + maxBytes + " bytes", 0, null, cause);
                }
                throw new FetchException("request failed: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), 0, null, cause);
            }
            int status = response.statusCode();
            if (status == 200) {
                return new Response(current, response.body(),
                        response.headers().firstValue("Content-Type").orElse(""));
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty() || hop >= MAX_REDIRECTS) {
                    throw new FetchException("HTTP " + status + " redirect not followed", status, null, null);
                }
                URI next;
                try {
                    next = current.resolve(location.get());
                } catch (IllegalArgumentException e) {
                    throw new FetchException("HTTP " + status + " with an invalid Location", status, null, e);
                }
                if (!sameOrigin(current, next)) {
                    throw new FetchException("HTTP " + status + " redirect to another origin is not followed", status, null, null);
                }
                current = next;
                continue;
            }
            Duration retryAfter = status == 429 || status == 503
                    ? retryAfter(response.headers().allValues("Retry-After")) : null;
            throw new FetchException("HTTP " + status, status, retryAfter, null);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Parses {@code Retry-After}: delta seconds or an HTTP date; empty when absent or unparseable. */
    static @Nullable Duration retryAfter(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String v = values.get(0).trim();
        try {
            long s = Long.parseLong(v);
            return s < 0 ? null : Duration.ofSeconds(Math.min(s, 86_400));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("body too large");
        }
    }

    /** Collects at most {@code max} bytes; cancels the stream past that. Non-200 bodies are drained up to the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private final boolean keep;
        private long received;
        private Flow.@Nullable Subscription subscription;

        CappedBody(int max, int status) {
            this.max = max;
            this.keep = status == 200;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > max) {
                    Flow.Subscription s = subscription;
                    if (s != null) {
                        s.cancel();
                    }
                    if (keep) {
                        result.completeExceptionally(new BodyTooLargeException());
                    } else {
                        // an error page is not read: its status (and a 429/503 Retry-After) is what counts
                        result.complete(new byte[0]);
                    }
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                if (keep) {
                    buffer.write(chunk, 0, chunk.length);
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }

    /** Lower-cased host of a URI, for comparisons. */
    public static String host(URI uri) {
        return String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
    }
}
