package dev.jwkadapter.azure.internal;

import dev.jwkadapter.azure.AzureAdTokenVersion;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.CachingJwksSource;
import dev.jwkadapter.core.jwks.HttpJwksSource;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import dev.jwkadapter.core.oidc.OpenIdConfiguration;
import dev.jwkadapter.core.oidc.OpenIdDiscovery;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Per-tenant Azure AD metadata and key caches, bounded by a least-recently-used limit on the number of
 * (tenant, version) entries.
 *
 * <p>Metadata: fetched on first use, refreshed in the background after the refresh interval plus a random
 * jitter; a refresh that fails or is refused ({@code UNTRUSTED_METADATA}) keeps the last good document and
 * is retried after the retry interval. A failed first fetch is retried after 1, 2, 4 … s (at most the retry
 * interval); until then callers get the last failure at once. Keys: a core {@link CachingJwksSource} per
 * entry over the {@code jwks_uri} of the current metadata. Thread-safe.
 */
public final class AzureAdKeyCache {

    private static final System.Logger LOG = System.getLogger(AzureAdKeyCache.class.getName());
    private static final ExecutorService DEFAULT_EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jwk-adapter-aad-metadata");
        t.setDaemon(true);
        return t;
    });

    /**
     * The cache settings.
     *
     * @param issuers the authority rules
     * @param appId the application id for app-specific signing keys, or {@code null}
     * @param discovery the metadata fetcher
     * @param httpClient the client for key fetches, or {@code null} for the default
     * @param metadataRefresh how long metadata is used before a background refresh
     * @param metadataJitter the largest random addition to {@code metadataRefresh}
     * @param metadataRetry the wait after a failed metadata refresh (and the cap of the first-fetch backoff)
     * @param keysTtl how long a key set is fresh
     * @param keysRefresh how old a key set may get before a background refresh starts
     * @param unknownKidInterval at most one key fetch per this interval per entry (unknown kids included)
     * @param keysMaxStale how long the last good key set is served while fetches fail
     * @param maxTenants the most (tenant, version) entries kept
     * @param ticker the monotonic nanosecond ticker
     * @param clock the wall clock (health timestamps)
     * @param executor where background refreshes run, or {@code null} for the defaults
     */
    public record Settings(AzureAdIssuers issuers, @Nullable String appId, OpenIdDiscovery discovery,
            @Nullable HttpClient httpClient, Duration metadataRefresh, Duration metadataJitter, Duration metadataRetry,
            Duration keysTtl, Duration keysRefresh, Duration unknownKidInterval, Duration keysMaxStale, int maxTenants,
            LongSupplier ticker, Clock clock, @Nullable Executor executor) {

        /** Checks the settings. */
        public Settings {
            Objects.requireNonNull(issuers, "issuers");
            Objects.requireNonNull(discovery, "discovery");
            Objects.requireNonNull(ticker, "ticker");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final Settings settings;
    private final Map<String, Tenant> tenants;

    /** A cache with these settings. */
    public AzureAdKeyCache(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        int max = settings.maxTenants();
        this.tenants = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tenant> eldest) {
                return size() > max;
            }
        };
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * The entry of {@code tenant} and {@code version}, created on first use (no I/O here).
     *
     * @throws IllegalArgumentException if {@code tenant} is not a tenant id, domain or keyword
     */
    public Tenant tenant(String tenant, AzureAdTokenVersion version) {
        String t = AzureAdIssuers.normalizeTenant(tenant);
        String key = t + "|" + version.claimValue();
        synchronized (tenants) {
            Tenant e = tenants.get(key);
            if (e == null) {
                e = new Tenant(t, version);
                tenants.put(key, e);
            }
            return e;
        }
    }

    /** How many (tenant, version) entries are cached. */
    public int size() {
        synchronized (tenants) {
            return tenants.size();
        }
    }

    private Executor executor() {
        Executor e = settings.executor();
        return e != null ? e : DEFAULT_EXECUTOR;
    }

    private record Snapshot(AzureAdMetadata metadata, long nextRefreshAt) {}

    /** The metadata and keys of one tenant and token version. Thread-safe. */
    public final class Tenant {
        private final String tenant;
        private final AzureAdTokenVersion version;
        private final URI metadataUrl;
        private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();
        private final AtomicBoolean refreshing = new AtomicBoolean();
        private final Object bootstrapLock = new Object();
        private final AtomicReference<@Nullable HttpJwksSource> http = new AtomicReference<>();
        private final CachingJwksSource keys;
        private long nextBootstrapAt;
        private int bootstrapFailures;
        private volatile @Nullable OpenIdDiscoveryException lastFailure;

        Tenant(String tenant, AzureAdTokenVersion version) {
            this.tenant = tenant;
            this.version = version;
            this.metadataUrl = settings.issuers().metadataUrl(tenant, version, settings.appId());
            CachingJwksSource.Builder b = CachingJwksSource.builder(new KeysUpstream())
                    .ttl(settings.keysTtl())
                    .refreshAhead(settings.keysTtl().minus(settings.keysRefresh()))
                    .rateLimit(1, settings.unknownKidInterval())
                    .maxStale(settings.keysMaxStale())
                    .ticker(settings.ticker())
                    .clock(settings.clock());
            if (settings.executor() != null) {
                b.executor(settings.executor());
            }
            this.keys = b.build();
        }

        /** The tenant as used in URLs (lower case). */
        public String tenant() {
            return tenant;
        }

        /** The token version. */
        public AzureAdTokenVersion version() {
            return version;
        }

        /** The metadata URL. */
        public URI metadataUrl() {
            return metadataUrl;
        }

        /** The cached keys (24 h TTL, hourly background refresh, one fetch per 5 min at most, by default). */
        public CachingJwksSource keys() {
            return keys;
        }

        /** The last metadata fetch or trust failure (cleared by a success), if any. */
        public Optional<OpenIdDiscoveryException> lastMetadataFailure() {
            return Optional.ofNullable(lastFailure);
        }

        /**
         * The current trusted metadata: the cached document (starting a background refresh when it is due), or
         * a first fetch.
         *
         * @throws OpenIdDiscoveryException when no trusted metadata has been obtained yet
         */
        public AzureAdMetadata metadata() {
            Snapshot s = snapshot.get();
            if (s == null) {
                return bootstrap();
            }
            long now = settings.ticker().getAsLong();
            if (now - s.nextRefreshAt() >= 0 && refreshing.compareAndSet(false, true)) {
                try {
                    executor().execute(this::backgroundRefresh);
                } catch (RuntimeException e) {
                    refreshing.set(false);
                }
            }
            return s.metadata();
        }

        /**
         * Fetches and checks the metadata now. On success it replaces the cached document; on failure the last
         * good document stays in use and the failure is thrown.
         *
         * @throws OpenIdDiscoveryException ({@code UNTRUSTED_METADATA}, {@code MALFORMED} or {@code UNAVAILABLE})
         */
        public AzureAdMetadata refreshMetadata() {
            try {
                AzureAdMetadata m = fetchAndCheck();
                install(m);
                return m;
            } catch (OpenIdDiscoveryException e) {
                recordRefreshFailure(e);
                throw e;
            }
        }

        private AzureAdMetadata bootstrap() {
            synchronized (bootstrapLock) {
                Snapshot s = snapshot.get();
                if (s != null) {
                    return s.metadata();
                }
                long now = settings.ticker().getAsLong();
                OpenIdDiscoveryException last = lastFailure;
                if (last != null && now - nextBootstrapAt < 0) {
                    throw new OpenIdDiscoveryException(last.reason(), last.getMessage() + " (next attempt in "
                            + Duration.ofNanos(nextBootstrapAt - now).toMillis() + " ms)", last);
                }
                try {
                    AzureAdMetadata m = fetchAndCheck();
                    install(m);
                    return m;
                } catch (OpenIdDiscoveryException e) {
                    bootstrapFailures++;
                    long backoff = Duration.ofSeconds(1).toNanos() << Math.min(bootstrapFailures - 1, 20);
                    nextBootstrapAt = settings.ticker().getAsLong() + Math.min(backoff, settings.metadataRetry().toNanos());
                    lastFailure = e;
                    LOG.log(Level.WARNING, () -> "Azure AD metadata from " + metadataUrl + " could not be used: " + e.getMessage());
                    throw e;
                }
            }
        }

        private void backgroundRefresh() {
            try {
                install(fetchAndCheck());
                LOG.log(Level.DEBUG, () -> "Azure AD metadata refreshed from " + metadataUrl);
            } catch (OpenIdDiscoveryException e) {
                recordRefreshFailure(e);
            } catch (RuntimeException e) {
                recordRefreshFailure(new OpenIdDiscoveryException(OpenIdDiscoveryException.Reason.UNAVAILABLE,
                        "metadata refresh failed: " + e, e));
            } finally {
                refreshing.set(false);
            }
        }

        private void recordRefreshFailure(OpenIdDiscoveryException e) {
            lastFailure = e;
            Snapshot s = snapshot.get();
            if (s != null) {
                long retry = settings.ticker().getAsLong() + settings.metadataRetry().toNanos();
                snapshot.compareAndSet(s, new Snapshot(s.metadata(), retry));
            }
            LOG.log(Level.WARNING, () -> "Azure AD metadata refresh from " + metadataUrl + " failed; keeping the last good "
                    + "metadata: " + e.getMessage());
        }

        private void install(AzureAdMetadata m) {
            long jitter = settings.metadataJitter().isZero() ? 0
                    : ThreadLocalRandom.current().nextLong(settings.metadataJitter().toNanos() + 1);
            long next = settings.ticker().getAsLong() + settings.metadataRefresh().toNanos() + jitter;
            snapshot.set(new Snapshot(m, next));
            lastFailure = null;
            synchronized (bootstrapLock) {
                bootstrapFailures = 0;
            }
        }

        private AzureAdMetadata fetchAndCheck() {
            OpenIdConfiguration cfg = settings.discovery().fetchDocument(metadataUrl);
            return settings.issuers().check(cfg, tenant, version, settings.appId());
        }

        /** When the next background metadata refresh is due (ticker nanos), if metadata is cached. */
        public Optional<Long> nextMetadataRefreshAt() {
            Snapshot s = snapshot.get();
            return s == null ? Optional.empty() : Optional.of(s.nextRefreshAt());
        }

        private final class KeysUpstream implements JwksSource {
            @Override
            public JwkSet get() {
                AzureAdMetadata m;
                try {
                    m = metadata();
                } catch (OpenIdDiscoveryException e) {
                    throw new JwksUnavailableException("Azure AD metadata for tenant " + tenant + " is not available: "
                            + e.getMessage(), e);
                }
                HttpJwksSource h = http.get();
                if (h == null || !h.uri().equals(m.jwksUri())) {
                    HttpJwksSource.Builder b = HttpJwksSource.builder(m.jwksUri());
                    if (settings.httpClient() != null) {
                        b.httpClient(settings.httpClient());
                    }
                    h = b.build();
                    http.set(h);
                }
                return h.get();
            }

            @Override
            public String toString() {
                HttpJwksSource h = http.get();
                return "AzureAdKeys[" + tenant + " " + version + (h == null ? "" : ", " + h.uri()) + "]";
            }
        }

        @Override
        public String toString() {
            return "AzureAdKeyCache.Tenant[" + tenant + " " + version + "]";
        }
    }

    @Override
    public String toString() {
        return "AzureAdKeyCache[" + settings.issuers() + ", " + size() + " entries, max " + settings.maxTenants() + "]";
    }
}
