package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.jwk.Jwk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * RFC 7638 §3.1: the thumbprint of the example RSA key (the key of RFC 7517 Appendix A.1, fixture
 * {@code vectors/rfc7517-appendix-a1.json}), and SECURITY-CASES F2/F18: a modulus or exponent written
 * with leading zero octets is the same key and has the same thumbprint.
 */
class Rfc7638ThumbprintTest {

    private static final String THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    /** §3.1 lists the SHA-256 hash of the canonical JSON as these octets. */
    private static final int[] HASH = {55, 54, 203, 177, 120, 124, 184, 48, 156, 119, 238, 140, 55, 5, 197, 225, 111, 251,
        158, 133, 151, 21, 144, 31, 30, 76, 89, 177, 17, 130, 245, 123};

    private static ObjectNode exampleKey() {
        return (ObjectNode) VectorJson.resource("rfc7517-appendix-a1.json").get("keys").get(1).deepCopy();
    }

    @Test
    void thumbprintWhenSection31KeyThenRfcValue() {
        Jwk key = Jwk.parse(VectorJson.toJson(exampleKey()));

        assertThat(key.kid()).contains("2011-04-29");
        assertThat(key.thumbprint()).isEqualTo(THUMBPRINT);
    }

    @Test
    void thumbprintWhenComputedFromCanonicalJsonThenRfcHashOctets() throws Exception {
        ObjectNode k = exampleKey();
        String canonical = "{\"e\":\"" + k.get("e").textValue() + "\",\"kty\":\"RSA\",\"n\":\"" + k.get("n").textValue() + "\"}";

        byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));

        byte[] expected = new byte[HASH.length];
        for (int i = 0; i < HASH.length; i++) {
            expected[i] = (byte) HASH[i];
        }
        assertThat(hash).isEqualTo(expected);
        assertThat(VectorJson.b64u(hash)).isEqualTo(THUMBPRINT);
    }

    @Test
    void thumbprintWhenModulusHasLeadingZeroOctetThenSameThumbprintAndSize() {
        ObjectNode k = exampleKey();
        byte[] n = VectorJson.b64u(k.get("n").textValue());
        byte[] padded = new byte[n.length + 1];
        System.arraycopy(n, 0, padded, 1, n.length);
        k.put("n", VectorJson.b64u(padded));

        Jwk key = Jwk.parse(VectorJson.toJson(k));

        assertThat(key.member("n")).isNotEqualTo(Jwk.parse(VectorJson.toJson(exampleKey())).member("n"));
        assertThat(key.keySize()).isEqualTo(2048);
        assertThat(key.thumbprint()).isEqualTo(THUMBPRINT);
    }

    @Test
    void thumbprintWhenExponentHasLeadingZeroOctetsThenSameThumbprint() {
        ObjectNode k = exampleKey();
        k.put("e", "AAEAAQ"); // 00 01 00 01 = 65537

        assertThat(Jwk.parse(VectorJson.toJson(k)).thumbprint()).isEqualTo(THUMBPRINT);
    }

    @Test
    void thumbprintWhenOptionalMembersDifferThenSameThumbprint() {
        ObjectNode k = exampleKey();
        k.remove("kid");
        k.remove("alg");
        k.put("use", "sig");

        assertThat(Jwk.parse(VectorJson.toJson(k)).thumbprint()).isEqualTo(THUMBPRINT);
    }

    @Test
    void thumbprintWhenModulusChangedThenDifferent() {
        ObjectNode k = exampleKey();
        byte[] n = VectorJson.b64u(k.get("n").textValue());
        n[n.length - 1] ^= 2; // stays odd
        k.put("n", VectorJson.b64u(n));

        assertThat(Jwk.parse(VectorJson.toJson(k)).thumbprint()).isNotEqualTo(THUMBPRINT);
    }
}
