package dev.jwkadapter.core.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.CachingJwksSource.Health;
import dev.jwkadapter.core.jwks.CachingJwksSource.Status;
import dev.jwkadapter.testing.CountingJwksSource;
import dev.jwkadapter.testing.FakeTicker;
import dev.jwkadapter.testing.FlakyJwksSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CachingJwksSourceTest {

    /** Runs fetches on the calling thread: deterministic counts for the single-threaded tests. */
    private static final Executor DIRECT = Runnable::run;

    private final FakeTicker ticker = new FakeTicker();
    private final MutableClock clock = new MutableClock(JwksFixtures.NOW);
    private JwkSet setA;
    private JwkSet setB;
    private FlakyJwksSource upstream;
    private TrackingExecutor executor;

    @BeforeEach
    void setUp() {
        Es256Key a = Es256Key.generate("a");
        setA = JwkSet.of(a.jwk());
        setB = JwkSet.of(a.jwk(), a.withKid("b").jwk());
        upstream = FlakyJwksSource.serving(setA);
        executor = new TrackingExecutor();
    }

    @AfterEach
    void tearDown() {
        upstream.releaseCalls();
        executor.close();
    }

    private void awaitParked(int n) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.parked() < n && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
        assertThat(upstream.parked()).isEqualTo(n);
    }

    private CachingJwksSource.Builder builder(JwksSource source) {
        return CachingJwksSource.builder(source).ticker(ticker).clock(clock).executor(DIRECT);
    }

    // ------------------------------------------------------------------ defaults and builder

    @Test
    void defaultsAreThePublishedConstants() {
        assertThat(CachingJwksSource.DEFAULT_TTL).isEqualTo(Duration.ofMinutes(5));
        assertThat(CachingJwksSource.DEFAULT_REFRESH_AHEAD).isEqualTo(Duration.ofSeconds(30));
        assertThat(CachingJwksSource.DEFAULT_RATE_LIMIT_FETCHES).isEqualTo(2);
        assertThat(CachingJwksSource.DEFAULT_RATE_LIMIT_WINDOW).isEqualTo(Duration.ofSeconds(30));
        assertThat(CachingJwksSource.DEFAULT_MAX_STALE).isEqualTo(Duration.ofHours(24));
        assertThat(CachingJwksSource.DEFAULT_WAIT_TIMEOUT).isEqualTo(Duration.ofSeconds(3));
        assertThat(CachingJwksSource.DEFAULT_INITIAL_BACKOFF).isEqualTo(Duration.ofSeconds(1));
        assertThat(CachingJwksSource.DEFAULT_MAX_BACKOFF).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void buildWhenDefaultsThenToStringShowsTheConfiguration() {
        assertThat(CachingJwksSource.builder(upstream).build().toString())
                .contains("ttl=PT5M", "refreshAhead=PT30S", "maxStale=PT24H", "rateLimit=2 per PT30S");
    }

    static Stream<Arguments> impossibleSettings() {
        return Stream.of(
                Arguments.of("ttl", (UnaryOperator<CachingJwksSource.Builder>) b -> b.ttl(Duration.ZERO)),
                Arguments.of("ttl", (UnaryOperator<CachingJwksSource.Builder>) b -> b.ttl(Duration.ofSeconds(-1))),
                Arguments.of("refreshAhead", (UnaryOperator<CachingJwksSource.Builder>) b -> b.refreshAhead(Duration.ofMinutes(5))),
                Arguments.of("refreshAhead", (UnaryOperator<CachingJwksSource.Builder>) b -> b.refreshAhead(Duration.ofSeconds(-1))),
                Arguments.of("refreshAhead", (UnaryOperator<CachingJwksSource.Builder>) b ->
                        b.ttl(Duration.ofSeconds(10)).refreshAhead(Duration.ofSeconds(30)).maxStale(Duration.ofHours(1))),
                Arguments.of("rateLimit", (UnaryOperator<CachingJwksSource.Builder>) b -> b.rateLimit(0, Duration.ofSeconds(30))),
                Arguments.of("rateLimit", (UnaryOperator<CachingJwksSource.Builder>) b -> b.rateLimit(2, Duration.ofSeconds(-30))),
                Arguments.of("maxStale", (UnaryOperator<CachingJwksSource.Builder>) b -> b.maxStale(Duration.ofMinutes(4))),
                Arguments.of("waitTimeout", (UnaryOperator<CachingJwksSource.Builder>) b -> b.waitTimeout(Duration.ZERO)),
                Arguments.of("backoff", (UnaryOperator<CachingJwksSource.Builder>) b ->
                        b.backoff(Duration.ofMinutes(10), Duration.ofMinutes(5))),
                Arguments.of("backoff", (UnaryOperator<CachingJwksSource.Builder>) b ->
                        b.backoff(Duration.ofSeconds(-1), Duration.ofMinutes(5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleSettings")
    void buildWhenSettingsAreImpossibleThenRejectedNamingTheSetting(String setting,
            UnaryOperator<CachingJwksSource.Builder> change) {
        assertThatIllegalStateException().isThrownBy(() -> change.apply(CachingJwksSource.builder(upstream)).build())
                .withMessageStartingWith(setting + ":");
    }

    @Test
    void buildWhenRefreshAheadIsZeroThenAccepted() {
        CachingJwksSource cache = builder(upstream).refreshAhead(Duration.ZERO).build();
        cache.get();
        ticker.advance(Duration.ofMinutes(5).minusNanos(1));
        cache.get();
        assertThat(upstream.calls()).isEqualTo(1);
        ticker.advance(Duration.ofNanos(1));
        cache.get();
        assertThat(upstream.calls()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ TTL and refresh-ahead

    @Test
    void getWhenFreshThenServedFromCacheWithoutFetching() {
        CachingJwksSource cache = builder(upstream).build();
        assertThat(cache.get()).isSameAs(setA);
        for (int i = 0; i < 269; i++) {
            ticker.advance(Duration.ofSeconds(1));
            assertThat(cache.get()).isSameAs(setA);
        }
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void getWhenInTheRefreshAheadWindowThenOneFetchAndTheWholeNewSetReplacesTheOld() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        upstream.succeedWith(setB);
        ticker.advance(Duration.ofSeconds(270));
        cache.get();
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(cache.get()).isSameAs(setB);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void getWhenARefreshIsInFlightThenReadersGetTheCachedSetWithoutWaiting() {
        CachingJwksSource cache = builder(upstream).executor(executor).build();
        assertThat(cache.get()).isSameAs(setA);
        upstream.succeedWith(setB).holdCalls();
        ticker.advance(Duration.ofSeconds(280));
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get()).isSameAs(setA);
        }
        long took = System.nanoTime() - t0;
        awaitParked(1);
        assertThat(upstream.calls()).as("the refresh started and cannot finish until released").isEqualTo(2);
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(1));
        upstream.releaseCalls();
        executor.awaitIdle(Duration.ofSeconds(10));
        assertThat(cache.get()).isSameAs(setB);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void getWhenPastTtlAndRefreshFailsThenTheLastGoodSetIsServed() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        upstream.failWith("boom");
        ticker.advance(Duration.ofHours(2));
        assertThat(cache.get()).isSameAs(setA);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void getWhenOlderThanMaxStaleThenFailsClosed() {
        CachingJwksSource cache = builder(upstream).maxStale(Duration.ofHours(1)).build();
        cache.get();
        upstream.failWith("boom");
        ticker.advance(Duration.ofHours(1));
        assertThat(cache.get()).isSameAs(setA);
        ticker.advance(Duration.ofNanos(1));
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get)
                .withMessageContaining("older than PT1H").withMessageContaining("boom");
    }

    @Test
    void getWhenNothingCachedAndUpstreamFailsThenUnavailable() {
        upstream.failWith("connection refused");
        CachingJwksSource cache = builder(upstream).build();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get)
                .withMessageContaining("no keys could be fetched").withMessageContaining("connection refused");
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get)
                .withMessageContaining("next attempt in 1000 ms");
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void getWhenUpstreamReturnsAnEmptySetThenItIsAFailedFetch() {
        CachingJwksSource cache = builder(JwksSource.of(JwkSet.empty())).build();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get)
                .withMessageContaining("no usable key");
        assertThat(cache.health().status()).isEqualTo(Status.UNAVAILABLE);
    }

    @Test
    void getWhenUpstreamThrowsAnUncheckedExceptionThenItIsAFailedFetch() {
        CachingJwksSource cache = builder(() -> {
            throw new IllegalStateException("bug upstream");
        }).build();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get)
                .withMessageContaining("bug upstream");
    }

    @Test
    void getWhenExecutorRejectsTheFetchThenUnavailableAndNoFetchStuckInFlight() {
        CachingJwksSource cache = builder(upstream).executor(r -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        }).build();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get);
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get);
        assertThat(upstream.calls()).isZero();
    }

    // ------------------------------------------------------------------ unknown kid

    @Test
    void refreshForUnknownKidWhenKidIsCachedThenNoFetch() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        assertThat(cache.refreshForUnknownKid("a")).isSameAs(setA);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void refreshForUnknownKidWhenKidAppearsUpstreamThenReturnsTheNewSet() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        upstream.succeedWith(setB);
        assertThat(cache.refreshForUnknownKid("b")).isSameAs(setB);
        assertThat(cache.get()).isSameAs(setB);
    }

    @Test
    void refreshForUnknownKidWhenFloodedThenTwoFetchesPer30Seconds() {
        CountingJwksSource counting = CountingJwksSource.of(upstream, ticker);
        CachingJwksSource cache = builder(counting).build();
        cache.get();
        for (int second = 0; second < 120; second++) {
            for (int i = 0; i < 50; i++) {
                assertThat(cache.refreshForUnknownKid("x" + second + "-" + i)).isSameAs(cache.get());
            }
            ticker.advance(Duration.ofSeconds(1));
        }
        assertThat(counting.maxCallsWithin(Duration.ofSeconds(30).toNanos())).isEqualTo(2);
        // warm start + 2 at 0 s … then 2 every 30 s: t = 0, 0, 30, 30, 60, 60, 90, 90
        assertThat(counting.calls()).isEqualTo(8);
    }

    @Test
    void refreshForUnknownKidWhenCustomRateLimitThenThatLimitApplies() {
        CachingJwksSource cache = builder(upstream).rateLimit(1, Duration.ofMinutes(5)).build();
        cache.get();
        ticker.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            cache.refreshForUnknownKid("x" + i);
        }
        assertThat(upstream.calls()).isEqualTo(1);
        ticker.advance(Duration.ofMinutes(4));
        cache.refreshForUnknownKid("y");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void refreshForUnknownKidWhenConcurrentThenOneFetchSharedByAllCallers() {
        CachingJwksSource cache = builder(upstream).executor(executor).waitTimeout(Duration.ofSeconds(20)).build();
        cache.get();
        upstream.succeedWith(setB).holdCalls();
        Thread opener = new Thread(() -> {
            awaitParked(1);
            try {
                Thread.sleep(200);   // let the other callers pile up behind the parked fetch
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            upstream.releaseCalls();
        });
        opener.setDaemon(true);
        opener.start();
        List<JwkSet> results = Concurrently.run(100, Duration.ofSeconds(30), i -> cache.refreshForUnknownKid("b"));
        assertThat(results).hasSize(100).allSatisfy(s -> assertThat(s).isSameAs(setB));
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void refreshForUnknownKidWhenTheFetchOutlastsTheWaitTimeoutThenGivesUpWithTheCurrentSet() {
        CachingJwksSource cache = builder(upstream).executor(executor).waitTimeout(Duration.ofMillis(200)).build();
        cache.get();
        upstream.succeedWith(setB).holdCalls();
        long t0 = System.nanoTime();
        JwkSet result = cache.refreshForUnknownKid("b");
        long waited = System.nanoTime() - t0;
        assertThat(result).isSameAs(setA);
        assertThat(Duration.ofNanos(waited)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
        upstream.releaseCalls();
        executor.awaitIdle(Duration.ofSeconds(10));
        assertThat(cache.get()).isSameAs(setB);
    }

    @Test
    void refreshForUnknownKidWhenUpstreamIsFailingThenUnavailableCarriesTheLastError() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        upstream.failWith("HTTP 500");
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(() -> cache.refreshForUnknownKid("b"))
                .withMessageContaining("HTTP 500");
        // backing off: no new fetch, but still reported as unavailable (not as a plain unknown kid)
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(() -> cache.refreshForUnknownKid("c"))
                .withMessageContaining("HTTP 500");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void refreshForUnknownKidWhenNothingCachedThenBootstraps() {
        CachingJwksSource cache = builder(upstream).build();
        assertThat(cache.refreshForUnknownKid("a")).isSameAs(setA);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ backoff and Retry-After

    @Test
    void fetchWhenFailuresRepeatThenBackoffDoublesUpToTheCap() {
        CountingJwksSource counting = CountingJwksSource.of(upstream.failWith("down"), ticker);
        CachingJwksSource cache = builder(counting).rateLimit(1, Duration.ZERO)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)).build();
        long start = ticker.getAsLong();
        for (int i = 0; i < 600; i++) {
            try {
                cache.get();
            } catch (JwksUnavailableException expected) {
                // counted below
            }
            ticker.advance(Duration.ofMillis(100));
        }
        List<Long> ticks = counting.callTicks();
        long[] gaps = new long[ticks.size() - 1];
        for (int i = 1; i < ticks.size(); i++) {
            gaps[i - 1] = Duration.ofNanos(ticks.get(i) - ticks.get(i - 1)).toMillis();
        }
        assertThat(Duration.ofNanos(ticks.get(0) - start)).isZero();
        assertThat(gaps).startsWith(1000, 2000, 4000, 8000, 10000, 10000);
    }

    @Test
    void fetchWhenUpstreamAsksToRetryAfter120sThenNoFetchBeforeThen() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        upstream.failWith("HTTP 429", Duration.ofSeconds(120));
        ticker.advance(Duration.ofSeconds(300));
        assertThat(cache.get()).isSameAs(setA);
        assertThat(upstream.calls()).isEqualTo(2);
        upstream.succeedWith(setB);
        ticker.advance(Duration.ofSeconds(119));
        assertThat(cache.get()).isSameAs(setA);
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(() -> cache.refreshForUnknownKid("b"));
        assertThat(upstream.calls()).isEqualTo(2);
        ticker.advance(Duration.ofSeconds(1));
        cache.get();
        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(cache.get()).isSameAs(setB);
    }

    @Test
    void refreshNowWhenCalledThenFetchesIgnoringTtlButNotTheRateLimit() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        upstream.succeedWith(setB);
        assertThat(cache.refreshNow()).contains(setB);
        assertThat(cache.refreshNow()).isEqualTo(Optional.empty());
        assertThat(upstream.calls()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ health, listener, logs

    @Test
    void healthWhenNothingFetchedThenUnavailable() {
        Health h = builder(upstream).build().health();
        assertThat(h.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(h.keyCount()).isZero();
        assertThat(h.lastSuccess()).isNull();
        assertThat(h.age()).isNull();
        assertThat(h.lastError()).isNull();
    }

    @Test
    void healthFollowsHealthyDegradedHealthyUnavailable() {
        CachingJwksSource cache = builder(upstream).maxStale(Duration.ofHours(1)).build();
        cache.get();
        Health healthy = cache.health();
        assertThat(healthy.status()).isEqualTo(Status.HEALTHY);
        assertThat(healthy.keyCount()).isEqualTo(1);
        assertThat(healthy.lastSuccess()).isEqualTo(JwksFixtures.NOW);
        assertThat(healthy.age()).isEqualTo(Duration.ZERO);

        upstream.failWith("HTTP 503");
        ticker.advance(Duration.ofMinutes(6));
        clock.jump(Duration.ofMinutes(6));
        cache.get();
        Health degraded = cache.health();
        assertThat(degraded.status()).isEqualTo(Status.DEGRADED);
        assertThat(degraded.keyCount()).isEqualTo(1);
        assertThat(degraded.age()).isEqualTo(Duration.ofMinutes(6));
        assertThat(degraded.lastSuccess()).isEqualTo(JwksFixtures.NOW);
        assertThat(degraded.lastError()).contains("HTTP 503");
        assertThat(degraded.lastErrorAt()).isEqualTo(JwksFixtures.NOW.plus(Duration.ofMinutes(6)));

        upstream.succeedWith(setB);
        ticker.advance(Duration.ofSeconds(2));
        cache.get();
        Health recovered = cache.health();
        assertThat(recovered.status()).isEqualTo(Status.HEALTHY);
        assertThat(recovered.keyCount()).isEqualTo(2);
        assertThat(recovered.lastError()).isNull();

        upstream.failWith("HTTP 503");
        ticker.advance(Duration.ofHours(1).plusSeconds(1));
        try {
            cache.get();
        } catch (JwksUnavailableException expected) {
            // fails closed; health says so
        }
        assertThat(cache.health().status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(cache.health().keyCount()).isEqualTo(2);
    }

    @Test
    void listenerWhenFetchesSucceedAndFailThenToldEachOutcome() {
        List<String> events = new CopyOnWriteArrayList<>();
        CachingJwksSource.Listener listener = new CachingJwksSource.Listener() {
            @Override
            public void onRefresh(JwkSet set) {
                events.add("refresh:" + set.size());
            }

            @Override
            public void onFailure(JwksUnavailableException error, boolean servingStale) {
                events.add("failure:" + error.getMessage() + ":" + servingStale);
            }
        };
        upstream.failWith("first");
        CachingJwksSource cache = builder(upstream).listener(listener).build();
        assertThatExceptionOfType(JwksUnavailableException.class).isThrownBy(cache::get);
        upstream.succeedWith(setA);
        ticker.advance(Duration.ofSeconds(1));
        cache.get();
        upstream.failWith("second");
        ticker.advance(Duration.ofMinutes(5));
        cache.get();
        assertThat(events).containsExactly("failure:first:false", "refresh:1", "failure:second:true");
    }

    @Test
    void listenerWhenItThrowsThenTheCacheCarriesOn() {
        CachingJwksSource cache = builder(upstream).listener(new CachingJwksSource.Listener() {
            @Override
            public void onRefresh(JwkSet set) {
                throw new IllegalStateException("listener bug");
            }
        }).build();
        assertThat(cache.get()).isSameAs(setA);
        assertThat(cache.health().status()).isEqualTo(Status.HEALTHY);
    }

    @Test
    void logWhenFetchFailsThenOneWarningWithTheReason() {
        CachingJwksSource cache = builder(upstream).build();
        cache.get();
        upstream.failWith("HTTP 502");
        try (LogCapture logs = LogCapture.of(CachingJwksSource.class.getName())) {
            ticker.advance(Duration.ofMinutes(5));
            cache.get();
            assertThat(logs.warnings()).singleElement().asString()
                    .contains("failed (serving the last good set)").contains("HTTP 502");
        }
    }
}
