package dev.jwkadapter.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkadapter.azure.standin.SharedFiles;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VaultJwkMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonWebKey keyOf(String bundleJson) throws IOException {
        JsonNode key = JSON.readTree(bundleJson);
        if (key.has("key")) {
            key = key.get("key");
        }
        try (JsonReader r = JsonProviders.createReader(JSON.writeValueAsString(key))) {
            return JsonWebKey.fromJson(r);
        }
    }

    private static JsonWebKey resource(String name) throws IOException {
        return keyOf(SharedFiles.resource("/key-vault/" + name));
    }

    @Test
    void toPublicJwkWhenRsaHsmThenRsaWithMinimalExponentAndNoVaultMembers() throws Exception {
        Jwk jwk = VaultJwkMapper.toPublicJwk(resource("rsa-hsm-key-bundle.json"));

        assertThat(jwk.kty()).isEqualTo("RSA");
        assertThat(jwk.member("e")).contains("AQAB");
        assertThat(jwk.memberNames()).containsExactlyInAnyOrder("kty", "n", "e");
        assertThat(jwk.keySize()).isEqualTo(2048);
    }

    @Test
    void toPublicJwkWhenEcHsmThenEcP256() throws Exception {
        Jwk jwk = VaultJwkMapper.toPublicJwk(resource("ec-hsm-p256-key-bundle.json"));

        assertThat(jwk.kty()).isEqualTo("EC");
        assertThat(jwk.curve()).contains("P-256");
        assertThat(jwk.memberNames()).containsExactlyInAnyOrder("kty", "crv", "x", "y");
    }

    @Test
    void toPublicJwkWhenP256kThenSecp256k1() throws Exception {
        Jwk jwk = VaultJwkMapper.toPublicJwk(resource("ec-p256k-key-bundle.json"));

        assertThat(jwk.curve()).contains("secp256k1");
        assertThat(JwsAlgorithm.forCurve("secp256k1")).isEmpty();
    }

    @Test
    void toPublicJwkWhenOctHsmThenNeverExported() throws Exception {
        JsonWebKey oct = resource("oct-hsm-key-bundle.json");

        assertThatExceptionOfType(JwkException.class).isThrownBy(() -> VaultJwkMapper.toPublicJwk(oct))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.UNSUPPORTED_KEY_TYPE))
                .withMessageContaining("never exported");
    }

    @Test
    void allowsSignWhenKeyOpsLackSignThenFalse() throws Exception {
        assertThat(VaultJwkMapper.allowsSign(resource("rsa-encrypt-only-key-bundle.json"))).isFalse();
        assertThat(VaultJwkMapper.allowsSign(resource("rsa-hsm-key-bundle.json"))).isTrue();
    }

    @Test
    void stampWhenKidAndAlgorithmThenUseSigAlgKidAndSameThumbprint() throws Exception {
        Jwk base = VaultJwkMapper.toPublicJwk(resource("rsa-hsm-key-bundle.json"));

        Jwk stamped = VaultJwkMapper.stamp(base, "kid-1", JwsAlgorithm.PS256);

        assertThat(stamped.kid()).contains("kid-1");
        assertThat(stamped.use()).contains("sig");
        assertThat(stamped.algorithm()).contains("PS256");
        assertThat(stamped.keyOperations()).isEmpty();
        assertThat(stamped.thumbprint()).isEqualTo(base.thumbprint());
    }

    @Test
    void toPublicJwkWhenVaultDropsLeadingZeroOfCoordinateThenPaddedToCurveLength() throws Exception {
        ECPublicKey pub = null;
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < 2000 && pub == null; i++) {
            KeyPair p = g.generateKeyPair();
            ECPublicKey k = (ECPublicKey) p.getPublic();
            if (k.getW().getAffineX().bitLength() <= 248) {
                pub = k;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(pub != null, "no key with a short x in 2000 tries");
        String json = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + b64(minimal(pub.getW().getAffineX()))
                + "\",\"y\":\"" + b64(minimal(pub.getW().getAffineY())) + "\"}";

        Jwk jwk = VaultJwkMapper.toPublicJwk(keyOf(json));

        assertThat(Base64.getUrlDecoder().decode(jwk.member("x").orElseThrow())).hasSize(32);
        assertThat(jwk.toPublicKey()).isEqualTo(pub);
    }

    @Test
    void toPublicJwkWhenRsa1024ThenInvalidKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        java.security.interfaces.RSAPublicKey pub = (java.security.interfaces.RSAPublicKey) g.generateKeyPair().getPublic();
        String json = "{\"kty\":\"RSA\",\"n\":\"" + b64(minimal(pub.getModulus())) + "\",\"e\":\"AQAB\"}";
        JsonWebKey key = keyOf(json);

        assertThatExceptionOfType(JwkException.class).isThrownBy(() -> VaultJwkMapper.toPublicJwk(key))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.INVALID_KEY));
    }

    @Test
    void toPublicJwkWhenSharedRsaHsmRecordingThenExponentTrimmed() throws Exception {
        JsonNode rec = JSON.readTree(SharedFiles.shared(
                "fixtures/key-vault/recording-js-rsa-hsm-create-get-sign-verify.converted-from-nock.json"));
        JsonNode bundle = null;
        for (JsonNode x : rec.get("recordedExchanges")) {
            if ("GET".equals(x.path("method").asText()) && x.path("status").asInt() == 200) {
                bundle = x.get("responseBody");
            }
        }
        assertThat(bundle).isNotNull();
        assertThat(bundle.at("/key/e").asText()).isEqualTo("AAEAAQ");

        Jwk jwk = VaultJwkMapper.toPublicJwk(keyOf(JSON.writeValueAsString(bundle)));

        assertThat(jwk.kty()).isEqualTo("RSA");
        assertThat(jwk.member("e")).contains("AQAB");
        assertThat(jwk.memberNames()).doesNotContain("key_ops", "kid");
    }

    @Test
    void toPublicJwkWhenSharedEcRecordingThenEcP256() throws Exception {
        JsonNode rec = JSON.readTree(SharedFiles.shared(
                "fixtures/key-vault/recording-js-create-ec-p256-key.7.4-preview.1.excerpt.json"));
        JsonNode bundle = null;
        for (JsonNode x : rec.findValues("ResponseBody")) {
            if (x.has("key")) {
                bundle = x;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(bundle != null, "recording has no key bundle in ResponseBody");

        Jwk jwk = VaultJwkMapper.toPublicJwk(keyOf(JSON.writeValueAsString(bundle)));

        assertThat(jwk.kty()).isEqualTo("EC");
        assertThat(jwk.curve()).contains("P-256");
    }

    @Test
    void toPublicJwkWhenRestSpecGetKeyExampleThenRsa() throws Exception {
        JsonNode ex = JSON.readTree(SharedFiles.shared("fixtures/key-vault/rest-spec-2025-07-01-GetKey-example.json"));
        JsonNode bundle = ex.at("/responses/200/body");

        Jwk jwk = VaultJwkMapper.toPublicJwk(keyOf(JSON.writeValueAsString(bundle)));

        assertThat(jwk.kty()).isEqualTo("RSA");
        assertThat(jwk.keySize()).isGreaterThanOrEqualTo(2048);
    }

    private static byte[] minimal(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
