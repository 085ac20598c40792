package dev.jwkadapter.core.jwks;

import dev.jwkadapter.core.internal.HttpFetch;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a JWK Set over HTTP on every {@link #get()} — wrap it in a {@link CachingJwksSource}.
 *
 * <p>Bounded by default: connect timeout {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS} ms, whole fetch
 * {@value #DEFAULT_TIMEOUT_MILLIS} ms (a slow-drip server cannot hold it longer), body at most
 * {@value #DEFAULT_MAX_BYTES} bytes, at most {@value #DEFAULT_MAX_KEYS} keys; https only (http for
 * loopback hosts, for tests); redirects followed only within the same origin. A response that is
 * not a JWK Set — HTML, invalid JSON, {@code {"keys":[]}}, a set whose keys all fail the checks — is a
 * failed fetch ({@link JwksUnavailableException}), so it can never replace a good cached set.
 * Instances are immutable and thread-safe.
 */
public final class HttpJwksSource implements JwksSource {

    /** Default connect timeout, milliseconds. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 2_000;
    /** Default deadline for a whole fetch, milliseconds. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;
    /** Default largest response body, bytes (64 KiB). */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Default largest number of keys in a set. */
    public static final int DEFAULT_MAX_KEYS = 100;

    private final URI uri;
    private final HttpFetch fetch;
    private final int maxKeys;
    private final Duration timeout;

    private HttpJwksSource(Builder b) {
        this.uri = b.uri;
        HttpClient client = b.client != null ? b.client : HttpFetch.defaultClient(b.connectTimeout);
        this.fetch = new HttpFetch(client, b.timeout, b.maxBytes);
        this.maxKeys = b.maxKeys;
        this.timeout = b.timeout;
    }

    /** A source with the defaults. */
    public static HttpJwksSource of(URI uri) {
        return builder(uri).build();
    }

    /** A builder for {@code uri}. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** The JWKS URL. */
    public URI uri() {
        return uri;
    }

    /**
     * Fetches and parses the set now.
     *
     * @throws JwksUnavailableException when the fetch fails or the document is not a usable set
     */
    @Override
    public JwkSet get() {
        HttpFetch.Response response;
        try {
            response = fetch.get(uri);
        } catch (HttpFetch.FetchException e) {
            throw new JwksUnavailableException("JWKS fetch from " + uri + " failed: " + e.getMessage(), e,
                    e.retryAfter().orElse(null));
        }
        JwkSet set;
        try {
            set = JwkSet.parse(response.body());
        } catch (JwkException e) {
            throw new JwksUnavailableException("JWKS from " + uri + " is not a JWK Set: " + e.getMessage(), e);
        }
        int total = set.size() + set.rejected().size();
        if (total > maxKeys) {
            throw new JwksUnavailableException("JWKS from " + uri + " has " + total + " keys; at most " + maxKeys + " are accepted", null);
        }
        if (set.isEmpty()) {
            throw new JwksUnavailableException("JWKS from " + uri + " holds no usable key ("
                    + set.rejected().size() + " rejected)", null);
        }
        return set;
    }

    @Override
    public String toString() {
        return "HttpJwksSource[" + uri + ", timeout=" + timeout + "]";
    }

    /** Builds an {@link HttpJwksSource}. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private Duration connectTimeout = Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MILLIS);
        private Duration timeout = Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);
        private int maxBytes = DEFAULT_MAX_BYTES;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private @Nullable HttpClient client;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /** Connect timeout (default 2 s); ignored when {@link #httpClient} is set. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** Deadline for a whole fetch, body included (default 5 s). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** Largest body accepted (default 64 KiB). */
        public Builder maxBytes(int value) {
            this.maxBytes = value;
            return this;
        }

        /** Largest number of keys accepted (default 100). */
        public Builder maxKeys(int value) {
            this.maxKeys = value;
            return this;
        }

        /** The HTTP client to use (proxies, TLS settings); it should not follow redirects itself. */
        public Builder httpClient(HttpClient value) {
            this.client = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds the source.
         *
         * @throws IllegalStateException naming the bad setting
         */
        public HttpJwksSource build() {
            try {
                HttpFetch.checkAllowed(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("uri: " + e.getMessage());
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalStateException("connectTimeout: must be positive");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalStateException("timeout: must be positive");
            }
            if (maxBytes < 2 || maxKeys < 1) {
                throw new IllegalStateException("maxBytes/maxKeys: must be positive");
            }
            return new HttpJwksSource(this);
        }
    }
}
