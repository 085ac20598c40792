package dev.jwkadapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import dev.jwkadapter.azure.internal.Sleeper;
import dev.jwkadapter.azure.internal.VaultRetry;
import dev.jwkadapter.azure.standin.Fault;
import dev.jwkadapter.azure.standin.KeyVaultStandIn;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.Route;
import dev.jwkadapter.azure.standin.StandInCredential;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SECURITY-CASES.md (b) KV-01 … KV-10 against the stand-in. Backoff waits go through {@link FakeSleeper}, so
 * a 3.2 s backoff costs no time; the waits asked for are asserted instead.
 */
class KeyVaultFaultScenariosTest {

    private static final byte[] INPUT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrdiJ9".getBytes(StandardCharsets.US_ASCII);

    private final VaultFixture vault = new VaultFixture();

    @AfterEach
    void close() {
        vault.close();
    }

    /** A provider over one EC P-256 version, warmed up (versions loaded), with the request log cleared. */
    private AzureKeyVaultKeyProvider warm(AzureKeyVaultKeyProvider provider) {
        provider.activeKey();
        vault.standIn.resetCounts();
        return provider;
    }

    private KeyVersion active(AzureKeyVaultKeyProvider p) {
        return p.activeKey();
    }

    private byte[] sign(AzureKeyVaultKeyProvider p) {
        KeyVersion k = p.activeKey();
        return p.sign(k.kid(), p.signingAlgorithm(k), INPUT);
    }

    // ---------------------------------------------------------------- KV-01

