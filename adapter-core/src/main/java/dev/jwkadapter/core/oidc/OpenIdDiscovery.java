package dev.jwkadapter.core.oidc;

import dev.jwkadapter.core.internal.HttpFetch;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException.Reason;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Fetches OpenID Provider metadata.
 *
 * <p>{@link #fetch(URI)} tries {@code {issuer}/.well-known/openid-configuration} (OpenID Connect
 * Discovery §4), then the RFC 8414 location {@code https://host/.well-known/oauth-authorization-server{path}},
 * and accepts a document only if its {@code issuer} equals the requested issuer exactly
 * ({@code UNTRUSTED_METADATA} otherwise). {@link #fetchDocument(URI)} reads a metadata URL as given
 * (Azure AD tenant URLs, whose issuer may be a {@code {tenantid}} template) and leaves the issuer check to
 * the caller. HTTP is bounded: connect 2 s, whole fetch 5 s, body 256 KiB, https only (http for
 * loopback), no cross-origin redirects. Instances are immutable and thread-safe.
 */
public final class OpenIdDiscovery {

    /** Default largest metadata document, bytes (256 KiB). */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default deadline for a whole fetch. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpFetch fetch;

    private OpenIdDiscovery(HttpFetch fetch) {
        this.fetch = fetch;
    }

    /** A discovery client with the defaults. */
    public static OpenIdDiscovery create() {
        return builder().build();
    }

    /** A builder for HTTP settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Discovers the metadata of {@code issuer}.
     *
     * @throws OpenIdDiscoveryException with a stable reason
     */
    public OpenIdConfiguration fetch(URI issuer) {
        Objects.requireNonNull(issuer, "issuer");
        try {
            HttpFetch.checkAllowed(issuer);
        } catch (IllegalArgumentException e) {
            throw new OpenIdDiscoveryException(Reason.UNTRUSTED_METADATA, "issuer: " + e.getMessage(), null);
        }
        String iss = issuer.toString();
        String base = iss.endsWith("/") ? iss.substring(0, iss.length() - 1) : iss;
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        URI oidc = URI.create(base + "/.well-known/openid-configuration");
        URI rfc8414 = URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority()
                + "/.well-known/oauth-authorization-server" + path);
        OpenIdDiscoveryException first = null;
        for (URI location : List.of(oidc, rfc8414)) {
            OpenIdConfiguration cfg;
            try {
                cfg = fetchDocument(location);
            } catch (OpenIdDiscoveryException e) {
                if (e.reason() != Reason.UNAVAILABLE) {
                    throw e;
                }
                first = first == null ? e : first;
                continue;
            }
            if (!cfg.issuer().equals(iss)) {
                throw new OpenIdDiscoveryException(Reason.UNTRUSTED_METADATA, "metadata at " + location
                        + " names issuer " + quote(cfg.issuer()) + ", not the requested " + quote(iss), null);
            }
            return cfg;
        }
        throw Objects.requireNonNull(first);
    }

    /**
     * Reads a metadata document from {@code metadataUrl} as given; the caller checks the issuer.
     *
     * @throws OpenIdDiscoveryException with a stable reason
     */
    public OpenIdConfiguration fetchDocument(URI metadataUrl) {
        Objects.requireNonNull(metadataUrl, "metadataUrl");
        HttpFetch.Response r;
        try {
            r = fetch.get(metadataUrl);
        } catch (HttpFetch.FetchException e) {
            throw new OpenIdDiscoveryException(Reason.UNAVAILABLE, "metadata fetch from " + metadataUrl + " failed: "
                    + e.getMessage(), e);
        }
        String text;
        try {
            text = Json.strictUtf8(r.body());
        } catch (Json.JsonFormatException e) {
            throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata from " + metadataUrl + " is not UTF-8", e);
        }
        return OpenIdConfiguration.parse(text);
    }

    private static String quote(@Nullable String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return "\"" + t.replaceAll("[\\p{Cntrl}]", "?") + "\"";
    }

    @Override
    public String toString() {
        return "OpenIdDiscovery";
    }

    /** Builds an {@link OpenIdDiscovery}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxBytes = DEFAULT_MAX_BYTES;
        private @Nullable HttpClient client;

        private Builder() {}

        /** Connect timeout (default 2 s); ignored when {@link #httpClient} is set. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** Deadline for a whole fetch (default 5 s). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** Largest document (default 256 KiB). */
        public Builder maxBytes(int value) {
            this.maxBytes = value;
            return this;
        }

        /** The HTTP client to use; it should not follow redirects itself. */
        public Builder httpClient(HttpClient value) {
            this.client = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException naming the bad setting
         */
        public OpenIdDiscovery build() {
            if (timeout.isNegative() || timeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalStateException("timeouts must be positive");
            }
            if (maxBytes < 2) {
                throw new IllegalStateException("maxBytes: must be positive");
            }
            HttpClient c = client != null ? client : HttpFetch.defaultClient(connectTimeout);
            return new OpenIdDiscovery(new HttpFetch(c, timeout, maxBytes));
        }
    }
}
