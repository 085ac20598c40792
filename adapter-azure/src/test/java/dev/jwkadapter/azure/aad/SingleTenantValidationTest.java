package dev.jwkadapter.azure.aad;

import static dev.jwkadapter.azure.aad.AadFixtures.CLIENT;
import static dev.jwkadapter.azure.aad.AadFixtures.CLOCK;
import static dev.jwkadapter.azure.aad.AadFixtures.DOMAIN;
import static dev.jwkadapter.azure.aad.AadFixtures.NOW;
import static dev.jwkadapter.azure.aad.AadFixtures.OTHER;
import static dev.jwkadapter.azure.aad.AadFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.azure.AzureAdDiscovery;
import dev.jwkadapter.azure.AzureAdToken;
import dev.jwkadapter.azure.AzureAdTokenValidator;
import dev.jwkadapter.azure.AzureAdTokenVersion;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.testing.FakeTicker;
import dev.jwkadapter.testing.TestKeys;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A single-tenant API validating v1.0 and v2.0 tokens from the loopback stand-in (our own fixtures). */
class SingleTenantValidationTest {

    private AadStandIn standIn;
    private FakeTicker ticker;
    private AzureAdDiscovery discovery;

    @BeforeEach
    void start() {
        standIn = AadStandIn.withOwnFixtures();
        ticker = new FakeTicker();
        discovery = standIn.discovery(ticker).build();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private AzureAdTokenValidator.Builder validator() {
        return AzureAdTokenValidator.builder().tenantId(TENANT).audience(CLIENT).discovery(discovery).clock(CLOCK);
    }

    private AadTokens v2() {
        return AadTokens.v2(standIn.origin());
    }

    private AadTokens v1() {
        return AadTokens.v1(standIn.origin());
    }

    private static JwtValidationException rejected(AzureAdTokenValidator v, String token, Reason reason) {
        JwtValidationException e = org.junit.jupiter.api.Assertions.assertThrows(JwtValidationException.class,
                () -> v.validate(token));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    @Test
    void validateWhenV2TokenOfTheTenantThenAccepted() {
        VerifiedJwt jwt = validator().build().validate(v2().build());

        AzureAdToken t = AzureAdToken.of(jwt);
        assertThat(t.tenantId()).isEqualTo(TENANT);
        assertThat(t.version()).isEqualTo(AzureAdTokenVersion.V2);
        assertThat(t.scopes()).containsExactly("access_as_user", "Files.Read");
        assertThat(jwt.key().kid()).contains(AadFixtures.key("aad-1").kid());
        assertThat(standIn.log()).containsExactly("/" + TENANT + "/v2.0/.well-known/openid-configuration",
                "/" + TENANT + "/discovery/v2.0/keys");
    }

    @Test
    void validateWhenV1TokenWithAppIdUriAudienceThenAccepted() {
        VerifiedJwt jwt = validator().build().validate(v1().build());

        assertThat(AzureAdToken.of(jwt).version()).isEqualTo(AzureAdTokenVersion.V1);
        assertThat(jwt.claims().issuer()).contains(standIn.origin() + "/" + TENANT + "/");
        assertThat(standIn.log()).containsExactly("/" + TENANT + "/.well-known/openid-configuration",
                "/" + TENANT + "/discovery/keys");
    }

    @Test
    void validateWhenTenantConfiguredAsVerifiedDomainThenTokenOfThatTenantAccepted() {
        AzureAdTokenValidator v = validator().tenantId(DOMAIN).build();

        assertThat(AzureAdToken.of(v.validate(v2().build())).tenantId()).isEqualTo(TENANT);
        assertThat(standIn.requests("/" + DOMAIN + "/v2.0/.well-known/openid-configuration")).isEqualTo(1);
    }

    @Test
    void validateWhenDomainTenantAndTokenOfAnotherTenantThenTenantNotAllowed() {
        AzureAdTokenValidator v = validator().tenantId(DOMAIN).build();

        rejected(v, v2().tenant(OTHER).build(), Reason.TENANT_NOT_ALLOWED);
    }

    /** A17 and "wrong tenant": Entra keys are shared by all tenants, so only tid/iss keep tenant B's token out. */
    @Test
    void validateWhenTokenOfAnotherTenantSignedWithSharedKeysThenTenantNotAllowedA17() {
        JwtValidationException e = rejected(validator().build(), v2().tenant(OTHER).build(), Reason.TENANT_NOT_ALLOWED);

        assertThat(e.getMessage()).contains("another tenant").doesNotContain(OTHER);
        assertThat(standIn.requests()).isZero();
    }

    @Test
    void validateWhenTokenMintedForAnotherApiThenAudienceMismatchA17() {
        rejected(validator().build(), v2().claim("aud", "11111111-2222-4333-8444-555555555555").build(),
                Reason.AUDIENCE_MISMATCH);
    }

    /** H2: the iss tenant segment differs from tid. */
    @Test
    void validateWhenIssTenantDisagreesWithTidThenIssuerMismatchH2() {
        String token = v2().claim("iss", standIn.origin() + "/" + OTHER + "/v2.0").build();

        JwtValidationException e = rejected(validator().build(), token, Reason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("disagree");
    }

    static Stream<Arguments> issuerNearMisses() {
        return Stream.of(
                Arguments.of("path after v2.0", "{o}/{t}/v2.0/x"),
                Arguments.of("trailing slash", "{o}/{t}/v2.0/"),
                Arguments.of("other host", "https://evil.example/{t}/v2.0"),
                Arguments.of("upper-case scheme and host", "HTTP://127.0.0.1:{p}/{t}/v2.0"),
                Arguments.of("https instead of the published http", "https://127.0.0.1:{p}/{t}/v2.0"),
                Arguments.of("no v2.0", "{o}/{t}"),
                Arguments.of("V2.0 upper case", "{o}/{t}/V2.0"),
                Arguments.of("query", "{o}/{t}/v2.0?x=1"));
    }

    /** H3: only the exact published issuer passes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("issuerNearMisses")
    void validateWhenIssuerIsNearMissThenIssuerMismatchH3(String name, String pattern) {
        String port = standIn.origin().substring(standIn.origin().lastIndexOf(':') + 1);
        String iss = pattern.replace("{o}", standIn.origin()).replace("{t}", TENANT).replace("{p}", port);

        rejected(validator().build(), v2().claim("iss", iss).build(), Reason.ISSUER_MISMATCH);
    }

    /** H4: tid missing, empty, not a GUID, not a string, or present twice in different case. */
    @ParameterizedTest(name = "tid={0}")
    @ValueSource(strings = {"<absent>", "", "contoso", "3b6e4f1a8c2d4e7f9a105d6c7b8a9e0f", "{tenantid}", "<number>", "<twice>"})
    void validateWhenTidMissingOrNotGuidThenIssuerMismatchH4(String tid) {
        AadTokens t = v2();
        switch (tid) {
            case "<absent>": t.without("tid"); break;
            case "<number>": t.claim("tid", 42); break;
            case "<twice>": t.claim("TID", OTHER); break;
            default: t.claim("tid", tid); break;
        }

        rejected(validator().build(), t.build(), Reason.ISSUER_MISMATCH);
        assertThat(standIn.requests()).as("rejected before any fetch").isZero();
    }

    /** H5 / A16: a v1.0 token at a v2.0-only validator. */
    @Test
    void validateWhenV1TokenAtV2OnlyValidatorThenIssuerMismatchWithVersionHintH5() {
        AzureAdTokenValidator v = validator().tokenVersions(AzureAdTokenVersion.V2).build();

        JwtValidationException e = rejected(v, v1().build(), Reason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("v1.0", "requestedAccessTokenVersion", "tokenVersions");
        assertThat(v.validate(v2().build())).isNotNull();
    }

    @Test
    void validateWhenVerSaysV2ButIssuerIsV1ThenIssuerMismatchNamingTheMismatch() {
        String token = v2().claim("iss", standIn.origin() + "/" + TENANT + "/").build();

        JwtValidationException e = rejected(validator().build(), token, Reason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("v1.0 issuer", "ver says 2.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<absent>", "3.0", "2"})
    void validateWhenVerMissingOrUnknownThenRejected(String ver) {
        AadTokens t = v2();
        if (ver.equals("<absent>")) {
            t.without("ver");
        } else {
            t.claim("ver", ver);
        }

        rejected(validator().build(), t.build(), ver.equals("<absent>") ? Reason.MISSING_CLAIM : Reason.INVALID_CLAIM);
    }

    /** H6: the tenant JWKS lists a key whose issuer is another tenant's; it cannot sign this tenant's tokens. */
    @Test
    void validateWhenSigningKeyIssuerNamesAnotherTenantThenKeyIssuerMismatchH6() {
        String token = v2().key(AadFixtures.key("other-tenant-1")).build();

        JwtValidationException e = rejected(validator().build(), token, Reason.KEY_ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains(OTHER);
    }

    /** H10: a token from another cloud instance. */
    @Test
    void validateWhenIssuedByAnotherCloudThenIssuerMismatchH10() {
        String token = v2().claim("iss", "https://login.microsoftonline.us/" + TENANT + "/v2.0").build();

        JwtValidationException e = rejected(validator().build(), token, Reason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("US_GOVERNMENT");
    }

    /** H12 / A16: an ID token (no scp, no roles) presented as an access token. */
    @Test
    void validateWhenIdTokenWithoutScopesOrRolesThenTypeMismatchH12() {
        String idToken = v2().without("scp").without("azp").without("azpacr").claim("nonce", "n-0S6_WzA2Mj").build();

        JwtValidationException e = rejected(validator().build(), idToken, Reason.TYPE_MISMATCH);
        assertThat(e.getMessage()).contains("scp", "roles");
        assertThat(validator().allowTokensWithoutScopesOrRoles().build().validate(idToken)).isNotNull();
    }

    @Test
    void validateWhenAppOnlyTokenWithRolesThenAccepted() {
        String token = v2().without("scp").claim("roles", List.of("Jobs.Run")).claim("idtyp", "app").build();

        AzureAdToken t = AzureAdToken.of(validator().build().validate(token));
        assertThat(t.roles()).containsExactly("Jobs.Run");
        assertThat(t.isAppOnly()).isTrue();
    }

    /** A16: a token whose aud is the client id at a validator that expects the App ID URI. */
    @Test
    void validateWhenAudIsClientIdButValidatorExpectsAppIdUriThenAudienceMismatchA16() {
        AzureAdTokenValidator onlyUri = AzureAdTokenValidator.builder().tenantId(TENANT).audience("api://my-api")
                .discovery(discovery).clock(CLOCK).build();

        rejected(onlyUri, v2().build(), Reason.AUDIENCE_MISMATCH);
        assertThat(onlyUri.validate(v2().claim("aud", "api://my-api").build())).isNotNull();
    }

    @Test
    void buildWhenClientIdAndAppIdUriGivenThenBothAcceptedForEveryVersion() {
        AzureAdTokenValidator v = validator().audience("api://my-api").build();

        assertThat(v.audiences(AzureAdTokenVersion.V2)).containsExactlyInAnyOrder(CLIENT, "api://my-api");
        assertThat(v.audiences(AzureAdTokenVersion.V1)).containsExactlyInAnyOrder(CLIENT, "api://my-api");
        assertThat(v.validate(v1().claim("aud", CLIENT).build())).isNotNull();
    }

    /** Microsoft.Identity.Web's defaults: only a client id given → v2 aud = client id, v1 aud = api://client id. */
    @Test
    void validateWhenOnlyClientIdConfiguredThenV1NeedsApiPrefixAndV2NeedsBareClientId() {
        AzureAdTokenValidator v = validator().build();

        assertThat(v.audiences(AzureAdTokenVersion.V2)).containsExactly(CLIENT);
        assertThat(v.audiences(AzureAdTokenVersion.V1)).containsExactly("api://" + CLIENT);
        JwtValidationException e = rejected(v, v1().claim("aud", CLIENT).build(), Reason.AUDIENCE_MISMATCH);
        assertThat(e.getMessage()).contains("App ID URI");
        rejected(v, v2().claim("aud", "api://" + CLIENT).build(), Reason.AUDIENCE_MISMATCH);
    }

    @ParameterizedTest(name = "aud={0}")
    @ValueSource(strings = {"<absent>", "", "[]", "[\"\"]"})
    void validateWhenAudMissingOrEmptyThenAudienceMismatch(String aud) {
        AadTokens t = v2();
        switch (aud) {
            case "<absent>": t.without("aud"); break;
            case "[]": t.claim("aud", List.of()); break;
            case "[\"\"]": t.claim("aud", List.of("")); break;
            default: t.claim("aud", aud); break;
        }

        rejected(validator().build(), t.build(), Reason.AUDIENCE_MISMATCH);
    }

    @Test
    void buildWhenAudienceEmptyOrMissingThenRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> validator().audience(""));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdTokenValidator.builder().tenantId(TENANT).discovery(discovery).build())
                .withMessageContaining("audience");
    }

    /** A Microsoft Graph token (nonce in the header) is not meant for this API. */
    @Test
    void validateWhenGraphTokenWithNonceHeaderThenRejectedSayingItIsForGraph() {
        String graph = v2().header("nonce", "AQABAAAAAAD--DLA3VO7QrddgJg7WevrN3").claim("aud",
                "00000003-0000-0000-c000-000000000000").build();

        JwtValidationException e = rejected(validator().build(), graph, Reason.AUDIENCE_MISMATCH);
        assertThat(e.getMessage()).contains("Microsoft Graph", "not for this API");
        assertThat(standIn.requests()).isZero();
    }

    /** D15: Entra mode requires a kid. */
    @Test
    void validateWhenNoKidThenUnknownKeyD15() {
        JwtValidationException e = rejected(validator().build(), v2().withoutHeader("kid").build(), Reason.UNKNOWN_KEY);
        assertThat(e.getMessage()).contains("kid");
        assertThat(standIn.requests()).as("refused before any fetch").isZero();
    }

    /** A3/A4: alg none and HS256 (with the RSA modulus as secret) are refused before any fetch. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "RS256 "})
    void validateWhenAlgNoneOrHmacThenUnsupportedAlgorithmWithoutFetch(String alg) {
        String header = AadFixtures.json(java.util.Map.of("typ", "JWT", "alg", alg, "kid", AadFixtures.key("aad-1").kid()));
        String payload = v2().build().split("\\.")[1];
        String token = TestKeys.b64(header) + "." + payload + "."
                + TestKeys.b64(TestKeys.hmacSha256(AadFixtures.key("aad-1").modulus().toByteArray(),
                        (TestKeys.b64(header) + "." + payload).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        rejected(validator().build(), token, Reason.UNSUPPORTED_ALGORITHM);
        assertThat(standIn.requests()).isZero();
    }

    /** A1: RS256 only by default. */
    @ParameterizedTest
    @ValueSource(strings = {"RS384", "RS512", "PS256"})
    void validateWhenAlgorithmIsNotRs256ThenUnsupportedAlgorithmA1(String alg) {
        rejected(validator().build(), v2().build(JwsAlgorithm.valueOf(alg)), Reason.UNSUPPORTED_ALGORITHM);
        assertThat(validator().algorithms(JwsAlgorithm.RS256, JwsAlgorithm.valueOf(alg)).build()
                .validate(v2().build(JwsAlgorithm.valueOf(alg)))).isNotNull();
    }

    @Test
    void validateWhenExpiredThenExpiredAndClockSkewIsPassedThrough() {
        String token = v2().claim("exp", NOW.getEpochSecond() - 30).build();

        assertThat(validator().build().validate(token)).isNotNull();
        rejected(validator().clockSkew(Duration.ZERO).build(), token, Reason.EXPIRED);
    }

    @Test
    void validateWhenKnownKidButForgedSignatureThenBadSignature() {
        String forged = v2().signedBy(TestKeys.rsa2048Other());

        rejected(validator().build(), forged, Reason.BAD_SIGNATURE);
    }

    /** App-specific keys: unknown to the tenant keys; the message says to configure the app id. */
    @Test
    void validateWhenSignedWithAppSpecificKeyAndNoAppIdThenUnknownKeyWithAppIdHint() {
        String token = v2().key(AadFixtures.key("app-1")).build();

        JwtValidationException e = rejected(validator().build(), token, Reason.UNKNOWN_KEY);
        assertThat(e.getMessage()).contains("appId(", "app-specific");
    }

    @Test
    void validateWhenAppIdConfiguredThenAppSpecificKeysFetchedWithAppIdQueryAndTokenAccepted() {
        AzureAdTokenValidator v = AzureAdTokenValidator.builder().tenantId(TENANT).audience(CLIENT).clock(CLOCK)
                .discovery(standIn.discovery(ticker).appId(CLIENT).build()).build();

        assertThat(v.validate(v2().key(AadFixtures.key("app-1")).build())).isNotNull();
        assertThat(v.validate(v2().build())).isNotNull();
        assertThat(standIn.log()).containsExactly(
                "/" + TENANT + "/v2.0/.well-known/openid-configuration?appid=" + CLIENT,
                "/" + TENANT + "/discovery/v2.0/keys?appid=" + CLIENT);
    }

    @Test
    void validateWhenUnknownKidRepeatedThenOneRefreshPerFiveMinutes() {
        AzureAdTokenValidator v = validator().build();
        v.validate(v2().build());
        ticker.advance(Duration.ofMinutes(5));

        String unknown = v2().key(TestKeys.rsa2048Other()).build();
        for (int i = 0; i < 5; i++) {
            rejected(v, unknown, Reason.UNKNOWN_KEY);
        }
        assertThat(standIn.requests("/" + TENANT + "/discovery/v2.0/keys")).isEqualTo(2);
    }

    @Test
    void buildWhenMultiTenantKeywordGivenAsTenantThenRefused() {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdTokenValidator.builder().tenantId("common").audience(CLIENT).build())
                .withMessageContaining("multiTenant()");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdTokenValidator.builder().tenantId("not a tenant!").audience(CLIENT).build())
                .withMessageContaining("tenantId");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdTokenValidator.builder().audience(CLIENT).build())
                .withMessageContaining("tenantId");
    }
}