    @ParameterizedTest
    @ValueSource(strings = {"Retry-After:2", "retry-after-ms:2000", "x-ms-retry-after-ms:2000"})
    void kv01SignWhenThrottledWithRetryAfterThenNextAttemptWaitsAndSucceeds(String header) {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        String[] h = header.split(":");
        vault.standIn.inject(Route.SIGN, Fault.throttled().withHeader(h[0], h[1]), 1);

        byte[] sig = sign(p);

        assertThat(sig).hasSize(64);
        assertThat(vault.sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(vault.standIn.count(Route.SIGN, 429)).isEqualTo(1);
        assertThat(vault.standIn.count(Route.SIGN, 200)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- KV-02

    @Test
    void kv02SignWhenThrottledWithoutRetryAfterThenExponentialBackoffWithJitter() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.inject(Route.SIGN, Fault.throttled(), 3);

        byte[] sig = sign(p);

        assertThat(sig).hasSize(64);
        List<Duration> sleeps = vault.sleeper.sleeps();
        assertThat(sleeps).hasSize(3);
        double[] expected = {0.8, 1.6, 3.2};
        for (int i = 0; i < 3; i++) {
            assertThat(sleeps.get(i).toNanos() / 1e9).isCloseTo(expected[i], within(expected[i] * 0.05 + 1e-9));
        }
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(4);
    }

    @Test
    void kv02BackoffWhenManyAttemptsThenCappedAtEightSecondsWithinJitter() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration d = VaultRetry.backoff(attempt);
            double base = Math.min(0.8 * Math.pow(2, attempt - 1), 1e9);
            assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(8));
            if (base < 8 / 1.05) {
                assertThat(d.toNanos() / 1e9).isCloseTo(base, within(base * 0.05 + 1e-9));
            }
        }
    }

    // ---------------------------------------------------------------- KV-03

    @Test
    void kv03SignWhenPersistently429ThenThrottledAfterFourAttemptsWithLastRetryAfter() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.injectAlways(Route.SIGN, Fault.throttled().withHeader("Retry-After", "1"));
        KeyVersion k = active(p);

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    assertThat(e.getMessage()).contains("4 attempts");
                });
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(4);
        assertThat(vault.sleeper.sleeps()).containsOnly(Duration.ofSeconds(1)).hasSize(3);
    }

    @Test
    void kv03SignWhenPersistently503ThenUnavailableAfterFourAttempts() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.injectAlways(Route.SIGN, Fault.unavailable());
        KeyVersion k = active(p);

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(4);
    }

    @Test
    void kv03SignWhenRetryAfterLongerThanDeadlineAllowsThenThrottledBeforeFourthAttempt() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.injectAlways(Route.SIGN, Fault.throttled().withHeader("Retry-After", "20"));
        KeyVersion k = active(p);

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
                    assertThat(e.getMessage()).contains("deadline");
                });
        // attempt 1 at 0 s, attempt 2 at 20 s, a third would start at 40 s > the default 30 s deadline
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(2);
        assertThat(vault.sleeper.total()).isLessThanOrEqualTo(AzureKeyVaultKeyProvider.DEFAULT_DEADLINE);
        assertThat(AzureKeyVaultKeyProvider.DEFAULT_DEADLINE).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void kv03SignWhenThrottleGateClosedThenOtherCallsWaitInsteadOfSending() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.inject(Route.SIGN, Fault.throttled().withHeader("retry-after-ms", "1500"), 1);

        sign(p);
        sign(p);

        // the second call found the gate open again (the fake sleeper waited 1.5 s), so no extra 429
        assertThat(vault.standIn.count(Route.SIGN, 429)).isEqualTo(1);
        assertThat(vault.standIn.count(Route.SIGN, 200)).isEqualTo(2);
        assertThat(vault.sleeper.sleeps()).containsExactly(Duration.ofMillis(1500));
    }

    // ---------------------------------------------------------------- KV-04

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void kv04SignWhenTransientStatusThenRetriedAndSucceeds(int status) {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.inject(Route.SIGN, Fault.status(status, "Transient", "try again"), 1);

        assertThat(sign(p)).hasSize(64);
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(2);
    }

    @Test
    void kv04SignWhenConnectionDroppedThenRetriedAndSucceeds() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.inject(Route.SIGN, Fault.drop(), 1);

        assertThat(sign(p)).hasSize(64);
        assertThat(vault.standIn.count(Route.SIGN, 200)).isEqualTo(1);
        assertThat(vault.sleeper.sleeps()).hasSize(1);
    }

    @Test
    void kv04SignWhenReadTimeoutThenRetriedAndSucceeds() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider(b -> b.callTimeout(Duration.ofSeconds(1))));
        vault.standIn.inject(Route.SIGN, Fault.latency(Duration.ofSeconds(5)), 1);

        assertThat(sign(p)).hasSize(64);
        assertThat(vault.standIn.count(Route.SIGN, 0)).isEqualTo(1);
        assertThat(vault.standIn.count(Route.SIGN, 200)).isGreaterThanOrEqualTo(1);
        assertThat(vault.sleeper.sleeps()).hasSizeBetween(1, 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {501, 505, 400, 401, 403, 404, 409})
    void kv04SignWhenPermanentStatusThenNotRetried(int status) {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.inject(Route.SIGN, Fault.status(status, "Permanent", "no"), 1);
        KeyVersion k = active(p);
        Reason expected = status == 401 || status == 403 ? Reason.UNAUTHORIZED
                : status == 404 ? Reason.KEY_NOT_FOUND : status >= 500 ? Reason.UNAVAILABLE : Reason.FAILED;

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(expected));
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(1);
        assertThat(vault.sleeper.sleeps()).isEmpty();
    }

    // ---------------------------------------------------------------- KV-05

    @Test
    void kv05SignWhen403ThenUnauthorizedAtOnceNamingRoleAndPermission() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.injectAlways(Route.SIGN, Fault.forbidden("Microsoft.KeyVault/vaults/keys/sign/action"));
        KeyVersion k = active(p);

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("Key Vault Crypto User").contains("keys/sign");
                });
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(1);
    }

    @Test
    void kv05ListWhen403ThenUnauthorizedNamingKeysList() {
        vault.create(KeyKind.EC_P256);
        vault.standIn.injectAlways(Route.LIST, Fault.forbidden("Microsoft.KeyVault/vaults/keys/read"));
        AzureKeyVaultKeyProvider p = vault.provider();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(p::keys)
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("keys/list").contains("Key Vault Crypto User");
                });
        assertThat(vault.standIn.count(Route.LIST, 403)).isEqualTo(1);
    }

    @Test
    void kv05CredentialWhenEntraFailsThenUnauthorizedAfterOneTokenRequest() {
        vault.create(KeyKind.EC_P256);
        StandInCredential failing = StandInCredential.failing("AADSTS700016: application not found in the directory");
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.credential(failing));

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(p::activeKey)
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("credential").contains("AADSTS700016");
                });
        assertThat(failing.calls()).isEqualTo(1);
        assertThat(vault.standIn.count(Route.LIST, 200)).isZero();
    }

    @Test
    void kv05SignWhenRetriedThenTokenNotFetchedAgain() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        sign(p);
        int tokens = vault.credential.calls();
        vault.standIn.inject(Route.SIGN, Fault.unavailable(), 3);

        sign(p);

        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(5);
        assertThat(vault.credential.calls()).isEqualTo(tokens);
    }

    // ---------------------------------------------------------------- KV-06

    @ParameterizedTest
    @ValueSource(strings = {"disabled", "expired", "not-yet-valid"})
    void kv06SignWhenVersionMayNotSignThenKeyDisabledWithoutRequest(String state) {
        String version = vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.kidStrategy(AzureKeyVaultKeyProvider.KidStrategy.VERSION));
        p.keys();
        switch (state) {
            case "disabled":
                vault.standIn.setEnabled(VaultFixture.KEY, version, false);
                break;
            case "expired":
                vault.standIn.setExpiresOn(VaultFixture.KEY, version, vault.clock.instant().plusSeconds(60));
                break;
            default:
                vault.standIn.setNotBefore(VaultFixture.KEY, version, vault.clock.instant().plus(Duration.ofDays(400)));
                break;
        }
        p.refresh();
        if ("expired".equals(state)) {
            vault.clock.advance(Duration.ofSeconds(61));
        }
        vault.standIn.resetCounts();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(version, JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_DISABLED));
        assertThat(vault.standIn.count(Route.SIGN)).isZero();
    }

    @Test
    void kv06SignWhenDisabledInVaultButCacheStaleThenKeyDisabledAfterOneAttempt() {
        String version = vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider(b -> b.kidStrategy(AzureKeyVaultKeyProvider.KidStrategy.VERSION)));
        vault.standIn.setEnabled(VaultFixture.KEY, version, false);

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(version, JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_DISABLED));
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(1);
        assertThat(vault.sleeper.sleeps()).isEmpty();
        // the failure marks the cache stale: the next call reloads and no longer publishes the version
        assertThat(p.keys()).isEmpty();
    }

    // ---------------------------------------------------------------- KV-07

    @ParameterizedTest
    @EnumSource(Fault.SignatureDefect.class)
    void kv07SignWhenEcSignatureMalformedThenInvalidSignatureAndNoToken(Fault.SignatureDefect defect) {
        vault.create(KeyKind.EC_P256);
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.inject(Route.SIGN, Fault.signature(defect), 1);

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> JwtSigner.of(p).sign(JwtClaims.builder().subject("x").expiresIn(Duration.ofMinutes(1))
                        .build()))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE));
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.SignatureDefect.class, names = {"WRONG_LENGTH", "GARBAGE", "OTHER_VERSION"})
    void kv07SignWhenRsaSignatureMalformedThenInvalidSignature(Fault.SignatureDefect defect) {
        vault.create(KeyKind.RSA_2048);
        vault.create(KeyKind.RSA_2048);
        AzureKeyVaultKeyProvider p = warm(vault.provider());
        vault.standIn.inject(Route.SIGN, Fault.signature(defect), 1);
        KeyVersion k = active(p);

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.RS256, INPUT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE));
    }

    // ---------------------------------------------------------------- KV-08

    @Test
    void kv08SignWhenOfferedOneAndAHalfTimesTheLimitThenNoAmplificationAndBoundedLatency() throws Exception {
        vault.create(KeyKind.EC_P256);
        int limitPerWindow = 20;
        Duration window = Duration.ofMillis(500);                    // 40 signs/s allowed
        int offeredPerSecond = 60;                                    // 1.5 x the limit
        Duration run = Duration.ofSeconds(3);
        Duration deadline = Duration.ofSeconds(2);
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.sleeper(Sleeper.system()).deadline(deadline));
        KeyVersion k = p.activeKey();
        p.sign(k.kid(), JwsAlgorithm.ES256, INPUT);
        vault.standIn.resetCounts();
        vault.standIn.throttleSign(limitPerWindow, window);

        int calls = (int) (offeredPerSecond * run.toSeconds());
        ExecutorService workers = Executors.newFixedThreadPool(48);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        try {
            long periodNanos = 1_000_000_000L / offeredPerSecond;
            for (int i = 0; i < calls; i++) {
                pacer.schedule(() -> workers.execute(() -> {
                    long t0 = System.nanoTime();
                    try {
                        p.sign(k.kid(), JwsAlgorithm.ES256, INPUT);
                        ok.incrementAndGet();
                    } catch (KeyProviderException e) {
                        (e.reason() == Reason.THROTTLED || e.reason() == Reason.UNAVAILABLE ? throttled : unexpected)
                                .incrementAndGet();
                    } catch (RuntimeException e) {
                        unexpected.incrementAndGet();
                    } finally {
                        latencies.add(System.nanoTime() - t0);
                    }
                }), i * periodNanos, TimeUnit.NANOSECONDS);
            }
            long waitUntil = System.nanoTime() + run.plus(deadline).plusSeconds(10).toNanos();
            while (latencies.size() < calls && System.nanoTime() < waitUntil) {
                Thread.sleep(20);
            }
        } finally {
            pacer.shutdownNow();
            workers.shutdownNow();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long requests = vault.standIn.count(Route.SIGN);
        long retries = requests - calls;
        long p99 = latencies.stream().sorted().skip((long) (latencies.size() * 0.99)).findFirst().orElse(0L);

        assertThat(unexpected.get()).isZero();
        assertThat(ok.get() + throttled.get()).isEqualTo(calls);
        assertThat(retries).as("retries never exceed the offered load").isLessThanOrEqualTo(calls);
        assertThat(requests).as("at most 4 attempts per call").isLessThanOrEqualTo(4L * calls);
        assertThat(ok.get() / elapsed).as("throughput settles near, never above, the limit")
                .isLessThanOrEqualTo(limitPerWindow * 1000.0 / window.toMillis() * 1.25)
                .isGreaterThanOrEqualTo(limitPerWindow * 1000.0 / window.toMillis() * 0.4);
        assertThat(Duration.ofNanos(p99)).as("p99 bounded by the deadline").isLessThanOrEqualTo(deadline.plusSeconds(1));
        System.out.printf("KV-08: %d calls offered at %d/s against %d/s for %.1f s: %d ok, %d throttled, %d sign"
                + " requests (%d retries, %d answered 429), %.1f ok/s, p99 %d ms%n", calls, offeredPerSecond,
                limitPerWindow * 1000 / window.toMillis(), elapsed, ok.get(), throttled.get(), requests, retries,
                vault.standIn.count(Route.SIGN, 429), ok.get() / elapsed, p99 / 1_000_000);
    }

    // ---------------------------------------------------------------- KV-09

    @Test
    void kv09SignWhenLatencySpikeThenCallTimeoutAndDeadlineHoldAndSameKey() {
        vault.create(KeyKind.EC_P256);
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider(b -> b.callTimeout(Duration.ofMillis(200))
                .deadline(Duration.ofSeconds(3))));
        vault.standIn.injectAlways(Route.SIGN, Fault.latency(Duration.ofSeconds(5)));
        KeyVersion k = active(p);
        long t0 = System.nanoTime();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));

        Duration real = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(real).isLessThan(Duration.ofSeconds(2));
        assertThat(vault.standIn.count(Route.SIGN)).isBetween(1L, 4L);
        assertThat(vault.standIn.requests()).filteredOn(r -> r.route() == Route.SIGN)
                .extracting(KeyVaultStandIn.Request::path).containsOnly(vault.standIn.requests().stream()
                        .filter(r -> r.route() == Route.SIGN).findFirst().orElseThrow().path());
    }

    @Test
    void kv09SignWhenLatencySpikeWithRealSleeperThenFailsWithinDeadline() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider(b -> b.sleeper(Sleeper.system())
                .callTimeout(Duration.ofMillis(300)).deadline(Duration.ofSeconds(1))));
        vault.standIn.injectAlways(Route.SIGN, Fault.latency(Duration.ofSeconds(5)));
        KeyVersion k = active(p);
        long t0 = System.nanoTime();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), JwsAlgorithm.ES256, INPUT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
    }

    // ---------------------------------------------------------------- KV-10

    @Test
    void kv10SignWhenNewVersionThenNextSignaturesUseNewVersionAndKid() {
        String v1 = vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = vault.provider();
        String before = JwtSigner.of(p).sign(JwtClaims.builder().subject("a").expiresIn(Duration.ofMinutes(5)).build());
        String v2 = vault.create(KeyKind.EC_P256);
        vault.clock.advance(AzureKeyVaultKeyProvider.DEFAULT_REFRESH_INTERVAL);

        String after = JwtSigner.of(p).sign(JwtClaims.builder().subject("b").expiresIn(Duration.ofMinutes(5)).build());

        assertThat(before).isNotNull();
        assertThat(p.activeKey().kid()).isEqualTo(vault.thumbprint(v2));
        assertThat(kidOf(after)).isEqualTo(vault.thumbprint(v2)).isNotEqualTo(vault.thumbprint(v1));
        assertThat(vault.standIn.requests()).filteredOn(r -> r.route() == Route.SIGN).last()
                .extracting(KeyVaultStandIn.Request::path).asString().endsWith("/" + v2 + "/sign");
    }

    @Test
    void kv10SignWhenKidOfVersionNotYetCachedThenFetchesThatKeyOnceAndSucceeds() throws Exception {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = warm(vault.provider(b -> b.kidStrategy(AzureKeyVaultKeyProvider.KidStrategy.VERSION)));
        String v2 = vault.create(KeyKind.EC_P256);

        byte[] sig = p.sign(v2, JwsAlgorithm.ES256, INPUT);

        assertThat(JcaSignatures.verify(JwsAlgorithm.ES256, vault.standIn.publicKey(VaultFixture.KEY, v2), INPUT, sig))
                .isTrue();
        assertThat(vault.standIn.count(Route.LIST)).isEqualTo(1);
        assertThat(vault.standIn.count(Route.GET)).isEqualTo(1);
        assertThat(vault.standIn.count(Route.SIGN)).isEqualTo(1);
    }

    static String kidOf(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        int i = header.indexOf("\"kid\":\"") + 7;
        return header.substring(i, header.indexOf('"', i));
    }
}
