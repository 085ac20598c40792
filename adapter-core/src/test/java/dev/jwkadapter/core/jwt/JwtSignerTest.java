package dev.jwkadapter.core.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyVersion;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtSignerTest {

    /** A key provider over one test key; records what it was asked to sign and can tamper with the result. */
    private static final class TestProvider implements KeyProvider {
        private final TestKey key;
        private final KeyVersion version;
        private final UnaryOperator<byte[]> tamper;
        private final List<byte[]> inputs = new ArrayList<>();

        TestProvider(TestKey key, UnaryOperator<byte[]> tamper, JwsAlgorithm... algorithms) {
            this.key = key;
            this.version = KeyVersion.builder(key.kid(), key.jwk()).algorithms(algorithms).build();
            this.tamper = tamper;
        }

        TestProvider(KeyVersion version, TestKey key) {
            this.key = key;
            this.version = version;
            this.tamper = UnaryOperator.identity();
        }

        @Override
        public List<KeyVersion> keys() {
            return List.of(version);
        }

        @Override
        public KeyVersion activeKey() {
            return version;
        }

        @Override
        public byte[] sign(String kid, JwsAlgorithm algorithm, byte[] signingInput) {
            if (!kid.equals(version.kid())) {
                throw new KeyProviderException(KeyProviderException.Reason.KEY_NOT_FOUND, "no key " + kid);
            }
            inputs.add(signingInput.clone());
            return tamper.apply(key.sign(algorithm, signingInput));
        }
    }

    private static TestKey keyFor(JwsAlgorithm alg) {
        switch (alg) {
            case ES256: return TestKeys.p256();
            case ES384: return TestKeys.p384();
            case ES512: return TestKeys.p521();
            case EdDSA: return TestKeys.ed25519();
            default: return TestKeys.rsa2048();
        }
    }

    private static JwtClaims claims() {
        return JwtClaims.builder().issuer(TestJwts.ISSUER).subject(TestJwts.SUBJECT).audience(TestJwts.AUDIENCE)
                .clock(TestJwts.CLOCK).expiresIn(Duration.ofMinutes(10)).build();
    }

    /** SECURITY-CASES J5: the header holds exactly alg (the key's algorithm, never none), kid and typ. */
    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void signWhenAnyAlgorithmThenHeaderIsAlgKidTypOnlyAndTheTokenValidates(JwsAlgorithm alg) {
        TestKey key = keyFor(alg);
        TestProvider provider = new TestProvider(key, UnaryOperator.identity(), alg);
        String token = JwtSigner.of(provider).sign(claims());
        String[] parts = token.split("\\.", -1);
        assertThat(parts).hasSize(3);
        String header = new String(Base64Url.decode(parts[0]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"" + alg.jwaName() + "\",\"kid\":\"" + key.kid() + "\",\"typ\":\"JWT\"}");
        byte[] payload = Base64Url.decode(parts[1]);
        assertThat(payload[0]).isEqualTo((byte) '{');
        assertThat(new String(payload, StandardCharsets.UTF_8))
                .isEqualTo(claims().toJson()).contains("\"exp\":1700000600").contains("\"iat\":1700000000");
        assertThat(provider.inputs).singleElement()
                .satisfies(in -> assertThat(new String(in, StandardCharsets.US_ASCII)).isEqualTo(parts[0] + "." + parts[1]));
        VerifiedJwt jwt = TestJwts.validator(provider.jwks(), alg).build().validate(token);
        assertThat(jwt.claims()).isEqualTo(claims());
        assertThat(jwt.header().algorithm()).isEqualTo(alg);
    }

    @Test
    void withTypeAndWithAlgorithmWhenSetThenHeaderFollowsAndValidates() {
        TestProvider provider = new TestProvider(TestKeys.rsa2048(), UnaryOperator.identity(), JwsAlgorithm.RS256, JwsAlgorithm.PS256);
        JwtSigner signer = JwtSigner.of(provider).withType("at+jwt").withAlgorithm(JwsAlgorithm.PS256);
        String token = signer.sign(claims());
        assertThat(new String(Base64Url.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"PS256\",\"kid\":\"rsa-2048\",\"typ\":\"at+jwt\"}");
        JwtValidator v = TestJwts.validator(provider.jwks(), JwsAlgorithm.PS256).type("at+jwt").build();
        assertThat(v.validate(token).header().type()).contains("at+jwt");
        assertThat(signer.toString()).contains("at+jwt").contains("PS256").doesNotContain("AQAB");
    }

    @Test
    void signWhenProviderKeyIsBoundToAnAlgorithmThenThatAlgorithmByDefault() {
        TestKey rsa = TestKeys.rsa2048();
        KeyVersion version = KeyVersion.builder(rsa.kid(), rsa.jwk().withAlgorithm(JwsAlgorithm.PS384))
                .algorithms(JwsAlgorithm.RS256, JwsAlgorithm.PS384).build();
        String token = JwtSigner.of(new TestProvider(version, rsa)).sign(claims());
        assertThat(new String(Base64Url.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8))
                .startsWith("{\"alg\":\"PS384\"");
    }

    @Test
    void signWhenAlgorithmNotOfferedByTheActiveKeyThenUnsupportedAlgorithmWithoutSigning() {
        TestProvider provider = new TestProvider(TestKeys.rsa2048(), UnaryOperator.identity(), JwsAlgorithm.RS256);
        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> JwtSigner.of(provider).withAlgorithm(JwsAlgorithm.PS512).sign(claims()))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(KeyProviderException.Reason.UNSUPPORTED_ALGORITHM));
        assertThat(provider.inputs).isEmpty();
    }

    @Test
    void signWhenProviderReturnsAMalformedSignatureThenInvalidSignatureAndNoToken() {
        TestKey p256 = TestKeys.p256();
        List<UnaryOperator<byte[]>> tampers = List.of(
                sig -> Arrays.copyOf(sig, 63),
                sig -> Arrays.copyOf(sig, 65),
                sig -> p256.signJca("SHA256withECDSA", "x".getBytes(StandardCharsets.US_ASCII)),
                sig -> new byte[0],
                sig -> null);
        for (UnaryOperator<byte[]> tamper : tampers) {
            TestProvider provider = new TestProvider(p256, tamper, JwsAlgorithm.ES256);
            assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> JwtSigner.of(provider).sign(claims()))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(KeyProviderException.Reason.INVALID_SIGNATURE));
        }
    }

    @Test
    void signWhenClaimsHaveNonAsciiTextThenUtf8WithoutBomAndExactRoundTrip() {
        TestProvider provider = new TestProvider(TestKeys.ed25519(), UnaryOperator.identity(), JwsAlgorithm.EdDSA);
        JwtClaims c = JwtClaims.builder().issuer(TestJwts.ISSUER).audience(TestJwts.AUDIENCE).subject("J\u00fcrgen \u2603")
                .expiresAt(TestJwts.NOW.plusSeconds(60)).build();
        String token = JwtSigner.of(provider).sign(c);
        byte[] payload = Base64Url.decode(token.split("\\.")[1]);
        assertThat(payload[0]).isNotEqualTo((byte) 0xEF);
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("J\u00fcrgen \u2603");
        VerifiedJwt jwt = TestJwts.validator(provider.jwks(), JwsAlgorithm.EdDSA).build().validate(token);
        assertThat(jwt.claims().subject()).contains("J\u00fcrgen \u2603");
    }
}
