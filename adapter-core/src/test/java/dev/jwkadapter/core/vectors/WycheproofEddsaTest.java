package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof EdDSA vectors (E11, E12, F9, D4): Ed25519 through {@link JcaSignatures#verify} as
 * {@link JwsAlgorithm#EdDSA} with keys parsed from {@code publicKeyJwk}; Ed448 keys parse but do not fit
 * {@code EdDSA}, which means Ed25519 only in this library.
 */
class WycheproofEddsaTest {

    static Stream<WycheproofCase> ed25519() {
        return VectorJson.cases("ed25519_test.json", "ed25519").stream();
    }

    static Stream<JsonNode> ed448Groups() {
        List<JsonNode> groups = new ArrayList<>();
        VectorJson.wycheproof("ed448_test.json").get("testGroups").forEach(groups::add);
        return groups.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ed25519")
    void verifyWhenEd25519VectorThenOutcomeMatchesLabel(WycheproofCase c) throws Exception {
        Jwk key = Jwk.parse(VectorJson.toJson(c.group().get("publicKeyJwk")));
        assertThat(key.supports(JwsAlgorithm.EdDSA)).as("key of %s fits EdDSA", c).isTrue();
        boolean verified = JcaSignatures.verify(JwsAlgorithm.EdDSA, key.toPublicKey(), c.testHex("msg"), c.testHex("sig"));
        c.assertOutcome(c.isValid(), verified, Map.of());
    }

    @Test
    void verifyWhenSignatureWithGarbageThenRejectedByTheLengthRuleAlone() throws Exception {
        WycheproofCase c = ed25519().filter(t -> t.tcId() == 37).findFirst().orElseThrow();
        Jwk key = Jwk.parse(VectorJson.toJson(c.group().get("publicKeyJwk")));
        byte[] msg = c.testHex("msg");
        byte[] sig = c.testHex("sig");

        assertThat(c.flags()).containsExactly("SignatureWithGarbage");
        assertThat(c.comment()).isEqualTo("appending 0 byte to signature");
        assertThat(sig).hasSize(65);
        assertThat(sig[64]).isZero();
        assertThat(JcaSignatures.verify(JwsAlgorithm.EdDSA, key.toPublicKey(), msg, sig)).isFalse();
        assertThat(JcaSignatures.verify(JwsAlgorithm.EdDSA, key.toPublicKey(), msg, Arrays.copyOf(sig, 64)))
                .as("without the appended octet the signature is valid (E11)").isTrue();
    }

    @ParameterizedTest(name = "ed448 key {index}")
    @MethodSource("ed448Groups")
    void parseWhenEd448PublicKeyThenAcceptedButNotForEdDsa(JsonNode group) {
        Jwk key = Jwk.parse(VectorJson.toJson(group.get("publicKeyJwk")));
        assertThat(key.kty()).isEqualTo("OKP");
        assertThat(key.curve()).contains("Ed448");
        assertThat(key.keySize()).isEqualTo(456);
        assertThat(key.supports(JwsAlgorithm.EdDSA)).isFalse();
        assertThat(key.mismatch(JwsAlgorithm.EdDSA)).isPresent();
    }
}
