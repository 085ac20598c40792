package dev.jwkadapter.azure;

import dev.jwkadapter.azure.internal.AzureAdIssuers;
import dev.jwkadapter.azure.internal.AzureAdKeyCache;
import dev.jwkadapter.azure.internal.AzureAdMetadata;
import dev.jwkadapter.core.jwks.CachingJwksSource;
import dev.jwkadapter.core.oidc.OpenIdConfiguration;
import dev.jwkadapter.core.oidc.OpenIdDiscovery;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Azure AD (Microsoft Entra ID) metadata and signing keys for any tenant of one cloud, cached the way
 * Microsoft's signing-key-rollover guidance asks.
 *
 * <ul>
 *   <li><b>URLs</b>: {@code {authority}/{tenant}/.well-known/openid-configuration} (v1.0) and
 *       {@code {authority}/{tenant}/v2.0/.well-known/openid-configuration} (v2.0); the tenant is a tenant id
 *       (GUID), a verified domain, {@code common}, {@code organizations} or {@code consumers}. With
 *       {@link Builder#appId(String)}, {@code ?appid=} is added to the metadata and key URLs (app-specific
 *       signing keys, for apps with a custom signing key or claims mapping).</li>
 *   <li><b>Trust</b>: a document is used only if its {@code issuer} is the requested tenant's issuer on this
 *       cloud (or the documented {@code {tenantid}} template for {@code common}/{@code organizations}) and its
 *       {@code jwks_uri} is on the authority's host, over https. Anything else is refused with
 *       {@code UNTRUSTED_METADATA}, and the last good document stays in use.</li>
 *   <li><b>Metadata</b>: refreshed in the background every {@link #DEFAULT_METADATA_REFRESH} plus up to
 *       {@link #DEFAULT_METADATA_JITTER} of random jitter; a failed refresh keeps the last good document and
 *       is retried after {@link #DEFAULT_METADATA_RETRY}.</li>
 *   <li><b>Keys</b>: one core {@link CachingJwksSource} per tenant and version: fresh for
 *       {@link #DEFAULT_KEYS_TTL}, refreshed in the background every {@link #DEFAULT_KEYS_REFRESH}, at most one
 *       fetch per {@link #DEFAULT_UNKNOWN_KID_INTERVAL} (an unknown {@code kid} included), the last good set
 *       served for up to {@link #DEFAULT_KEYS_MAX_STALE} while fetches fail.</li>
 *   <li><b>Bounded</b>: at most {@link #DEFAULT_MAX_TENANTS} (tenant, version) entries, least recently used
 *       evicted. A multi-tenant validator uses only the {@code common}/{@code organizations} entries, so tokens
 *       from any number of tenants cause no per-tenant fetch.</li>
 * </ul>
 * Instances are thread-safe; share one per cloud.
 *
 * <pre>{@code
 * AzureAdDiscovery discovery = AzureAdDiscovery.builder().cloud(AzureCloud.PUBLIC).build();
 * OpenIdConfiguration cfg = discovery.metadata("contoso.onmicrosoft.com", AzureAdTokenVersion.V2);
 * }</pre>
 */
public final class AzureAdDiscovery {

    /** How long metadata is used before a background refresh (Microsoft: 12 h). */
    public static final Duration DEFAULT_METADATA_REFRESH = Duration.ofHours(12);
    /** The largest random addition to the metadata refresh interval (Microsoft: up to 1 h). */
    public static final Duration DEFAULT_METADATA_JITTER = Duration.ofHours(1);
    /** The wait after a failed metadata refresh, and the cap of the first-fetch backoff (Microsoft: 5 min). */
    public static final Duration DEFAULT_METADATA_RETRY = Duration.ofMinutes(5);
    /** How long a key set is fresh (Microsoft: 24 h). */
    public static final Duration DEFAULT_KEYS_TTL = Duration.ofHours(24);
    /** How often keys are refreshed in the background (Microsoft: hourly). */
    public static final Duration DEFAULT_KEYS_REFRESH = Duration.ofHours(1);
    /** At most one key fetch per this interval per tenant, unknown kids included (Microsoft: 5 min). */
    public static final Duration DEFAULT_UNKNOWN_KID_INTERVAL = Duration.ofMinutes(5);
    /** How long the last good key set is served while fetches fail. */
    public static final Duration DEFAULT_KEYS_MAX_STALE = Duration.ofHours(24);
    /** The most (tenant, version) entries cached. */
    public static final int DEFAULT_MAX_TENANTS = 1_000;

    private final AzureAdKeyCache cache;

    private AzureAdDiscovery(AzureAdKeyCache cache) {
        this.cache = cache;
    }

    /** A discovery client for the public cloud with the defaults. */
    public static AzureAdDiscovery create() {
        return builder().build();
    }

    /** A builder (public cloud unless told otherwise). */
    public static Builder builder() {
        return new Builder();
    }

    /** The authority origin, for example {@code https://login.microsoftonline.com}. */
    public URI authorityHost() {
        return URI.create(cache.settings().issuers().authority());
    }

    /** The cloud, if the authority is a known cloud's. */
    public Optional<AzureCloud> cloud() {
        return cache.settings().issuers().cloud();
    }

    /** The application id used for app-specific signing keys, if configured. */
    public Optional<String> appId() {
        return Optional.ofNullable(cache.settings().appId());
    }

    /**
     * The metadata URL of {@code tenant} for {@code version} tokens.
     *
     * @throws IllegalArgumentException if {@code tenant} is not a tenant id, domain or keyword
     */
    public URI metadataUrl(String tenant, AzureAdTokenVersion version) {
        return cache.settings().issuers().metadataUrl(tenant, Objects.requireNonNull(version, "version"),
                cache.settings().appId());
    }

    /**
     * The trusted metadata of {@code tenant} for {@code version} tokens: cached, fetched on first use.
     *
     * @throws OpenIdDiscoveryException {@code UNTRUSTED_METADATA} when the document cannot be trusted,
     *     {@code UNAVAILABLE} or {@code MALFORMED} when none could be read (no last good one yet)
     */
    public OpenIdConfiguration metadata(String tenant, AzureAdTokenVersion version) {
        return cache.tenant(tenant, version).metadata().config();
    }

    /**
     * Fetches the metadata of {@code tenant} now. On success it replaces the cached document; when it fails
     * or cannot be trusted, the last good document stays in use and the failure is thrown.
     *
     * @throws OpenIdDiscoveryException with the reason the new document was not used
     */
    public OpenIdConfiguration refreshMetadata(String tenant, AzureAdTokenVersion version) {
        return cache.tenant(tenant, version).refreshMetadata().config();
    }

    /**
     * The cached signing keys of {@code tenant} for {@code version} tokens (from the metadata's
     * {@code jwks_uri}). Its {@link CachingJwksSource#health()} reports the key cache's state.
     */
    public CachingJwksSource keys(String tenant, AzureAdTokenVersion version) {
        return cache.tenant(tenant, version).keys();
    }

    /** How many (tenant, version) entries are cached (at most the configured maximum). */
    public int cachedTenantCount() {
        return cache.size();
    }

    /** The internal cache (for the validator in this package). */
    AzureAdKeyCache.Tenant entry(String tenant, AzureAdTokenVersion version) {
        return cache.tenant(tenant, version);
    }

    /** The internal issuer rules (for the validator in this package). */
    AzureAdIssuers issuers() {
        return cache.settings().issuers();
    }

    /** The trusted metadata with the checks' results (for the validator in this package). */
    AzureAdMetadata trustedMetadata(String tenant, AzureAdTokenVersion version) {
        return cache.tenant(tenant, version).metadata();
    }

    @Override
    public String toString() {
        AzureAdKeyCache.Settings s = cache.settings();
        return "AzureAdDiscovery[" + s.issuers().authority() + (s.appId() != null ? ", appId=" + s.appId() : "")
                + ", metadataRefresh=" + s.metadataRefresh() + ", keysTtl=" + s.keysTtl() + ", keysRefresh="
                + s.keysRefresh() + ", unknownKidInterval=" + s.unknownKidInterval() + ", maxTenants=" + s.maxTenants() + "]";
    }

    /** Builds an {@link AzureAdDiscovery}. Not thread-safe; build once, then share the result. */
    public static final class Builder {
        private @Nullable AzureCloud cloud;
        private @Nullable URI authorityHost;
        private @Nullable String appId;
        private @Nullable HttpClient httpClient;
        private Duration metadataRefresh = DEFAULT_METADATA_REFRESH;
        private Duration metadataJitter = DEFAULT_METADATA_JITTER;
        private Duration metadataRetry = DEFAULT_METADATA_RETRY;
        private Duration keysTtl = DEFAULT_KEYS_TTL;
        private Duration keysRefresh = DEFAULT_KEYS_REFRESH;
        private Duration unknownKidInterval = DEFAULT_UNKNOWN_KID_INTERVAL;
        private Duration keysMaxStale = DEFAULT_KEYS_MAX_STALE;
        private int maxTenants = DEFAULT_MAX_TENANTS;
        private LongSupplier ticker = System::nanoTime;
        private Clock clock = Clock.systemUTC();
        private @Nullable Executor executor;

        private Builder() {}

        /** The cloud (default {@link AzureCloud#PUBLIC}); contradicts {@link #authorityHost(URI)}. */
        public Builder cloud(AzureCloud value) {
            this.cloud = Objects.requireNonNull(value, "cloud");
            return this;
        }

        /**
         * The authority origin, for example {@code https://login.microsoftonline.com}: https, or http for a
         * loopback host (tests). A known cloud's host gets that cloud's issuer rules; any other host is its own
         * v1.0 and v2.0 issuer host. Contradicts {@link #cloud(AzureCloud)}.
         */
        public Builder authorityHost(URI value) {
            this.authorityHost = Objects.requireNonNull(value, "authorityHost");
            return this;
        }

        /** Fetches the app-specific signing keys of this application (client) id ({@code ?appid=}). */
        public Builder appId(String value) {
            this.appId = Objects.requireNonNull(value, "appId");
            return this;
        }

        /** The HTTP client for metadata and keys (proxies, TLS); it should not follow redirects itself. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** How long metadata is used before a background refresh (default 12 h). */
        public Builder metadataRefresh(Duration value) {
            this.metadataRefresh = Objects.requireNonNull(value, "metadataRefresh");
            return this;
        }

        /** The largest random addition to the metadata refresh interval (default 1 h; zero disables). */
        public Builder metadataJitter(Duration value) {
            this.metadataJitter = Objects.requireNonNull(value, "metadataJitter");
            return this;
        }

        /** The wait after a failed metadata refresh (default 5 min). */
        public Builder metadataRetry(Duration value) {
            this.metadataRetry = Objects.requireNonNull(value, "metadataRetry");
            return this;
        }

        /** How long a key set is fresh (default 24 h). */
        public Builder keysTtl(Duration value) {
            this.keysTtl = Objects.requireNonNull(value, "keysTtl");
            return this;
        }

        /** How often keys are refreshed in the background (default 1 h; shorter than the TTL). */
        public Builder keysRefresh(Duration value) {
            this.keysRefresh = Objects.requireNonNull(value, "keysRefresh");
            return this;
        }

        /** At most one key fetch per this interval per tenant, unknown kids included (default 5 min). */
        public Builder unknownKidInterval(Duration value) {
            this.unknownKidInterval = Objects.requireNonNull(value, "unknownKidInterval");
            return this;
        }

        /** How long the last good key set is served while fetches fail (default 24 h; at least the TTL). */
        public Builder keysMaxStale(Duration value) {
            this.keysMaxStale = Objects.requireNonNull(value, "keysMaxStale");
            return this;
        }

        /** The most (tenant, version) entries cached (default 1,000). */
        public Builder maxTenants(int value) {
            this.maxTenants = value;
            return this;
        }

        /** The monotonic nanosecond ticker for cache ages (default {@code System::nanoTime}; tests pass a fake). */
        public Builder ticker(LongSupplier value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /** The wall clock for health timestamps (default system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where background refreshes run (default: shared daemon threads). */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Builds the discovery client.
         *
         * @throws IllegalStateException naming the bad or contradictory setting
         */
        public AzureAdDiscovery build() {
            if (cloud != null && authorityHost != null) {
                throw new IllegalStateException("cloud/authorityHost: set one of them, not both");
            }
            AzureAdIssuers issuers;
            try {
                issuers = authorityHost != null ? AzureAdIssuers.forAuthority(authorityHost)
                        : AzureAdIssuers.forCloud(cloud != null ? cloud : AzureCloud.PUBLIC);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("authorityHost: " + e.getMessage());
            }
            if (appId != null && (appId.isBlank() || !appId.equals(appId.strip()))) {
                throw new IllegalStateException("appId: must be the application (client) id, without spaces");
            }
            requirePositive(metadataRefresh, "metadataRefresh");
            requirePositive(metadataRetry, "metadataRetry");
            requirePositive(keysTtl, "keysTtl");
            requirePositive(keysRefresh, "keysRefresh");
            requirePositive(unknownKidInterval, "unknownKidInterval");
            if (metadataJitter.isNegative()) {
                throw new IllegalStateException("metadataJitter: must not be negative");
            }
            if (keysRefresh.compareTo(keysTtl) > 0) {
                throw new IllegalStateException("keysRefresh: must not be longer than keysTtl");
            }
            if (keysMaxStale.compareTo(keysTtl) < 0) {
                throw new IllegalStateException("keysMaxStale: must be at least keysTtl");
            }
            if (maxTenants < 1) {
                throw new IllegalStateException("maxTenants: must be at least 1");
            }
            OpenIdDiscovery.Builder d = OpenIdDiscovery.builder();
            if (httpClient != null) {
                d.httpClient(httpClient);
            }
            AzureAdKeyCache.Settings s = new AzureAdKeyCache.Settings(issuers, appId, d.build(), httpClient,
                    metadataRefresh, metadataJitter, metadataRetry, keysTtl, keysRefresh, unknownKidInterval,
                    keysMaxStale, maxTenants, ticker, clock, executor);
            return new AzureAdDiscovery(new AzureAdKeyCache(s));
        }

        private static void requirePositive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException(name + ": must be positive");
            }
        }
    }
}
