package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jws.JwsHeader;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * RFC 7515 Appendix A.2: the RS256 example JWS with the example RSA key (fixture
 * {@code vectors/rfc7515-appendix-a2.json}, typed from the RFC). RSASSA-PKCS1-v1_5 is deterministic, so
 * signing the example input with the example private key must give the example signature byte for byte.
 */
class Rfc7515AppendixA2Rs256Test {

    private static final JsonNode VECTOR = VectorJson.resource("rfc7515-appendix-a2.json");
    private static final String COMPACT = VECTOR.get("compact").textValue();
    private static final String[] PARTS = COMPACT.split("\\.", -1);
    private static final byte[] SIGNING_INPUT = (PARTS[0] + "." + PARTS[1]).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE = VectorJson.b64u(PARTS[2]);
    /** The example's {@code exp}: 2011-03-22T18:43:00Z. */
    private static final Instant EXP = Instant.ofEpochSecond(1300819380L);

    @Test
    void parseWhenExampleHeaderThenRs256WithNoOtherParameters() {
        String headerJson = new String(VectorJson.b64u(PARTS[0]), StandardCharsets.UTF_8);
        assertThat(headerJson).isEqualTo(VECTOR.get("protectedHeader").textValue());

        JwsHeader header = JwsHeader.parse(headerJson);

        assertThat(header.algorithm()).isEqualTo(JwsAlgorithm.RS256);
        assertThat(header.keyId()).isEmpty();
        assertThat(header.type()).isEmpty();
        assertThat(header.critical()).isEmpty();
        assertThat(header.parameterNames()).containsExactly("alg");
    }

    @Test
    void decodeWhenExamplePayloadThenClaimsWithCrLf() {
        assertThat(PARTS).hasSize(3);
        assertThat(new String(VectorJson.b64u(PARTS[1]), StandardCharsets.UTF_8)).isEqualTo(VECTOR.get("payload").textValue());
        assertThat(SIGNATURE).hasSize(256);
    }

    @Test
    void verifyWhenExampleSignatureAndPublicKeyThenValid() throws Exception {
        Jwk key = Jwk.parse(VectorJson.toJson(VectorJson.publicOnly(VECTOR.get("key"))));

        assertThat(key.keySize()).isEqualTo(2048);
        assertThat(key.supports(JwsAlgorithm.RS256)).isTrue();
        assertThat(JcaSignatures.verify(JwsAlgorithm.RS256, key.toPublicKey(), SIGNING_INPUT, SIGNATURE)).isTrue();
    }

    @Test
    void verifyWhenSigningInputOrSignatureAlteredThenInvalid() throws Exception {
        Jwk key = Jwk.parse(VectorJson.toJson(VectorJson.publicOnly(VECTOR.get("key"))));
        byte[] input = SIGNING_INPUT.clone();
        input[input.length - 1] ^= 1;
        byte[] sig = SIGNATURE.clone();
        sig[100] ^= 0x40;

        assertThat(JcaSignatures.verify(JwsAlgorithm.RS256, key.toPublicKey(), input, SIGNATURE)).isFalse();
        assertThat(JcaSignatures.verify(JwsAlgorithm.RS256, key.toPublicKey(), SIGNING_INPUT, sig)).isFalse();
        assertThat(JcaSignatures.verify(JwsAlgorithm.RS384, key.toPublicKey(), SIGNING_INPUT, SIGNATURE)).isFalse();
    }

    @Test
    void signWhenExamplePrivateKeyThenSignatureIsByteEqualToTheRfc() throws Exception {
        JsonNode k = VECTOR.get("key");
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                VectorJson.b64uInt(k.get("n").textValue()), VectorJson.b64uInt(k.get("e").textValue()),
                VectorJson.b64uInt(k.get("d").textValue()), VectorJson.b64uInt(k.get("p").textValue()),
                VectorJson.b64uInt(k.get("q").textValue()), VectorJson.b64uInt(k.get("dp").textValue()),
                VectorJson.b64uInt(k.get("dq").textValue()), VectorJson.b64uInt(k.get("qi").textValue())));

        assertThat(JcaSignatures.sign(JwsAlgorithm.RS256, privateKey, SIGNING_INPUT)).isEqualTo(SIGNATURE);
    }

    @Test
    void validateWhenClockBeforeExampleExpiryThenAcceptedWithExampleClaims() {
        VerifiedJwt jwt = validator(Clock.fixed(EXP.minusSeconds(600), ZoneOffset.UTC)).validate(COMPACT);

        assertThat(jwt.header().algorithm()).isEqualTo(JwsAlgorithm.RS256);
        assertThat(jwt.claims().issuer()).contains("joe");
        assertThat(jwt.claims().expiresAt()).contains(EXP);
        assertThat(jwt.claims().booleanClaim("http://example.com/is_root")).contains(true);
    }

    @Test
    void validateWhenClockAfterExampleExpiryThenExpired() {
        JwtValidator validator = validator(Clock.fixed(EXP.plusSeconds(3600), ZoneOffset.UTC));

        assertThatExceptionOfType(JwtValidationException.class)
                .isThrownBy(() -> validator.validate(COMPACT))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwtValidationException.Reason.EXPIRED));
    }

    private static JwtValidator validator(Clock clock) {
        Jwk key = Jwk.parse(VectorJson.toJson(VectorJson.publicOnly(VECTOR.get("key"))));
        return JwtValidator.builder()
                .jwks(JwksSource.of(JwkSet.of(key)))
                .algorithms(JwsAlgorithm.RS256)
                .anyIssuer()
                .anyAudience()
                .clock(clock)
                .build();
    }
}
