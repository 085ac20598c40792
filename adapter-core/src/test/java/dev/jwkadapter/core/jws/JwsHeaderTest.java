package dev.jwkadapter.core.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.jwkadapter.core.jws.JwsHeaderException.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JwsHeaderTest {

    @Test
    void parseWhenTypicalHeaderThenAccessors() {
        JwsHeader h = JwsHeader.parse("{\"alg\":\"ES256\",\"kid\":\"k1\",\"typ\":\"at+jwt\",\"cty\":\"json\",\"x5t\":\"AA\","
                + "\"custom\":{\"a\":[1,2]}}");
        assertThat(h.algorithm()).isEqualTo(JwsAlgorithm.ES256);
        assertThat(h.keyId()).contains("k1");
        assertThat(h.type()).contains("at+jwt");
        assertThat(h.contentType()).contains("json");
        assertThat(h.critical()).isEmpty();
        assertThat(h.parameterNames()).containsExactlyInAnyOrder("alg", "kid", "typ", "cty", "x5t", "custom");
        assertThat(h.parameter("custom")).contains(Map.of("a", List.of(1L, 2L)));
        assertThat(h.parameter("missing")).isEmpty();
        assertThat(h.toString()).isEqualTo("JwsHeader[alg=ES256, kid present, typ=at+jwt]").doesNotContain("k1");
    }

    @Test
    void parseWhenMinimalThenOptionalsEmpty() {
        JwsHeader h = JwsHeader.parse("{\"alg\":\"EdDSA\"}");
        assertThat(h.keyId()).isEmpty();
        assertThat(h.type()).isEmpty();
        assertThat(h.contentType()).isEmpty();
        assertThat(h.toJson()).isEqualTo("{\"alg\":\"EdDSA\"}");
    }

    @Test
    void builderWhenAlgKidTypThenExactJsonThatParsesBack() {
        JwsHeader h = JwsHeader.builder(JwsAlgorithm.PS384).keyId("key-7").type("JWT").build();
        assertThat(h.toJson()).isEqualTo("{\"alg\":\"PS384\",\"kid\":\"key-7\",\"typ\":\"JWT\"}");
        assertThat(JwsHeader.parse(h.toJson())).isEqualTo(h).hasSameHashCodeAs(h);
        assertThat(JwsHeader.builder(JwsAlgorithm.RS256).contentType("x").build().contentType()).contains("x");
        assertThatNullPointerException().isThrownBy(() -> JwsHeader.builder(null));
        assertThatNullPointerException().isThrownBy(() -> JwsHeader.builder(JwsAlgorithm.RS256).keyId(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"alg\":\"none\"}|UNSUPPORTED_ALGORITHM",
        "{\"alg\":\"HS256\"}|UNSUPPORTED_ALGORITHM",
        "{\"kid\":\"k\"}|MALFORMED",
        "{\"alg\":1}|MALFORMED",
        "{\"alg\":\"RS256\",\"alg\":\"RS256\"}|MALFORMED",
        "{\"alg\":\"RS256\",\"kid\":1}|MALFORMED",
        "{\"alg\":\"RS256\",\"x5c\":\"a\"}|MALFORMED",
        "{\"alg\":\"RS256\",\"jwk\":{\"kty\":\"RSA\",\"d\":\"AA\"}}|MALFORMED",
        "{\"alg\":\"RS256\",\"zip\":\"DEF\"}|MALFORMED",
        "{\"alg\":\"RS256\",\"b64\":false}|MALFORMED",
        "{\"alg\":\"RS256\",\"crit\":[]}|MALFORMED",
        "{\"alg\":\"RS256\",\"crit\":[\"kid\"],\"kid\":\"k\"}|MALFORMED",
        "{\"alg\":\"RS256\",\"crit\":[\"x\"]}|MALFORMED",
        "{\"alg\":\"RS256\",\"crit\":[\"x\"],\"x\":1}|UNSUPPORTED_CRITICAL_HEADER",
        "{\"alg\":\"RS256\",\"crit\":[\"b64\"],\"b64\":false}|UNSUPPORTED_CRITICAL_HEADER",
        "[]|MALFORMED",
        "{\"alg\":\"RS256\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}|LIMIT_EXCEEDED",
    })
    void parseWhenHeaderNotAcceptableThenStableReason(String json, Reason expected) {
        assertThatExceptionOfType(JwsHeaderException.class).isThrownBy(() -> JwsHeader.parse(json))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(expected));
    }

    @Test
    void parseWhenLongerThanTheLimitThenLimitExceededBeforeParsing() {
        String atLimit = "{\"alg\":\"RS256\",\"p\":\"" + "x".repeat(JwsHeader.MAX_HEADER_LENGTH - 22) + "\"}";
        assertThat(atLimit.length()).isEqualTo(JwsHeader.MAX_HEADER_LENGTH);
        assertThat(JwsHeader.parse(atLimit).algorithm()).isEqualTo(JwsAlgorithm.RS256);
        String over = "{" + " ".repeat(JwsHeader.MAX_HEADER_LENGTH) + "}";
        assertThatExceptionOfType(JwsHeaderException.class).isThrownBy(() -> JwsHeader.parse(over))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
    }
}
