package dev.jwkadapter.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JWKS published from vault keys parses in Nimbus JOSE+JWT (the oracle), and Nimbus accepts tokens signed
 * remotely with them: RSA and EC, software and HSM.
 */
class NimbusInteropTest {

    private final VaultFixture vault = new VaultFixture();

    @AfterEach
    void close() {
        vault.close();
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048, RS256", "RSA_HSM_2048, RS256", "RSA_3072, RS512", "RSA_HSM_2048, PS256", "RSA_2048, PS512",
            "EC_P256, ES256", "EC_HSM_P256, ES256", "EC_P384, ES384", "EC_HSM_P384, ES384", "EC_P521, ES512"})
    void jwksWhenParsedByNimbusThenNimbusValidatesRemotelySignedToken(KeyKind kind, JwsAlgorithm alg) throws Exception {
        vault.create(kind);
        vault.create(kind);
        AzureKeyVaultKeyProvider p = vault.provider(b -> {
            if (alg.isRsa()) {
                b.algorithm(alg);
            }
        });
        String token = JwtSigner.of(p).sign(JwtClaims.builder().issuer("https://issuer.example").subject("svc")
                .audience("api://x").expiresIn(Duration.ofMinutes(5)).build());

        JWKSet set = JWKSet.parse(p.jwks().toJson());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.parse(alg.name())),
                new ImmutableJWKSet<>(set)));
        JWTClaimsSet claims = processor.process(token, null);

        assertThat(claims.getSubject()).isEqualTo("svc");
        assertThat(set.getKeys()).hasSize(2);
        assertThat(set.getKeys()).allSatisfy(k -> {
            assertThat(k.getKeyUse().identifier()).isEqualTo("sig");
            assertThat(k.getAlgorithm().getName()).isEqualTo(alg.name());
            assertThat(k.isPrivate()).isFalse();
            assertThat(k.getKeyOperations()).isNull();
            assertThat(k.getKeyID()).isEqualTo(k.computeThumbprint().toString());
            assertThat(k.getKeyType().getValue()).isEqualTo(alg.keyType());
        });
    }
}
