package dev.jwkadapter.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.provider.KeyVersion;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rotation with the default 24 h lead time: a new version is published at once, signs only after the lead
 * time; a disabled version leaves the JWKS at the next refresh.
 */
class RotationTest {

    private static final Duration REFRESH = AzureKeyVaultKeyProvider.DEFAULT_REFRESH_INTERVAL;

    private final VaultFixture vault = new VaultFixture();

    @AfterEach
    void close() {
        vault.close();
    }

    private AzureKeyVaultKeyProvider provider() {
        return vault.provider(b -> b.publishLeadTime(AzureKeyVaultKeyProvider.DEFAULT_PUBLISH_LEAD_TIME));
    }

    private String sign(AzureKeyVaultKeyProvider p) {
        return JwtSigner.of(p).sign(JwtClaims.builder().issuer("https://i").audience("api://x")
                .expiresIn(Duration.ofMinutes(5)).build());
    }

    private JwtValidator validator(AzureKeyVaultKeyProvider p) {
        return JwtValidator.builder().jwks(JwksSource.of(p.jwks())).issuer("https://i").audience("api://x")
                .algorithms(JwsAlgorithm.ES256).build();
    }

    @Test
    void rotateWhenNewVersionThenPublishedAtOnceAndSignsOnlyAfterLeadTime() {
        String v1 = vault.create(KeyKind.EC_P256);
        vault.clock.advance(Duration.ofDays(30));
        AzureKeyVaultKeyProvider p = provider();
        assertThat(p.activeKey().kid()).isEqualTo(vault.thumbprint(v1));

        String v2 = vault.create(KeyKind.EC_P256);
        vault.clock.advance(REFRESH);

        assertThat(p.keys()).extracting(KeyVersion::kid).containsExactly(vault.thumbprint(v2), vault.thumbprint(v1));
        assertThat(p.jwks().find(vault.thumbprint(v2))).isPresent();
        assertThat(p.activeKey().kid()).isEqualTo(vault.thumbprint(v1));
        assertThat(KeyVaultFaultScenariosTest.kidOf(sign(p))).isEqualTo(vault.thumbprint(v1));

        vault.clock.advance(Duration.ofHours(23).plusMinutes(54));
        assertThat(p.activeKey().kid()).isEqualTo(vault.thumbprint(v1));

        vault.clock.advance(Duration.ofMinutes(1));
        String token = sign(p);
        assertThat(KeyVaultFaultScenariosTest.kidOf(token)).isEqualTo(vault.thumbprint(v2));
        assertThat(validator(p).validate(token).header().keyId()).contains(vault.thumbprint(v2));
    }

    @Test
    void disableWhenOldVersionThenRemovedFromJwksAtNextRefreshNotBefore() {
        String v1 = vault.create(KeyKind.EC_P256);
        String v2 = vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = provider();
        assertThat(p.jwks().keys()).hasSize(2);

        vault.standIn.setEnabled(VaultFixture.KEY, v1, false);

        assertThat(p.jwks().find(vault.thumbprint(v1))).as("cached until the refresh").isPresent();
        vault.clock.advance(REFRESH);
        assertThat(p.jwks().find(vault.thumbprint(v1))).isEmpty();
        assertThat(p.jwks().find(vault.thumbprint(v2))).isPresent();
        assertThat(p.activeKey().kid()).isEqualTo(vault.thumbprint(v2));
    }

    @Test
    void rotateWhenOldTokensOutstandingThenStillValidateAgainstNewJwks() {
        vault.create(KeyKind.EC_P256);
        vault.clock.advance(Duration.ofDays(2));
        AzureKeyVaultKeyProvider p = provider();
        String old = sign(p);

        String v2 = vault.create(KeyKind.EC_P256);
        vault.clock.advance(Duration.ofDays(1).plus(REFRESH));
        String fresh = sign(p);

        JwtValidator v = validator(p);
        assertThat(v.validate(old)).isNotNull();
        assertThat(v.validate(fresh).header().keyId()).contains(vault.thumbprint(v2));
    }
}
