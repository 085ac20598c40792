package dev.jwkadapter.core.jwks;

import dev.jwkadapter.core.jwk.JwkSet;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A cache in front of another {@link JwksSource} (usually {@link HttpJwksSource}) that survives
 * outages, floods of unknown {@code kid}s and key rotation.
 *
 * <ul>
 *   <li><b>TTL and refresh-ahead</b>: a set is fresh for {@link #DEFAULT_TTL}; from
 *       {@code ttl − refreshAhead} on, a read starts one background refresh and keeps using the
 *       current set. Readers never block on a fetch once a set is cached; a refresh swaps the whole set
 *       atomically.</li>
 *   <li><b>Unknown kid</b>: {@link #refreshForUnknownKid(String)} refreshes at most
 *       {@link #DEFAULT_RATE_LIMIT_FETCHES} times per {@link #DEFAULT_RATE_LIMIT_WINDOW} (all fetches
 *       count), single-flight: concurrent callers share one fetch and wait at most
 *       {@link #DEFAULT_WAIT_TIMEOUT}.</li>
 *   <li><b>Outages</b>: a failed fetch never replaces a good set (an empty or unusable set is a failure);
 *       the last good set is served for up to {@link #DEFAULT_MAX_STALE} after it was fetched, then the
 *       source fails closed ({@link JwksUnavailableException}, i.e. {@code KEYS_UNAVAILABLE}). After a
 *       failure the next fetch waits 1, 2, 4 … s (at most 5 min), and at least as long as a 429/503
 *       {@code Retry-After} asked.</li>
 *   <li><b>Time</b>: expiry follows a monotonic ticker ({@code System.nanoTime}), so wall-clock jumps
 *       neither expire nor prolong the cache.</li>
 * </ul>
 * {@link #health()} reports status, last success, last error, key count and age. Instances are
 * thread-safe; the read path takes no lock.
 *
 * <pre>{@code
 * JwksSource keys = CachingJwksSource.builder(HttpJwksSource.of(URI.create(jwksUrl))).build();
 * }</pre>
 */
public final class CachingJwksSource implements JwksSource {

    /** How long a fetched set is fresh. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** How long before expiry a read starts a background refresh. */
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofSeconds(30);
    /** Fetches allowed per rate-limit window. */
    public static final int DEFAULT_RATE_LIMIT_FETCHES = 2;
    /** The rate-limit window. */
    public static final Duration DEFAULT_RATE_LIMIT_WINDOW = Duration.ofSeconds(30);
    /** How long after its fetch the last good set may be served while fetches fail. */
    public static final Duration DEFAULT_MAX_STALE = Duration.ofHours(24);
    /** How long a caller waits for a fetch it needs (first fetch, unknown kid). */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(3);
    /** First wait after a failed fetch; doubles per failure. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Longest wait between failed fetches. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

    private static final System.Logger LOG = System.getLogger(CachingJwksSource.class.getName());
    private static final ExecutorService DEFAULT_EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jwk-adapter-jwks-refresh");
        t.setDaemon(true);
        return t;
    });

    /** Health status. */
    public enum Status {
        /** A set is cached and the last fetch succeeded. */
        HEALTHY,
        /** A set is cached but the last fetch failed: the last good set is being served. */
        DEGRADED,
        /** No usable set: validations fail with {@code KEYS_UNAVAILABLE}. */
        UNAVAILABLE
    }

    /**
     * A snapshot of the cache's health.
     *
     * @param status the status
     * @param keyCount usable keys in the cached set (0 when none)
     * @param lastSuccess wall time of the last successful fetch, or {@code null}
     * @param age how old the cached set is, or {@code null}
     * @param lastError the last fetch error message, or {@code null} (cleared by a success)
     * @param lastErrorAt wall time of the last failure, or {@code null}
     */
    public record Health(Status status, int keyCount, @Nullable Instant lastSuccess, @Nullable Duration age,
            @Nullable String lastError, @Nullable Instant lastErrorAt) {}

    /** Receives refresh outcomes (called on the refreshing thread; must be fast and not throw). */
    public interface Listener {
        /**
         * A fetch succeeded and {@code set} replaced the cached set.
         *
         * @param set the new set
         */
        default void onRefresh(JwkSet set) {}

        /**
         * A fetch failed.
         *
         * @param error the failure
         * @param servingStale whether a last good set is still being served
         */
        default void onFailure(JwksUnavailableException error, boolean servingStale) {}
    }

    private record Cached(JwkSet set, long fetchedAtNanos, Instant fetchedAt) {}

    private final JwksSource upstream;
    private final long ttl;
    private final long refreshAhead;
    private final long maxStale;
    private final long waitTimeout;
    private final long initialBackoff;
    private final long maxBackoff;
    private final LongSupplier ticker;
    private final Clock clock;
    private final Executor executor;
    private final Listener listener;
    private final RateLimiter limiter;

    private final AtomicReference<@Nullable Cached> cached = new AtomicReference<>();
    private final AtomicReference<@Nullable CompletableFuture<Cached>> inFlight = new AtomicReference<>();
    private final Object failureLock = new Object();
    /** Guards the decision to start a fetch (never held during I/O). */
    private final Object startLock = new Object();
    private volatile long nextFetchAllowedAt;
    private volatile boolean backingOff;
    private int consecutiveFailures;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;
    private volatile boolean lastFetchFailed;

    private CachingJwksSource(Builder b) {
        this.upstream = b.upstream;
        this.ttl = b.ttl.toNanos();
        this.refreshAhead = b.refreshAhead.toNanos();
        this.maxStale = b.maxStale.toNanos();
        this.waitTimeout = b.waitTimeout.toNanos();
        this.initialBackoff = b.initialBackoff.toNanos();
        this.maxBackoff = b.maxBackoff.toNanos();
        this.ticker = b.ticker;
        this.clock = b.clock;
        this.executor = b.executor;
        this.listener = b.listener;
        this.limiter = new RateLimiter(b.rateLimitFetches, b.rateLimitWindow.toNanos());
    }

    /** A builder with the defaults around {@code upstream}. */
    public static Builder builder(JwksSource upstream) {
        return new Builder(upstream);
    }

    @Override
    public JwkSet get() {
        Cached c = cached.get();
        long now = ticker.getAsLong();
        if (c == null) {
            return bootstrap(now);
        }
        long age = now - c.fetchedAtNanos;
        if (age >= ttl - refreshAhead) {
            refreshInBackground(now, c);
        }
        if (age > maxStale) {
            throw new JwksUnavailableException("the cached keys are older than " + Duration.ofNanos(maxStale)
                    + " and could not be refreshed" + lastErrorSuffix(), null);
        }
        return c.set;
    }

    @Override
    public JwkSet refreshForUnknownKid(String kid) {
        Cached c = cached.get();
        if (c == null) {
            return get();
        }
        if (!c.set.findAll(kid).isEmpty()) {
            return c.set;
        }
        CompletableFuture<Cached> f = inFlight.get();
        if (f == null) {
            long now = ticker.getAsLong();
            Cached again = cached.get();
            if (again != null && again != c) {
                c = again;
                if (!c.set.findAll(kid).isEmpty()) {
                    return c.set;
                }
            }
            f = joinOrStartFetch(now, c);
            if (f == null) {
                if (lastFetchFailed) {
                    throw new JwksUnavailableException("kid not in the cached keys, and the key source is failing"
                            + lastErrorSuffix(), null);
                }
                return currentOrFail(c, now);
            }
        }
        Cached result = await(f);
        if (result != null) {
            return result.set;
        }
        if (lastFetchFailed) {
            throw new JwksUnavailableException("refreshing the keys for an unknown kid failed" + lastErrorSuffix(), null);
        }
        return currentOrFail(Objects.requireNonNull(cached.get()), ticker.getAsLong());
    }

    private JwkSet currentOrFail(Cached c, long now) {
        if (now - c.fetchedAtNanos > maxStale) {
            throw new JwksUnavailableException("the cached keys are too old" + lastErrorSuffix(), null);
        }
        return c.set;
    }

    private JwkSet bootstrap(long now) {
        CompletableFuture<Cached> f = joinOrStartFetch(now, null);
        if (f == null) {
            if (backingOff && now - nextFetchAllowedAt < 0) {
                throw new JwksUnavailableException("no keys fetched yet; next attempt in "
                        + Duration.ofNanos(nextFetchAllowedAt - now).toMillis() + " ms" + lastErrorSuffix(), null);
            }
            throw new JwksUnavailableException("no keys fetched yet; fetch rate limit reached" + lastErrorSuffix(), null);
        }
        Cached result = await(f);
        if (result == null) {
            Cached c = cached.get();
            if (c != null) {
                return c.set;
            }
            throw new JwksUnavailableException("no keys could be fetched" + lastErrorSuffix(), null);
        }
        return result.set;
    }

    private void refreshInBackground(long now, Cached seen) {
        if (inFlight.get() != null || (backingOff && now - nextFetchAllowedAt < 0)) {
            return;
        }
        joinOrStartFetch(now, seen);
    }

    /**
     * Joins the fetch in flight, or starts one when the backoff and the rate limit allow; {@code null}
     * when neither. A set installed since the caller read {@code seen} is returned as is. The decision
     * and the permit are taken under one short lock (no I/O), so racing callers never spend a second
     * rate-limit permit on a fetch that another caller already started or finished.
     */
    private @Nullable CompletableFuture<Cached> joinOrStartFetch(long now, @Nullable Cached seen) {
        CompletableFuture<Cached> mine;
        synchronized (startLock) {
            CompletableFuture<Cached> f = inFlight.get();
            if (f != null) {
                return f;
            }
            Cached current = cached.get();
            if (current != seen) {
                return CompletableFuture.completedFuture(current);
            }
            if (backingOff && now - nextFetchAllowedAt < 0) {
                return null;
            }
            if (!limiter.tryAcquire(now)) {
                return null;
            }
            mine = new CompletableFuture<>();
            inFlight.set(mine);
        }
        launch(mine);
        return mine;
    }

    /** Runs the fetch that {@code mine} stands for on the executor (outside any lock). */
    private void launch(CompletableFuture<Cached> mine) {
        try {
            executor.execute(() -> runFetch(mine));
        } catch (RuntimeException e) {
            inFlight.compareAndSet(mine, null);
            mine.complete(null);
        }
    }

    private void runFetch(CompletableFuture<Cached> future) {
        Cached result = null;
        try {
            JwkSet set;
            try {
                set = upstream.get();
            } catch (JwksUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new JwksUnavailableException("the key source failed: " + e, e);
            }
            if (set == null || set.isEmpty()) {
                throw new JwksUnavailableException("the key source returned no usable key", null);
            }
            result = new Cached(set, ticker.getAsLong(), clock.instant());
            cached.set(result);
            synchronized (failureLock) {
                consecutiveFailures = 0;
                backingOff = false;
                lastFetchFailed = false;
                lastError = null;
            }
            LOG.log(Level.DEBUG, () -> "JWKS refreshed from " + upstream + ": " + set.size() + " keys");
            notifyRefresh(set);
        } catch (JwksUnavailableException e) {
            recordFailure(e);
        } finally {
            inFlight.compareAndSet(future, null);
            future.complete(result);
        }
    }

    private void recordFailure(JwksUnavailableException e) {
        long now = ticker.getAsLong();
        synchronized (failureLock) {
            consecutiveFailures++;
            long backoff = initialBackoff << Math.min(consecutiveFailures - 1, 30);
            if (backoff <= 0 || backoff > maxBackoff) {
                backoff = maxBackoff;
            }
            long wait = backoff;
            if (e.retryAfter().isPresent()) {
                wait = Math.max(wait, e.retryAfter().get().toNanos());
            }
            nextFetchAllowedAt = now + wait;
            backingOff = true;
            lastFetchFailed = true;
            lastError = e.getMessage();
            lastErrorAt = clock.instant();
        }
        boolean stale = cached.get() != null;
        LOG.log(Level.WARNING, () -> "JWKS fetch from " + upstream + " failed" + (stale ? " (serving the last good set)" : "")
                + ": " + e.getMessage());
        try {
            listener.onFailure(e, stale);
        } catch (RuntimeException ignored) {
            LOG.log(Level.WARNING, "JWKS listener threw; ignored");
        }
    }

    private void notifyRefresh(JwkSet set) {
        try {
            listener.onRefresh(set);
        } catch (RuntimeException ignored) {
            LOG.log(Level.WARNING, "JWKS listener threw; ignored");
        }
    }

    private @Nullable Cached await(CompletableFuture<Cached> f) {
        try {
            return f.get(waitTimeout, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private String lastErrorSuffix() {
        String e = lastError;
        return e == null ? "" : " (last error: " + e + ")";
    }

    /** Forces a fetch now (ignoring TTL, not the rate limit) and waits for it, up to the wait timeout. */
    public Optional<JwkSet> refreshNow() {
        long now = ticker.getAsLong();
        CompletableFuture<Cached> f;
        boolean start = false;
        synchronized (startLock) {
            f = inFlight.get();
            if (f == null) {
                if (!limiter.tryAcquire(now)) {
                    return Optional.empty();
                }
                f = new CompletableFuture<>();
                inFlight.set(f);
                start = true;
            }
        }
        if (start) {
            launch(f);
        }
        Cached c = await(f);
        return c == null ? Optional.empty() : Optional.of(c.set);
    }

    /** A snapshot of the cache's health. */
    public Health health() {
        Cached c = cached.get();
        long now = ticker.getAsLong();
        if (c == null) {
            return new Health(Status.UNAVAILABLE, 0, null, null, lastError, lastErrorAt);
        }
        long age = now - c.fetchedAtNanos;
        Status s = age > maxStale ? Status.UNAVAILABLE : lastFetchFailed ? Status.DEGRADED : Status.HEALTHY;
        return new Health(s, c.set.size(), c.fetchedAt, Duration.ofNanos(Math.max(0, age)), lastError, lastErrorAt);
    }

    @Override
    public String toString() {
        return "CachingJwksSource[" + upstream + ", ttl=" + Duration.ofNanos(ttl) + ", refreshAhead="
                + Duration.ofNanos(refreshAhead) + ", maxStale=" + Duration.ofNanos(maxStale) + ", rateLimit="
                + limiter + "]";
    }

    /** At most {@code permits} acquisitions per sliding window. */
    static final class RateLimiter {
        private final long[] starts;
        private final long window;
        private int next;
        private int used;

        RateLimiter(int permits, long windowNanos) {
            this.starts = new long[permits];
            this.window = windowNanos;
        }

        synchronized boolean tryAcquire(long now) {
            if (used == starts.length) {
                long oldest = starts[next];
                if (now - oldest < window) {
                    return false;
                }
            } else {
                used++;
            }
            starts[next] = now;
            next = (next + 1) % starts.length;
            return true;
        }

        @Override
        public String toString() {
            return starts.length + " per " + Duration.ofNanos(window);
        }
    }

    /** Builds a {@link CachingJwksSource}. Not thread-safe. */
    public static final class Builder {
        private final JwksSource upstream;
        private Duration ttl = DEFAULT_TTL;
        private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
        private int rateLimitFetches = DEFAULT_RATE_LIMIT_FETCHES;
        private Duration rateLimitWindow = DEFAULT_RATE_LIMIT_WINDOW;
        private Duration maxStale = DEFAULT_MAX_STALE;
        private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private LongSupplier ticker = System::nanoTime;
        private Clock clock = Clock.systemUTC();
        private Executor executor = DEFAULT_EXECUTOR;
        private Listener listener = new Listener() {};

        private Builder(JwksSource upstream) {
            this.upstream = Objects.requireNonNull(upstream, "upstream");
        }

        /** How long a fetched set is fresh (default 5 min). */
        public Builder ttl(Duration value) {
            this.ttl = Objects.requireNonNull(value, "ttl");
            return this;
        }

        /** How long before expiry a background refresh starts (default 30 s; zero disables). */
        public Builder refreshAhead(Duration value) {
            this.refreshAhead = Objects.requireNonNull(value, "refreshAhead");
            return this;
        }

        /** At most {@code fetches} fetches per {@code window} (default 2 per 30 s). */
        public Builder rateLimit(int fetches, Duration window) {
            this.rateLimitFetches = fetches;
            this.rateLimitWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /** How long after its fetch the last good set is served while fetches fail (default 24 h). */
        public Builder maxStale(Duration value) {
            this.maxStale = Objects.requireNonNull(value, "maxStale");
            return this;
        }

        /** How long a caller waits for a fetch it needs (default 3 s). */
        public Builder waitTimeout(Duration value) {
            this.waitTimeout = Objects.requireNonNull(value, "waitTimeout");
            return this;
        }

        /** Backoff after failed fetches: first wait and cap (default 1 s doubling to 5 min). */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** The monotonic nanosecond ticker (default {@code System::nanoTime}; tests pass a fake). */
        public Builder ticker(LongSupplier value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /** The wall clock for health timestamps only (default system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where fetches run (default: a shared pool of daemon threads). */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Receives refresh outcomes. */
        public Builder listener(Listener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Builds the source.
         *
         * @throws IllegalStateException naming the impossible setting
         */
        public CachingJwksSource build() {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalStateException("ttl: must be positive");
            }
            if (refreshAhead.isNegative() || refreshAhead.compareTo(ttl) >= 0) {
                throw new IllegalStateException("refreshAhead: must be at least 0 and shorter than ttl");
            }
            if (rateLimitFetches < 1 || rateLimitWindow.isNegative()) {
                throw new IllegalStateException("rateLimit: at least 1 fetch per non-negative window");
            }
            if (maxStale.compareTo(ttl) < 0) {
                throw new IllegalStateException("maxStale: must be at least ttl");
            }
            if (waitTimeout.isNegative() || waitTimeout.isZero()) {
                throw new IllegalStateException("waitTimeout: must be positive");
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalStateException("backoff: initial must be at least 0 and at most max");
            }
            return new CachingJwksSource(this);
        }
    }
}
