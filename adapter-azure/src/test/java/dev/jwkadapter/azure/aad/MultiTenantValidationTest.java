package dev.jwkadapter.azure.aad;

import static dev.jwkadapter.azure.aad.AadFixtures.CLIENT;
import static dev.jwkadapter.azure.aad.AadFixtures.CLOCK;
import static dev.jwkadapter.azure.aad.AadFixtures.MSA;
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
import dev.jwkadapter.testing.FakeTicker;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A multi-tenant API: organizations/common keys and the {@code {tenantid}} issuer template, with an allow-list. */
class MultiTenantValidationTest {

    private AadStandIn standIn;
    private AzureAdDiscovery discovery;

    @BeforeEach
    void start() {
        standIn = AadStandIn.withOwnFixtures();
        discovery = standIn.discovery(new FakeTicker()).build();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private AzureAdTokenValidator.Builder validator() {
        return AzureAdTokenValidator.builder().multiTenant().audience(CLIENT).discovery(discovery).clock(CLOCK);
    }

    private AadTokens v2(String tid) {
        return AadTokens.v2(standIn.origin()).tenant(tid);
    }

    private static JwtValidationException rejected(AzureAdTokenValidator v, String token, Reason reason) {
        JwtValidationException e = org.junit.jupiter.api.Assertions.assertThrows(JwtValidationException.class,
                () -> v.validate(token));
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    @Test
    void buildWhenMultiTenantWithoutAllowListThenRefusedH1() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> validator().build())
                .withMessageContaining("allowedTenants").withMessageContaining("allowAnyTenant()");
    }

