package dev.jwkadapter.azure.aad;

import static dev.jwkadapter.azure.aad.AadFixtures.CLIENT;
import static dev.jwkadapter.azure.aad.AadFixtures.CLOCK;
import static dev.jwkadapter.azure.aad.AadFixtures.OTHER;
import static dev.jwkadapter.azure.aad.AadFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.azure.AzureAdDiscovery;
import dev.jwkadapter.azure.AzureAdTokenValidator;
import dev.jwkadapter.azure.AzureAdTokenVersion;
import dev.jwkadapter.azure.internal.AzureAdIssuers;
import dev.jwkadapter.azure.internal.AzureAdKeyCache;
import dev.jwkadapter.core.jwks.CachingJwksSource;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.oidc.OpenIdDiscovery;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException;
import dev.jwkadapter.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's caching algorithm at the tenant level: metadata every 12 h with last-known-good, keys with a 24 h
 * TTL and an hourly background refresh, at most one key fetch per 5 min per tenant, bounded tenants; untrusted
 * metadata refused while the last good one stays (H9, FS-11).
 */
class DiscoveryCachingTest {

    private static final String METADATA = "/" + TENANT + "/v2.0/.well-known/openid-configuration";
    private static final String KEYS = "/" + TENANT + "/discovery/v2.0/keys";

    private AadStandIn standIn;
    private FakeTicker ticker;
    private AzureAdDiscovery discovery;
    private AzureAdTokenValidator validator;

    @BeforeEach
    void start() {
        standIn = AadStandIn.withOwnFixtures();
        ticker = new FakeTicker();
        discovery = standIn.discovery(ticker).build();
        validator = AzureAdTokenValidator.builder().tenantId(TENANT).audience(CLIENT).discovery(discovery).clock(CLOCK)
                .tokenVersions(AzureAdTokenVersion.V2).build();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private String token() {
        return AadTokens.v2(standIn.origin()).build();
    }

    private static Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (JwtValidationException e) {
            return e.reason();
        }
        throw new AssertionError("expected a JwtValidationException");
    }

    private String tenantMetadata() {
        return AadFixtures.resource("tenant-v2-openid-configuration.json");
    }

    @Test
    void defaultsWhenReadThenFollowMicrosoftsSigningKeyRolloverGuidance() {
        assertThat(AzureAdDiscovery.DEFAULT_METADATA_REFRESH).isEqualTo(Duration.ofHours(12));
        assertThat(AzureAdDiscovery.DEFAULT_KEYS_TTL).isEqualTo(Duration.ofHours(24));
        assertThat(AzureAdDiscovery.DEFAULT_KEYS_REFRESH).isEqualTo(Duration.ofHours(1));
        assertThat(AzureAdDiscovery.DEFAULT_UNKNOWN_KID_INTERVAL).isEqualTo(Duration.ofMinutes(5));
        assertThat(AzureAdDiscovery.DEFAULT_MAX_TENANTS).isEqualTo(1_000);
        assertThat(AzureAdDiscovery.create().toString()).contains("https://login.microsoftonline.com", "keysTtl=PT24H");
    }

    @Test
    void validateWhenManyTokensThenOneMetadataAndOneKeyFetch() {
        for (int i = 0; i < 50; i++) {
            validator.validate(token());
        }

        assertThat(standIn.requests(METADATA)).isEqualTo(1);
        assertThat(standIn.requests(KEYS)).isEqualTo(1);
    }

