package dev.jwkadapter.azure.aad;

import static dev.jwkadapter.azure.aad.AadFixtures.CALLER;
import static dev.jwkadapter.azure.aad.AadFixtures.CLIENT;
import static dev.jwkadapter.azure.aad.AadFixtures.CLOCK;
import static dev.jwkadapter.azure.aad.AadFixtures.OTHER;
import static dev.jwkadapter.azure.aad.AadFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.azure.AzureAdPrincipal;
import dev.jwkadapter.azure.AzureAdToken;
import dev.jwkadapter.azure.AzureAdTokenValidator;
import dev.jwkadapter.azure.AzureAdTokenVersion;
import dev.jwkadapter.testing.FakeTicker;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims helpers on accepted tokens, and the stable principal key (H8). */
class AzureAdTokenClaimsTest {

    private static AadStandIn standIn;
    private static AzureAdTokenValidator validator;

    @BeforeAll
    static void start() {
        standIn = AadStandIn.withOwnFixtures();
        validator = AzureAdTokenValidator.builder().multiTenant().allowedTenants(Set.of(TENANT, OTHER)).audience(CLIENT)
                .discovery(standIn.discovery(new FakeTicker()).build()).clock(CLOCK).build();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    private static AzureAdToken accept(AadTokens t) {
        return AzureAdToken.of(validator.validate(t.build()));
    }

    @Test
    void claimsWhenV2DelegatedTokenThenTenantObjectAppScopesAndVersion() {
        AzureAdToken t = accept(AadTokens.v2(standIn.origin()).claim("scp", " User.Read  Files.ReadWrite ").claim("idtyp", "user"));

        assertThat(t.tenantId()).isEqualTo(TENANT);
        assertThat(t.objectId()).contains("690222be-ff1a-4d56-abd1-7e4f7d38e474");
        assertThat(t.appId()).contains(CALLER);
        assertThat(t.scopes()).containsExactly("User.Read", "Files.ReadWrite");
        assertThat(t.roles()).isEmpty();
        assertThat(t.version()).isEqualTo(AzureAdTokenVersion.V2);
        assertThat(t.identityType()).contains("user");
        assertThat(t.isAppOnly()).isFalse();
        assertThat(t.isPersonalAccount()).isFalse();
        assertThat(t.toString()).doesNotContain(TENANT, "User.Read");
    }

    @Test
    void claimsWhenV1AppOnlyTokenThenAppIdFromAppidClaimAndRoles() {
        AzureAdToken t = accept(AadTokens.v1(standIn.origin()).without("scp").claim("roles", List.of("Jobs.Run", "Jobs.Read")));

        assertThat(t.appId()).contains(CALLER);
        assertThat(t.roles()).containsExactly("Jobs.Run", "Jobs.Read");
        assertThat(t.scopes()).isEmpty();
        assertThat(t.isAppOnly()).as("no idtyp and no scp").isTrue();
        assertThat(t.version()).isEqualTo(AzureAdTokenVersion.V1);
    }

    /** H8 (nOAuth): same email, preferred_username and upn in two tenants → two principals. */
    @Test
    void principalWhenSameEmailInTwoTenantsThenDifferentPrincipalsH8() {
        String email = "ceo@victim.example";
        AzureAdToken victim = accept(AadTokens.v2(standIn.origin()).claim("email", email).claim("preferred_username", email)
                .claim("upn", email));
        AzureAdToken attacker = accept(AadTokens.v2(standIn.origin()).tenant(OTHER).claim("oid", AadTokens.randomOid())
                .claim("email", email).claim("preferred_username", email).claim("upn", email));

        AzureAdPrincipal a = victim.principal().orElseThrow();
        AzureAdPrincipal b = attacker.principal().orElseThrow();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.key()).isNotEqualTo(b.key());
        assertThat(b.key()).doesNotContain(email);
    }

    @Test
    void principalWhenSameTenantAndObjectIdButNewEmailThenSamePrincipalH8() {
        String oid = AadTokens.randomOid();
        AzureAdToken before = accept(AadTokens.v2(standIn.origin()).claim("oid", oid).claim("email", "a@contoso.example"));
        AzureAdToken after = accept(AadTokens.v2(standIn.origin()).claim("oid", oid.toUpperCase())
                .claim("email", "renamed@contoso.example"));

        assertThat(before.principal()).isEqualTo(after.principal());
        assertThat(before.principal().orElseThrow().key()).isEqualTo(TENANT + "/" + oid);
    }

    @Test
    void principalWhenNoObjectIdThenEmpty() {
        assertThat(accept(AadTokens.v2(standIn.origin()).without("oid")).principal()).isEmpty();
    }
}