    @Test
    void buildWhenContradictoryTenantSettingsThenRefused() {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> validator().allowAnyTenant().allowedTenants(Set.of(TENANT)).build());
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> validator().tenantId(TENANT).allowAnyTenant().build());
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdTokenValidator.builder().tenantId(TENANT).allowedTenants(Set.of(OTHER))
                        .audience(CLIENT).build());
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> validator().allowedTenants(Set.of("contoso.onmicrosoft.com")));
    }

    @Test
    void validateWhenTenantOnAllowListThenAcceptedWithOrganizationsKeys() {
        AzureAdTokenValidator v = validator().allowedTenants(Set.of(TENANT, OTHER.toUpperCase())).build();

        assertThat(AzureAdToken.of(v.validate(v2(TENANT).build())).tenantId()).isEqualTo(TENANT);
        assertThat(AzureAdToken.of(v.validate(v2(OTHER).build())).tenantId()).isEqualTo(OTHER);
        assertThat(standIn.log()).containsExactly("/organizations/v2.0/.well-known/openid-configuration",
                "/organizations/discovery/v2.0/keys");
    }

    /** H1: a correctly signed token with the right aud from a tenant not on the allow-list. */
    @Test
    void validateWhenTenantNotOnAllowListThenTenantNotAllowedH1() {
        AzureAdTokenValidator v = validator().allowedTenants(Set.of(TENANT)).build();

        JwtValidationException e = rejected(v, v2(OTHER).build(), Reason.TENANT_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("allow-list").doesNotContain(OTHER);
        assertThat(standIn.requests()).as("rejected before any fetch").isZero();
    }

    @Test
    void validateWhenPredicateAllowsTenantThenAcceptedAndPredicateSeesLowerCaseTid() {
        List<String> seen = new ArrayList<>();
        AzureAdTokenValidator v = validator().allowedTenants(t -> {
            seen.add(t);
            return t.equals(OTHER);
        }).build();

        assertThat(v.validate(v2(OTHER).build())).isNotNull();
        rejected(v, v2(TENANT).build(), Reason.TENANT_NOT_ALLOWED);
        assertThat(seen).contains(OTHER, TENANT);
    }

    /** H7: a personal-account (MSA) token at an organizations-only app, even with allowAnyTenant(). */
    @Test
    void validateWhenPersonalAccountTokenAtOrganizationsAppThenTenantNotAllowedH7() {
        String msaToken = v2(MSA).key(AadFixtures.key("msa-1")).build();

        JwtValidationException e = rejected(validator().allowAnyTenant().build(), msaToken, Reason.TENANT_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("personal Microsoft account", "allowPersonalAccounts()");
    }

    @Test
    void validateWhenPersonalAccountsAllowedThenMsaTokenAcceptedWithCommonKeys() {
        AzureAdTokenValidator v = validator().allowAnyTenant().allowPersonalAccounts().build();

        AzureAdToken t = AzureAdToken.of(v.validate(v2(MSA).key(AadFixtures.key("msa-1")).build()));
        assertThat(t.isPersonalAccount()).isTrue();
        assertThat(standIn.log()).containsExactly("/common/v2.0/.well-known/openid-configuration",
                "/common/discovery/v2.0/keys");
    }

    @Test
    void validateWhenPersonalAccountsAllowedButMsaTenantNotOnAllowListThenTenantNotAllowed() {
        AzureAdTokenValidator v = validator().allowedTenants(Set.of(TENANT)).allowPersonalAccounts().build();

        rejected(v, v2(MSA).key(AadFixtures.key("msa-1")).build(), Reason.TENANT_NOT_ALLOWED);
    }

    /** H6 (Storm-0558 class): an enterprise token signed with the personal-account key of the common JWKS. */
    @Test
    void validateWhenOrganizationTokenSignedWithMsaKeyThenKeyIssuerMismatchH6() {
        AzureAdTokenValidator v = validator().allowAnyTenant().allowPersonalAccounts().build();

        JwtValidationException e = rejected(v, v2(TENANT).key(AadFixtures.key("msa-1")).build(), Reason.KEY_ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains(MSA);
    }

    /** H2 with the template issuer: {tenantid} is replaced by the token's own tid, so iss must name it. */
    @Test
    void validateWhenIssNamesAllowedTenantButTidAnotherThenIssuerMismatchH2() {
        AzureAdTokenValidator v = validator().allowAnyTenant().build();
        String token = v2(OTHER).claim("iss", standIn.origin() + "/" + TENANT + "/v2.0").build();

        rejected(v, token, Reason.ISSUER_MISMATCH);
    }

    @Test
    void validateWhenV1TokenOfAllowedTenantThenAcceptedWithCommonV1Keys() {
        AzureAdTokenValidator v = validator().allowedTenants(Set.of(OTHER)).build();
        String token = AadTokens.v1(standIn.origin()).tenant(OTHER).build();

        assertThat(AzureAdToken.of(v.validate(token)).version()).isEqualTo(AzureAdTokenVersion.V1);
        assertThat(standIn.log()).containsExactly("/common/.well-known/openid-configuration", "/common/discovery/keys");
    }

    /** A key of the common v1 set that belongs to another cloud instance (cloud_instance_name) cannot sign here. */
    @Test
    void validateWhenKeyOfAnotherCloudInstanceThenKeyIssuerMismatch() {
        AzureAdTokenValidator v = validator().allowAnyTenant().build();
        String token = AadTokens.v1(standIn.origin()).key(AadFixtures.key("usgov-1")).build();

        JwtValidationException e = rejected(v, token, Reason.KEY_ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("microsoftonline.us");
    }

    /** H10 at the template: a token of another cloud never matches this cloud's template. */
    @Test
    void validateWhenIssuedByChinaCloudThenIssuerMismatchH10() {
        AzureAdTokenValidator v = validator().allowAnyTenant().build();
        String token = v2(TENANT).claim("iss", "https://login.partner.microsoftonline.cn/" + TENANT + "/v2.0").build();

        JwtValidationException e = rejected(v, token, Reason.ISSUER_MISMATCH);
        assertThat(e.getMessage()).contains("CHINA");
    }

    /**
     * H11 / FS-15: 10,000 tokens with random tid values against a multi-tenant validator cause no per-tenant
     * metadata or key fetch, and the discovery cache holds one entry.
     */
    @Test
    void validateWhenTenThousandRandomTenantsThenNoExtraFetchesAndBoundedCacheH11Fs15() {
        AzureAdTokenValidator v = validator().allowAnyTenant().build();
        v.validate(v2(TENANT).build());
        int warm = standIn.requests();
        TestKey key = AadFixtures.key("aad-1");

        List<String> tokens = java.util.stream.IntStream.range(0, 10_000).parallel()
                .mapToObj(i -> v2(UUID.randomUUID().toString()).key(key).build())
                .collect(java.util.stream.Collectors.toList());
        AtomicInteger accepted = new AtomicInteger();
        tokens.parallelStream().forEach(t -> {
            v.validate(t);
            accepted.incrementAndGet();
        });

        assertThat(accepted).hasValue(10_000);
        assertThat(warm).isEqualTo(2);
        assertThat(standIn.requests()).as("extra HTTP requests").isEqualTo(warm);
        assertThat(discovery.cachedTenantCount()).isEqualTo(1);
    }

    @Test
    void validateWhenTokenVersionRestrictedThenOtherVersionRefusedBeforeFetch() {
        AzureAdTokenValidator v = validator().allowAnyTenant().tokenVersions(AzureAdTokenVersion.V1).build();

        rejected(v, v2(TENANT).build(), Reason.ISSUER_MISMATCH);
        assertThat(standIn.requests()).isZero();
        assertThat(v.validate(AadTokens.v1(standIn.origin()).build())).isNotNull();
    }

    @Test
    void validateWhenAlgorithmsWidenedThenStillBoundToKeysAndIssuer() {
        AzureAdTokenValidator v = validator().allowAnyTenant().algorithms(JwsAlgorithm.RS256, JwsAlgorithm.PS256).build();

        assertThat(v.validate(v2(OTHER).build(JwsAlgorithm.PS256))).isNotNull();
        rejected(v, v2(OTHER).claim("iss", "https://evil.example/" + OTHER + "/v2.0").build(JwsAlgorithm.PS256),
                Reason.ISSUER_MISMATCH);
    }
}
