package dev.jwkadapter.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * RFC 7517 Appendix A.1: the example public key set (an EC P-256 key for encryption and an RSA key for
 * RS256), fixture {@code vectors/rfc7517-appendix-a1.json} typed from the RFC.
 */
class Rfc7517AppendixA1KeySetTest {

    private static JwkSet exampleSet() {
        return JwkSet.parse(VectorJson.toJson(VectorJson.resource("rfc7517-appendix-a1.json")));
    }

    @Test
    void parseWhenExampleSetThenBothKeysKeptAndNoneRejected() {
        JwkSet set = exampleSet();

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.rejected()).isEmpty();
        assertThat(set.keys()).extracting(Jwk::kty).containsExactly("EC", "RSA");
    }

    @Test
    void findWhenEcKeyThenP256EncryptionKeyThatVerifiesNothing() {
        Jwk ec = exampleSet().find("1").orElseThrow();

        assertThat(ec.curve()).contains("P-256");
        assertThat(ec.use()).contains("enc");
        assertThat(ec.keySize()).isEqualTo(256);
        assertThat(ec.supports(JwsAlgorithm.ES256)).isFalse();
    }

    @Test
    void findWhenRsaKeyThenRs256KeyOf2048Bits() {
        Jwk rsa = exampleSet().find("2011-04-29").orElseThrow();

        assertThat(rsa.keySize()).isEqualTo(2048);
        assertThat(rsa.jwsAlgorithm()).contains(JwsAlgorithm.RS256);
        assertThat(rsa.supports(JwsAlgorithm.RS256)).isTrue();
        assertThat(rsa.supports(JwsAlgorithm.PS256)).isFalse();
    }

    @Test
    void toJsonWhenExampleSetThenParsesBackToAnEqualSet() {
        JwkSet set = exampleSet();

        assertThat(JwkSet.parse(set.toJson())).isEqualTo(set);
    }
}
