package dev.jwkadapter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonValuesTest {

    private static JsonNode value(String json) {
        return Json.strict().parseObject("{\"v\":" + json + "}").get("v");
    }

    @Test
    void toJavaWhenEveryJsonTypeThenPlainUnmodifiableValues() {
        Object v = JsonValues.toJava(value("{\"s\":\"x\",\"b\":true,\"l\":5,\"big\":99999999999999999999,\"d\":1.5,"
                + "\"a\":[1,null],\"n\":null}"));
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("s", "b", "l", "big", "d", "a", "n"));
        assertThat(m.get("s")).isEqualTo("x");
        assertThat(m.get("b")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("l")).isEqualTo(5L);
        assertThat(m.get("big")).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(m.get("d")).isEqualTo(new BigDecimal("1.5"));
        assertThat(((List<?>) m.get("a")).get(0)).isEqualTo(1L);
        assertThat(((List<?>) m.get("a")).get(1)).isNull();
        assertThat(m.get("n")).isNull();
        assertThatThrownBy(() -> ((Map<?, ?>) v).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) m.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fromJavaWhenSupportedTypesThenJsonOfTheSameShape() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "x");
        m.put("i", 7);
        m.put("l", 8L);
        m.put("big", BigInteger.TEN.pow(30));
        m.put("dec", new BigDecimal("2.50"));
        m.put("dbl", 0.25);
        m.put("when", Instant.ofEpochSecond(1_700_000_000L, 999_000_000));
        m.put("list", List.of(1, "a"));
        m.put("arr", new Object[] {true, null});
        m.put("nul", null);
        String json = Json.strict().writeString(JsonValues.fromJava(m));
        assertThat(json).isEqualTo("{\"s\":\"x\",\"i\":7,\"l\":8,\"big\":1000000000000000000000000000000,\"dec\":2.50,"
                + "\"dbl\":0.25,\"when\":1700000000,\"list\":[1,\"a\"],\"arr\":[true,null],\"nul\":null}");
    }

    @Test
    void fromJavaWhenUnsupportedValueThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.fromJava(Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.fromJava(Float.POSITIVE_INFINITY));
        assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.fromJava(new Object()));
        assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.fromJava(Map.of(1, "x")));
    }

    @ParameterizedTest
    @CsvSource({
        "1700000000, 1700000000, 0",
        "1700000000.5, 1700000000, 500000000",
        "-1.5, -2, 500000000",
        "0.000000001, 0, 1",
        "1e-10, 0, 0",
        "-1e-10, -1, 999999999",
        "1e-999999999, 0, 0",
        "-1e-999999999, -1, 999999999",
        "-0.0, 0, 0",
        "1E+9, 1000000000, 0",
        "31556889864403199, 31556889864403199, 0",
        "-31557014167219200, -31557014167219200, 0",
    })
    void numericDateWhenNumberInRangeThenExactInstantFlooredToNanoseconds(String json, long seconds, int nanos) {
        Instant i = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> JsonValues.numericDate(value(json)));
        assertThat(i).isEqualTo(Instant.ofEpochSecond(seconds, nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31556889864403200", "-31557014167219201", "9223372036854775808", "1e400", "1e999999999", "-1e999999999",
            "31556889864403199.5", "\"1700000000\"", "true", "null", "[]", "{}"})
    void numericDateWhenOutOfRangeOrNotANumberThenNull(String json) {
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> JsonValues.numericDate(value(json)))).isNull();
    }

    @Test
    void rangeConstantsWhenComparedThenInstantLimits() {
        assertThat(JsonValues.MAX_EPOCH_SECOND).isEqualTo(Instant.MAX.getEpochSecond());
        assertThat(JsonValues.MIN_EPOCH_SECOND).isEqualTo(Instant.MIN.getEpochSecond());
    }
}