    @Test
    void validateWhenManyThreadsStartTogetherThenOneMetadataAndOneKeyFetch() throws Exception {
        String token = token();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return validator.validate(token);
                }));
            }
            go.countDown();
            for (Future<?> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(standIn.requests(METADATA)).isEqualTo(1);
        assertThat(standIn.requests(KEYS)).isEqualTo(1);
    }

    @Test
    void validateWhenTwelveHoursPassedThenMetadataRefreshedOnce() {
        validator.validate(token());
        ticker.advance(Duration.ofHours(12).minusSeconds(1));
        validator.validate(token());
        assertThat(standIn.requests(METADATA)).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(1));
        validator.validate(token());
        validator.validate(token());

        assertThat(standIn.requests(METADATA)).isEqualTo(2);
    }

    @Test
    void metadataWhenJitterConfiguredThenNextRefreshBetweenTwelveAndThirteenHours() {
        AzureAdKeyCache cache = new AzureAdKeyCache(new AzureAdKeyCache.Settings(AzureAdIssuers.forAuthority(standIn.authority()),
                null, OpenIdDiscovery.create(), null, Duration.ofHours(12), Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(24), 10, ticker, CLOCK,
                Runnable::run));
        long before = ticker.getAsLong();
        for (int i = 0; i < 20; i++) {
            AzureAdKeyCache.Tenant t = cache.tenant(TENANT, AzureAdTokenVersion.V2);
            t.refreshMetadata();
            long next = t.nextMetadataRefreshAt().orElseThrow() - before;
            assertThat(Duration.ofNanos(next)).isBetween(Duration.ofHours(12), Duration.ofHours(13));
        }
    }

    @Test
    void validateWhenMetadataRefreshFailsThenLastGoodKeptAndRetriedAfterFiveMinutes() {
        validator.validate(token());
        standIn.fail(METADATA, 500);
        ticker.advance(Duration.ofHours(13));

        validator.validate(token());
        validator.validate(token());
        assertThat(standIn.requests(METADATA)).isEqualTo(2);

        ticker.advance(Duration.ofMinutes(5));
        validator.validate(token());
        assertThat(standIn.requests(METADATA)).isEqualTo(3);
        assertThat(discovery.metadata(TENANT, AzureAdTokenVersion.V2).issuer())
                .isEqualTo(standIn.origin() + "/" + TENANT + "/v2.0");
    }

    /** FS-11 / H9: metadata moves jwks_uri to another host: refused, last good metadata and keys stay. */
    @Test
    void refreshMetadataWhenJwksUriMovesToAnotherHostThenUntrustedAndLastGoodKeptFs11() {
        try (AadStandIn evil = AadStandIn.withOwnFixtures()) {
            validator.validate(token());
            String evilJwks = evil.origin().replace("127.0.0.1", "localhost") + "/" + TENANT + "/discovery/v2.0/keys";
            standIn.serve(METADATA, standIn.rewrite(tenantMetadata())
                    .replace(standIn.origin() + "/" + TENANT + "/discovery/v2.0/keys", evilJwks));

            assertThatExceptionOfType(OpenIdDiscoveryException.class)
                    .isThrownBy(() -> discovery.refreshMetadata(TENANT, AzureAdTokenVersion.V2))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(OpenIdDiscoveryException.Reason.UNTRUSTED_METADATA))
                    .withMessageContaining("another host");
            ticker.advance(Duration.ofHours(13));
            for (int i = 0; i < 3; i++) {
                validator.validate(token());
            }

            assertThat(evil.requests()).isZero();
            assertThat(standIn.requests(KEYS)).isEqualTo(2);
            assertThat(discovery.metadata(TENANT, AzureAdTokenVersion.V2).jwksUri().toString())
                    .startsWith(standIn.origin());
        }
    }

    /** FS-11 / H9: metadata changes its issuer to another tenant's: refused, tokens of the tenant still accepted. */
    @Test
    void refreshMetadataWhenIssuerChangesToAnotherTenantThenUntrustedAndTokensStillAcceptedFs11() {
        validator.validate(token());
        standIn.serve(METADATA, tenantMetadata().replace("/" + TENANT + "/v2.0\"", "/" + OTHER + "/v2.0\""));

        assertThatExceptionOfType(OpenIdDiscoveryException.class)
                .isThrownBy(() -> discovery.refreshMetadata(TENANT, AzureAdTokenVersion.V2))
                .withMessageContaining("another tenant");
        assertThat(validator.validate(token())).isNotNull();
        assertThat(reasonOf(() -> validator.validate(AadTokens.v2(standIn.origin()).tenant(OTHER).build())))
                .isEqualTo(Reason.TENANT_NOT_ALLOWED);
    }

    /** H9 at start-up: no good metadata yet, so tokens are refused as UNTRUSTED_METADATA, never accepted. */
    @Test
    void validateWhenFirstMetadataHasForeignIssuerThenUntrustedMetadataH9() {
        standIn.serve(METADATA, tenantMetadata().replace("/" + TENANT + "/v2.0\"", "/" + OTHER + "/v2.0\""));

        assertThat(reasonOf(() -> validator.validate(token()))).isEqualTo(Reason.UNTRUSTED_METADATA);
        assertThat(standIn.requests(KEYS)).isZero();
    }

    @Test
    void validateWhenFirstMetadataHasHttpJwksUriOnAnotherHostThenUntrustedMetadataH9() {
        standIn.serveRaw(METADATA, standIn.rewrite(tenantMetadata()).replace(standIn.origin() + "/" + TENANT + "/discovery",
                "http://keys.example/" + TENANT + "/discovery"));

        assertThat(reasonOf(() -> validator.validate(token()))).isEqualTo(Reason.UNTRUSTED_METADATA);
    }

    @Test
    void validateWhenMetadataUnavailableAtStartThenKeysUnavailableAndBackoffBeforeRetry() {
        standIn.fail(METADATA, 503);

        assertThat(reasonOf(() -> validator.validate(token()))).isEqualTo(Reason.KEYS_UNAVAILABLE);
        assertThat(reasonOf(() -> validator.validate(token()))).isEqualTo(Reason.KEYS_UNAVAILABLE);
        assertThat(standIn.requests(METADATA)).isEqualTo(1);

        standIn.serve(METADATA, tenantMetadata());
        ticker.advance(Duration.ofSeconds(1));
        assertThat(validator.validate(token())).isNotNull();
        assertThat(standIn.requests(METADATA)).isEqualTo(2);
    }

    @Test
    void validateWhenKeysUnavailableAtStartThenKeysUnavailable() {
        standIn.fail(KEYS, 500);

        assertThat(reasonOf(() -> validator.validate(token()))).isEqualTo(Reason.KEYS_UNAVAILABLE);
    }

    @Test
    void validateWhenAnHourPassedThenKeysRefreshedInBackgroundOncePerHour() {
        validator.validate(token());
        ticker.advance(Duration.ofMinutes(59));
        validator.validate(token());
        assertThat(standIn.requests(KEYS)).isEqualTo(1);

        ticker.advance(Duration.ofMinutes(1));
        validator.validate(token());
        validator.validate(token());
        assertThat(standIn.requests(KEYS)).isEqualTo(2);

        ticker.advance(Duration.ofMinutes(30));
        validator.validate(token());
        assertThat(standIn.requests(KEYS)).isEqualTo(2);
    }

    @Test
    void validateWhenKeyEndpointFailsLaterThenLastGoodKeysServed() {
        validator.validate(token());
        standIn.fail(KEYS, 500);
        ticker.advance(Duration.ofHours(3));

        for (int i = 0; i < 3; i++) {
            assertThat(validator.validate(token())).isNotNull();
        }
        CachingJwksSource.Health h = discovery.keys(TENANT, AzureAdTokenVersion.V2).health();
        assertThat(h.status()).isEqualTo(CachingJwksSource.Status.DEGRADED);
    }

    /** FS-07 at the tenant level: a rolled-over key appears; one fetch, then accepted. */
    @Test
    void validateWhenNewKeyPublishedThenOneFetchAndAccepted() {
        validator.validate(token());
        standIn.serve(KEYS, AadFixtures.resource("tenant-v2-jwks.appid.json"));
        ticker.advance(Duration.ofMinutes(5));
        String rolled = AadTokens.v2(standIn.origin()).key(AadFixtures.key("app-1")).build();

        for (int i = 0; i < 10; i++) {
            assertThat(validator.validate(rolled)).isNotNull();
        }
        assertThat(standIn.requests(KEYS)).isEqualTo(2);
    }

    @Test
    void keysWhenMoreTenantsThanTheLimitThenLeastRecentlyUsedEvicted() {
        AzureAdDiscovery small = standIn.discovery(ticker).maxTenants(2).build();

        small.keys(TENANT, AzureAdTokenVersion.V2);
        small.keys(OTHER, AzureAdTokenVersion.V2);
        small.keys("organizations", AzureAdTokenVersion.V2);
        small.keys("common", AzureAdTokenVersion.V1);

        assertThat(small.cachedTenantCount()).isEqualTo(2);
        assertThat(standIn.requests()).isZero();
    }

    @Test
    void buildWhenSettingsImpossibleThenRefusedNamingTheSetting() {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdDiscovery.builder().keysRefresh(Duration.ofHours(25)).build())
                .withMessageContaining("keysRefresh");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdDiscovery.builder().keysMaxStale(Duration.ofHours(1)).build())
                .withMessageContaining("keysMaxStale");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdDiscovery.builder().maxTenants(0).build())
                .withMessageContaining("maxTenants");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdDiscovery.builder().appId(" x").build())
                .withMessageContaining("appId");
    }
}
