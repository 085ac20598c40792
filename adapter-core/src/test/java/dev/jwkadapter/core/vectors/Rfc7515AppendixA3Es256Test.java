package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jws.JwsHeader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.spec.ECPoint;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7515 Appendix A.3: the ES256 example JWS and P-256 key, typed from the RFC. ECDSA signatures are
 * randomized, so the example is verified (not re-created); the JOSE signature is R‖S, 64 octets.
 */
class Rfc7515AppendixA3Es256Test {

    private static final String X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    private static final String Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    private static final String D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
    private static final String JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}";

    private static final String HEADER = "eyJhbGciOiJFUzI1NiJ9";
    private static final String PAYLOAD =
            "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    private static final String SIGNATURE =
            "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    /** R and S as the RFC lists them (octet sequences). */
    private static final int[] R = {14, 209, 33, 83, 121, 99, 108, 72, 60, 47, 127, 21, 88, 7, 212, 2, 163, 178, 40, 3,
        58, 249, 124, 126, 23, 129, 154, 195, 22, 158, 166, 101};
    private static final int[] S = {197, 10, 7, 211, 140, 60, 112, 229, 216, 241, 45, 175, 8, 74, 84, 128, 166, 101, 144,
        197, 242, 147, 80, 154, 143, 63, 127, 138, 131, 163, 84, 213};

    private static final byte[] SIGNING_INPUT = (HEADER + "." + PAYLOAD).getBytes(StandardCharsets.US_ASCII);

    @Test
    void parseWhenExampleKeyThenP256KeyFittingEs256() {
        Jwk key = Jwk.parse(JWK);

        assertThat(key.kty()).isEqualTo("EC");
        assertThat(key.curve()).contains("P-256");
        assertThat(key.keySize()).isEqualTo(256);
        assertThat(key.supports(JwsAlgorithm.ES256)).isTrue();
        assertThat(key.supports(JwsAlgorithm.ES384)).isFalse();
    }

    @Test
    void deriveWhenExamplePrivateScalarThenExamplePublicPoint() {
        ECPoint q = EcCurve.P_256.multiplyGenerator(VectorJson.b64uInt(D));

        assertThat(q.getAffineX()).isEqualTo(VectorJson.b64uInt(X));
        assertThat(q.getAffineY()).isEqualTo(VectorJson.b64uInt(Y));
    }

    @Test
    void decodeWhenExampleSignatureThenRConcatenatedWithSIn64Octets() {
        byte[] sig = VectorJson.b64u(SIGNATURE);

        assertThat(sig).hasSize(64);
        assertThat(Arrays.copyOfRange(sig, 0, 32)).isEqualTo(octets(R));
        assertThat(Arrays.copyOfRange(sig, 32, 64)).isEqualTo(octets(S));
        assertThat(new BigInteger(1, octets(R))).isLessThan(EcCurve.P_256.order());
        assertThat(JwsHeader.parse(new String(VectorJson.b64u(HEADER), StandardCharsets.UTF_8)).algorithm())
                .isEqualTo(JwsAlgorithm.ES256);
    }

    @Test
    void verifyWhenExampleSignatureThenValid() throws Exception {
        Jwk key = Jwk.parse(JWK);

        assertThat(JcaSignatures.verify(JwsAlgorithm.ES256, key.toPublicKey(), SIGNING_INPUT, VectorJson.b64u(SIGNATURE)))
                .isTrue();
    }

    @Test
    void verifyWhenSignatureInAnotherShapeThenInvalid() throws Exception {
        Jwk key = Jwk.parse(JWK);
        byte[] sig = VectorJson.b64u(SIGNATURE);
        byte[] swapped = new byte[64];
        System.arraycopy(sig, 32, swapped, 0, 32);
        System.arraycopy(sig, 0, swapped, 32, 32);
        byte[] padded = new byte[66]; // 00‖R‖00‖S: right values, wrong JOSE length
        System.arraycopy(sig, 0, padded, 1, 32);
        System.arraycopy(sig, 32, padded, 34, 32);

        assertThat(JcaSignatures.verify(JwsAlgorithm.ES256, key.toPublicKey(), SIGNING_INPUT, swapped)).isFalse();
        assertThat(JcaSignatures.verify(JwsAlgorithm.ES256, key.toPublicKey(), SIGNING_INPUT, padded)).isFalse();
        assertThat(JcaSignatures.verify(JwsAlgorithm.ES256, key.toPublicKey(), SIGNING_INPUT, new byte[64])).isFalse();
    }

    private static byte[] octets(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
