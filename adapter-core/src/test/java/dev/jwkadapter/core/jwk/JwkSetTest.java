package dev.jwkadapter.core.jwk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkadapter.testing.TestJwks;
import dev.jwkadapter.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwkSetTest {

    @Test
    void parseWhenMixedEntriesThenGoodKeysInOrderAndRejectedReported() {
        String bad = TestJwks.rsa("short", java.math.BigInteger.ONE.shiftLeft(1023).setBit(0), java.math.BigInteger.valueOf(65537));
        JwkSet set = TestJwks.parse(TestKeys.p256().jwkJson(), "{\"kty\":\"oct\",\"kid\":\"sym\",\"k\":\"AAAA\"}",
                TestKeys.rsa2048().jwkJson(), bad, "{\"kty\":\"NEW\"}", TestKeys.ed25519().jwkJson());
        assertThat(set.keys()).extracting(k -> k.kid().orElse("")).containsExactly("p-256", "rsa-2048", "ed25519");
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.isEmpty()).isFalse();
        assertThat(set.rejected()).extracting(JwkSet.Rejected::index).containsExactly(1, 3, 4);
        assertThat(set.rejected()).extracting(JwkSet.Rejected::kid).containsExactly("sym", "short", null);
        assertThat(set.rejected()).extracting(JwkSet.Rejected::reason).containsExactly(JwkException.Reason.PRIVATE_KEY_MATERIAL,
                JwkException.Reason.INVALID_KEY, JwkException.Reason.UNSUPPORTED_KEY_TYPE);
        assertThat(set.findRejected("short")).isPresent();
        assertThat(set.findRejected("p-256")).isEmpty();
        assertThat(set.toString()).isEqualTo("JwkSet[keys=3, rejected=3]");
    }

    @Test
    void findWhenKidUniqueAmbiguousOrAbsentThenExactLookup() {
        JwkSet set = JwkSet.of(TestKeys.rsa2048().jwk("dup"), TestKeys.rsa2048Other().jwk("dup"), TestKeys.p256().jwk("one"),
                TestKeys.p384().jwk(null));
        assertThat(set.find("one")).contains(TestKeys.p256().jwk("one"));
        assertThat(set.find("dup")).isEmpty();
        assertThat(set.findAll("dup")).hasSize(2);
        assertThat(set.find("ONE")).isEmpty();
        assertThat(set.find("one ")).isEmpty();
        assertThat(set.findAll("missing")).isEmpty();
    }

    @Test
    void toJsonWhenWrittenAndParsedAgainThenEqualSetWithPublicMembersOnly() {
        JwkSet set = TestJwks.of(TestKeys.rsa2048(), TestKeys.p521(), TestKeys.ed25519());
        JwkSet again = JwkSet.parse(set.toJson());
        assertThat(again).isEqualTo(set).hasSameHashCodeAs(set);
        assertThat(JwkSet.parse(set.toPrettyJson())).isEqualTo(set);
        assertThat(set.toJson()).startsWith("{\"keys\":[").doesNotContain("\"d\"");
        assertThat(JwkSet.parse(set.toJson().getBytes(StandardCharsets.UTF_8))).isEqualTo(set);
    }

    @Test
    void factoriesWhenEmptyOrListThenImmutableSets() {
        assertThat(JwkSet.empty().isEmpty()).isTrue();
        assertThat(JwkSet.of(List.of())).isSameAs(JwkSet.empty());
        JwkSet set = JwkSet.of(TestKeys.p256().jwk());
        assertThatThrownBy(() -> set.keys().add(TestKeys.p384().jwk())).isInstanceOf(UnsupportedOperationException.class);
        assertThatNullPointerException().isThrownBy(() -> JwkSet.of((List<Jwk>) null));
        assertThat(JwkSet.parse("{\"keys\":[]}").isEmpty()).isTrue();
    }

    @Test
    void parseWhenDocumentIsNotAKeySetThenMalformed() {
        for (String bad : List.of("{}", "{\"keys\":{}}", "{\"keys\":[1]}", "[]", "{\"keys\":[]} x")) {
            assertThatExceptionOfType(JwkException.class).isThrownBy(() -> JwkSet.parse(bad))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.MALFORMED));
        }
        byte[] latin1 = "{\"keys\":[],\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatExceptionOfType(JwkException.class).isThrownBy(() -> JwkSet.parse(latin1))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(JwkException.Reason.MALFORMED));
    }

    @Test
    void rejectedWhenReasonOrMessageMissingThenNullPointer() {
        assertThatNullPointerException().isThrownBy(() -> new JwkSet.Rejected(0, null, null, "m"));
        assertThatNullPointerException().isThrownBy(() -> new JwkSet.Rejected(0, null, JwkException.Reason.MALFORMED, null));
    }
}
