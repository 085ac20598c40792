package dev.jwkadapter.azure.aad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.azure.AzureAdDiscovery;
import dev.jwkadapter.azure.AzureAdTokenValidator;
import dev.jwkadapter.azure.AzureAdTokenVersion;
import dev.jwkadapter.azure.AzureCloud;
import dev.jwkadapter.azure.internal.AzureAdIssuers;
import dev.jwkadapter.azure.internal.AzureAdMetadata;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.oidc.OpenIdConfiguration;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException;
import dev.jwkadapter.testing.FakeTicker;
import dev.jwkadapter.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The captured Azure AD documents in {@code ../shared/fixtures/azure-ad} (real service output; see its README):
 * parsed, checked with the public-cloud trust rules, and served from the loopback stand-in with their hosts
 * rewritten. Skipped when the shared folder is absent (a user's clone); our own fixtures cover the behaviour.
 */
class CapturedFixturesTest {

    private Path dir;

    @BeforeEach
    void shared() {
        dir = AadFixtures.sharedAzureAd().orElse(null);
        Assumptions.assumeTrue(dir != null, "shared fixtures not found (system property jwkadapter.shared.dir, "
                + "folder fixtures/azure-ad): captured-document tests skipped; our own fixtures still run");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "entra-common-v2-openid-configuration.json, https://login.microsoftonline.com/{tenantid}/v2.0, https://login.microsoftonline.com/common/discovery/v2.0/keys",
        "entra-organizations-v2-openid-configuration.json, https://login.microsoftonline.com/{tenantid}/v2.0, https://login.microsoftonline.com/organizations/discovery/v2.0/keys",
        "entra-common-v1-openid-configuration.json, https://sts.windows.net/{tenantid}/, https://login.microsoftonline.com/common/discovery/keys",
        "entra-common-v1-openid-configuration.captured-2025-10.json, https://sts.windows.net/{tenantid}/, https://login.microsoftonline.com/common/discovery/keys",
        "tenant-v2-openid-configuration.sanitized-tenant.json, https://login.microsoftonline.com/12345678-1234-1234-1234-123456789012/v2.0, https://login.microsoftonline.com/12345678-1234-1234-1234-123456789012/discovery/v2.0/keys",
        "tenant-v1-openid-configuration.microsoft-com.legacy-2017.json, https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/, https://login.microsoftonline.com/common/discovery/keys",
        "b2c-custom-policy-v2-openid-configuration.json, https://aarhuskommunetest.b2clogin.com/8719d819-a3ee-4a5a-a776-d1911eaaa5ed/v2.0/, https://aarhuskommunetest.b2clogin.com/aarhuskommunetest.onmicrosoft.com/discovery/v2.0/keys?p=b2c_1a_naag_mkbtest2"
    })
    void parseWhenCapturedMetadataThenIssuerAndJwksUriAsPublished(String file, String issuer, String jwksUri) {
        OpenIdConfiguration cfg = OpenIdConfiguration.parse(AadFixtures.captured(dir, file));

        assertThat(cfg.issuer()).isEqualTo(issuer);
        assertThat(cfg.jwksUri()).hasToString(jwksUri);
        assertThat(cfg.idTokenSigningAlgValuesSupported()).containsExactly("RS256");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "entra-common-v2-jwks.json, 7",
        "entra-organizations-v2-jwks.json, 6",
        "entra-common-v1-jwks.json, 2",
        "entra-common-v1-jwks-keys-array.captured-2026-07.json, 5",
        "usgov-common-v1-jwks-keys-array.json, 4",
        "china-21vianet-common-v1-jwks-keys-array.json, 1"
    })
    void parseWhenCapturedKeysThenEveryKeyUsable(String file, int count) {
        JwkSet set = JwkSet.parse(AadFixtures.captured(dir, file));

        assertThat(set.rejected()).isEmpty();
        assertThat(set.size()).isEqualTo(count);
        assertThat(set.keys()).allSatisfy(k -> {
            assertThat(k.kty()).isEqualTo("RSA");
            assertThat(k.member("x5t")).isEqualTo(k.kid());
        });
    }

    @Test
    void parseWhenCommonV2KeysThenPerKeyIssuerIsTemplateOrFixedPersonalAccountIssuer() {
        JwkSet set = JwkSet.parse(AadFixtures.captured(dir, "entra-common-v2-jwks.json"));

        assertThat(set.keys()).extracting(k -> k.member("issuer").orElseThrow()).containsOnly(
                "https://login.microsoftonline.com/{tenantid}/v2.0",
                "https://login.microsoftonline.com/" + AadFixtures.MSA + "/v2.0");
    }

    /** The public-cloud trust rules accept every captured Entra metadata document for the tenant it was read for. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "entra-common-v2-openid-configuration.json, common, V2, ",
        "entra-organizations-v2-openid-configuration.json, organizations, V2, ",
        "entra-common-v1-openid-configuration.json, common, V1, ",
        "entra-common-v1-openid-configuration.captured-2025-10.json, common, V1, ",
        "tenant-v2-openid-configuration.sanitized-tenant.json, 12345678-1234-1234-1234-123456789012, V2, 12345678-1234-1234-1234-123456789012",
        "tenant-v1-openid-configuration.microsoft-com.legacy-2017.json, microsoft.com, V1, 72f988bf-86f1-41af-91ab-2d7cd011db47"
    })
    void checkWhenCapturedEntraMetadataThenTrustedForItsTenant(String file, String tenant, AzureAdTokenVersion version,
            String tenantId) {
        AzureAdMetadata m = AzureAdIssuers.forCloud(AzureCloud.PUBLIC)
                .check(OpenIdConfiguration.parse(AadFixtures.captured(dir, file)), tenant, version, null);

        assertThat(m.tenantId()).isEqualTo(tenantId);
        assertThat(m.cloudInstanceName()).isEqualTo("microsoftonline.com");
    }

    /** H9 on real data: B2C metadata names an issuer and keys on b2clogin.com, not on the Entra authority. */
    @Test
    void checkWhenB2cMetadataForPublicCloudTenantThenUntrustedMetadataH9() {
        OpenIdConfiguration b2c = OpenIdConfiguration.parse(AadFixtures.captured(dir, "b2c-custom-policy-v2-openid-configuration.json"));

        assertThatExceptionOfType(OpenIdDiscoveryException.class)
                .isThrownBy(() -> AzureAdIssuers.forCloud(AzureCloud.PUBLIC).check(b2c,
                        "8719d819-a3ee-4a5a-a776-d1911eaaa5ed", AzureAdTokenVersion.V2, null))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(OpenIdDiscoveryException.Reason.UNTRUSTED_METADATA));
    }

    /** Every alias in Microsoft's instance-discovery answers maps to its cloud (Germany and the old US host excepted). */
    @ParameterizedTest
    @CsvSource({"entra-instance-discovery.recorded-2021.json", "entra-instance-discovery.captured-2025-03.json"})
    void instanceDiscoveryWhenAliasesReadThenEachMapsToItsCloud(String file) throws IOException {
        JsonNode root = AadFixtures.JSON.readTree(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
        int mapped = 0;
        for (JsonNode group : root.path("metadata")) {
            String preferred = group.path("preferred_network").asText();
            for (JsonNode alias : group.path("aliases")) {
                if (preferred.equals("login.microsoftonline.de") || preferred.equals("login-us.microsoftonline.com")) {
                    assertThat(AzureCloud.ofHost(alias.asText())).isEmpty();
                    continue;
                }
                assertThat(AzureCloud.ofHost(alias.asText())).as(alias.asText()).isEqualTo(AzureCloud.ofHost(preferred));
                assertThat(AzureCloud.ofHost(alias.asText())).isPresent();
                mapped++;
            }
        }
        assertThat(mapped).isEqualTo(8);
    }

    /** The recorded response headers fit the recorded tenant body: its length and Microsoft's one-day cache hint. */
    @Test
    void parseWhenRecordedResponseHeadersThenContentLengthMatchesTheTenantBody() throws IOException {
        JsonNode headers = AadFixtures.JSON.readTree(Files.readString(dir.resolve(
                "tenant-v2-openid-configuration.response-headers.json"), StandardCharsets.UTF_8)).path("headers");
        String body = Files.readString(dir.resolve("tenant-v2-openid-configuration.sanitized-tenant.json"),
                StandardCharsets.UTF_8).strip();

        assertThat(headers.path("Content-Length").asInt()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(headers.path("Cache-Control").asText()).contains("max-age=86400");
    }

    /** The docs sample tokens decode to their decoded.json twins (header and payload). */
    @ParameterizedTest
    @CsvSource({"access-token-v1.docs-sample", "access-token-v2.docs-sample"})
    void parseWhenDocsSampleTokenThenHeaderAndPayloadEqualTheDecodedFixture(String name) throws IOException {
        String[] parts = Files.readString(dir.resolve(name + ".jwt"), StandardCharsets.UTF_8).strip().split("\\.");
        JsonNode decoded = AadFixtures.JSON.readTree(Files.readString(dir.resolve(name + ".decoded.json"), StandardCharsets.UTF_8));

        assertThat(parts).hasSize(3);
        assertThat(AadFixtures.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[0]))).isEqualTo(decoded.path("header"));
        assertThat(AadFixtures.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]))).isEqualTo(decoded.path("payload"));
        assertThat(parts[2]).isEqualTo(decoded.path("signature_segment").asText());
    }

    /** H2 on Microsoft's own (edited) v1 sample: its iss tenant does not equal its tid. No network is touched. */
    @Test
    void validateWhenDocsV1SampleWithIssTidDisagreementThenIssuerMismatchH2() throws IOException {
        String token = Files.readString(dir.resolve("access-token-v1.docs-sample.jwt"), StandardCharsets.UTF_8).strip();
        AzureAdTokenValidator v = AzureAdTokenValidator.builder().multiTenant().allowAnyTenant()
                .audience("ef1da9d4-ff77-4c3e-a005-840c3f830745", "api://x").clock(sampleClock(1537233106L)).build();

        JwtValidationException e = org.junit.jupiter.api.Assertions.assertThrows(JwtValidationException.class,
                () -> v.validate(token));
        assertThat(e.reason()).isEqualTo(Reason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("disagree");
    }

    /** A17 on Microsoft's v2 sample: a token of tenant 72f988bf… at another tenant's API. No network is touched. */
    @Test
    void validateWhenDocsV2SampleAtAnotherTenantsApiThenTenantNotAllowedA17() throws IOException {
        String token = Files.readString(dir.resolve("access-token-v2.docs-sample.jwt"), StandardCharsets.UTF_8).strip();
        AzureAdTokenValidator v = AzureAdTokenValidator.builder().tenantId(AadFixtures.TENANT)
                .audience("6e74172b-be56-4843-9ff4-e66a39bb12e3").clock(sampleClock(1537231048L)).build();

        JwtValidationException e = org.junit.jupiter.api.Assertions.assertThrows(JwtValidationException.class,
                () -> v.validate(token));
        assertThat(e.reason()).isEqualTo(Reason.TENANT_NOT_ALLOWED);
    }

    private static Clock sampleClock(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond + 60), ZoneOffset.UTC);
    }

    /** The captured common/organizations documents served from the stand-in, rewritten: discovery reads them as-is. */
    @ParameterizedTest(name = "{1} v{2}")
    @CsvSource({
        "entra-common-v2-openid-configuration.json, common, V2, entra-common-v2-jwks.json, /common/discovery/v2.0/keys, 7",
        "entra-organizations-v2-openid-configuration.json, organizations, V2, entra-organizations-v2-jwks.json, /organizations/discovery/v2.0/keys, 6",
        "entra-common-v1-openid-configuration.json, common, V1, entra-common-v1-jwks.json, /common/discovery/keys, 2",
        "entra-common-v1-openid-configuration.captured-2025-10.json, common, V1, entra-common-v1-jwks-keys-array.captured-2026-07.json, /common/discovery/keys, 5"
    })
    void discoveryWhenCapturedDocumentsServedThenMetadataTrustedAndAllKeysLoaded(String metadataFile, String tenant,
            AzureAdTokenVersion version, String jwksFile, String jwksPath, int keys) {
        try (AadStandIn standIn = AadStandIn.start()) {
            AzureAdDiscovery d = standIn.discovery(new FakeTicker()).build();
            standIn.serve(d.metadataUrl(tenant, version).getRawPath(), AadFixtures.captured(dir, metadataFile));
            standIn.serve(jwksPath, AadFixtures.captured(dir, jwksFile));

            OpenIdConfiguration cfg = d.metadata(tenant, version);
            assertThat(cfg.issuer()).startsWith(standIn.origin() + "/{tenantid}/");
            assertThat(cfg.jwksUri()).hasToString(standIn.origin() + jwksPath);
            assertThat(d.keys(tenant, version).get().size()).isEqualTo(keys);
        }
    }

    /** A forged token naming a real Entra kid, against the captured keys: BAD_SIGNATURE; an unknown kid gets the appid hint. */
    @Test
    void validateWhenForgedTokenWithCapturedKidThenBadSignatureAndUnknownKidHinted() {
        try (AadStandIn standIn = AadStandIn.start()) {
            standIn.serve("/organizations/v2.0/.well-known/openid-configuration",
                    AadFixtures.captured(dir, "entra-organizations-v2-openid-configuration.json"));
            standIn.serve("/organizations/discovery/v2.0/keys", AadFixtures.captured(dir, "entra-organizations-v2-jwks.json"));
            AzureAdTokenValidator v = AzureAdTokenValidator.builder().multiTenant().allowedTenants(Set.of(AadFixtures.TENANT))
                    .audience(AadFixtures.CLIENT).discovery(standIn.discovery(new FakeTicker()).build())
                    .clock(AadFixtures.CLOCK).build();
            AadTokens forged = AadTokens.v2(standIn.origin()).header("kid", "Mc7l3Iz93g7uwgNeEmmw_WYGPko");

            JwtValidationException bad = org.junit.jupiter.api.Assertions.assertThrows(JwtValidationException.class,
                    () -> v.validate(forged.signedBy(TestKeys.rsa2048Other())));
            assertThat(bad.reason()).isEqualTo(Reason.BAD_SIGNATURE);
            JwtValidationException unknown = org.junit.jupiter.api.Assertions.assertThrows(JwtValidationException.class,
                    () -> v.validate(AadTokens.v2(standIn.origin()).build()));
            assertThat(unknown.reason()).isEqualTo(Reason.UNKNOWN_KEY);
            assertThat(unknown.getMessage()).contains("appId(");
        }
    }
}
