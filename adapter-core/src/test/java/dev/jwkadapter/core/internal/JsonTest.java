package dev.jwkadapter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    private static final Json JSON = Json.strict();

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"o\":{\"b\":1,\"b\":1}}", "{\"l\":[{\"c\":1,\"c\":2}]}",
            "{\"a\":null,\"a\":null}"})
    void parseObjectWhenDuplicateMemberAtAnyDepthThenRejected(String json) {
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(json))
                .withMessageContaining("duplicate")
                .satisfies(e -> assertThat(e.limitExceeded()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}{\"b\":2}", "{\"a\":1} x", "{\"a\":1},", "{\"a\":1}]", "{\"a\":1} null", "{} {}", "{}1"})
    void parseObjectWhenContentFollowsTheRootThenRejected(String json) {
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[]", "\"s\"", "1", "1.5", "null", "true", "false", "", " "})
    void parseObjectWhenRootIsNotAnObjectThenRejected(String json) {
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(json));
    }

    @Test
    void parseObjectWhenByteOrderMarkThenRejectedAsTextAndAsBytes() {
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject("\ufeff{}"))
                .withMessageContaining("byte order mark");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(bom));
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> Json.strictUtf8(bom));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE"})
    void parseObjectWhenBytesAreUtf16Or32ThenRejected(String charset) {
        byte[] bytes = "{\"a\":\"b\"}".getBytes(Charset.forName(charset));
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(bytes));
    }

    @Test
    void strictUtf8WhenMalformedOverlongSurrogateOrInvalidBytesThenRejected() {
        byte[][] bad = {
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        };
        for (byte[] b : bad) {
            assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> Json.strictUtf8(b))
                    .withMessage("not valid UTF-8");
        }
        assertThat(Json.strictUtf8("h\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8))).isEqualTo("h\u00e9 \ud83d\ude00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'a':1}", "{a:1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1,}", "{\"a\":[1,]}",
            "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":0x1}", "/*c*/{}", "{}//c", "{}#c", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}",
            "{\"a\":'b'}", "{\"a\":undefined}", "{\"a\" 1}", "{\"a\":1 \"b\":2}"})
    void parseObjectWhenJsonIsNonStandardThenRejected(String json) {
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(json))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    /** SECURITY-CASES C9: pins that no ALLOW_* parser feature is enabled, and the strictness features that are. */
    @Test
    void mapperEnablesNoAllowFeatureAndEnablesTheStrictOnes() {
        int checked = 0;
        for (JsonParser.Feature f : JsonParser.Feature.values()) {
            if (f.name().startsWith("ALLOW_")) {
                assertThat(JSON.isEnabled(f)).as(f.name()).isFalse();
                assertThat(JSON.mapper().getFactory().isEnabled(f)).as(f.name()).isFalse();
                checked++;
            }
        }
        for (JsonReadFeature f : JsonReadFeature.values()) {
            if (f.name().startsWith("ALLOW_") && f.mappedFeature() != null) {
                assertThat(JSON.isEnabled(f.mappedFeature())).as(f.name()).isFalse();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
        // duplicates are refused by the tree deserializer at every depth, from text and from bytes
        assertThat(JSON.mapper().isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)).isTrue();
        String nestedDuplicate = "{\"a\":[{\"b\":{\"c\":1,\"c\":2}}]}";
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(nestedDuplicate));
        assertThatExceptionOfType(Json.JsonFormatException.class)
                .isThrownBy(() -> JSON.parseObject(nestedDuplicate.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(JSON.mapper().isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)).isTrue();
        assertThat(JSON.mapper().isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)).isTrue();
        assertThat(JSON.mapper().isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)).isTrue();
    }

    @Test
    void parseObjectWhenNestedBeyondTheLimitThenLimitExceeded() {
        assertThat(Json.DEFAULT_MAX_DEPTH).isEqualTo(64);
        assertThat(JSON.maxDepth()).isEqualTo(64);
        assertThat(JSON.parseObject(nested(64)).get("a")).isNotNull();
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject(nested(65)))
                .satisfies(e -> assertThat(e.limitExceeded()).isTrue());
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject("{\"a\":" + "[".repeat(100_000)))
                .satisfies(e -> assertThat(e.limitExceeded()).isTrue());
        Json shallow = Json.strict(3);
        assertThat(shallow.parseObject(nested(3))).isNotNull();
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> shallow.parseObject(nested(4)));
    }

    /** {@code {"a":[[…]]}} with {@code depth} levels counting the root object. */
    private static String nested(int depth) {
        return "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @Test
    void strictWhenDepthGivenThenValidatedAndDefaultShared() {
        assertThat(Json.strict(64)).isSameAs(Json.strict());
        assertThat(Json.strict(10).maxDepth()).isEqualTo(10);
        assertThatIllegalArgumentException().isThrownBy(() -> Json.strict(0));
    }

    @Test
    void parseObjectWhenNumberLongerThan1000DigitsThenLimitExceeded() {
        assertThat(Json.MAX_NUMBER_LENGTH).isEqualTo(1000);
        JsonNode ok = JSON.parseObject("{\"n\":" + "9".repeat(1000) + "}").get("n");
        assertThat(ok.bigIntegerValue()).isEqualTo(BigInteger.TEN.pow(1000).subtract(BigInteger.ONE));
        assertThatExceptionOfType(Json.JsonFormatException.class).isThrownBy(() -> JSON.parseObject("{\"n\":" + "9".repeat(1001) + "}"))
                .satisfies(e -> assertThat(e.limitExceeded()).isTrue());
    }

    @Test
    void parseObjectWhenHugeExponentThenBigDecimalNeverInfinity() {
        JsonNode n = JSON.parseObject("{\"a\":1e400,\"b\":-1e999999999,\"c\":0.1}").get("a");
        assertThat(n.isBigDecimal()).isTrue();
        assertThat(n.decimalValue()).isEqualTo(new BigDecimal("1e400"));
        assertThat(JSON.parseObject("{\"c\":0.1}").get("c").decimalValue()).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void writeWhenLoneSurrogateThenEscapedAndRoundTripsVerbatim() {
        ObjectNode node = Json.object().put("s", "a\ud800b").put("t", "\udc00").put("e", "\u00e9");
        String text = JSON.writeString(node);
        assertThat(text).isEqualTo("{\"s\":\"a\\uD800b\",\"t\":\"\\uDC00\",\"e\":\"\u00e9\"}");
        assertThat(JSON.parseObject(text)).isEqualTo(node);
        assertThat(JSON.parseObject(JSON.writePretty(node))).isEqualTo(node);
        assertThat(new String(JSON.write(node), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void writeWhenObjectThenCompactUtf8WithoutBom() {
        ObjectNode node = Json.object().put("a", 1).put("b", "\u00e9");
        byte[] bytes = JSON.write(node);
        assertThat(bytes[0]).isEqualTo((byte) '{');
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1,\"b\":\"\u00e9\"}");
        assertThat(JSON.writePretty(node)).contains("\n").contains("\"a\" : 1");
        assertThat(Json.nodes().arrayNode().isArray()).isTrue();
    }

    @Test
    void parseObjectWhenValidThenTreeWithInsertionOrder() {
        ObjectNode node = JSON.parseObject("{\"z\":1,\"a\":[true,null,\"x\"],\"m\":{\"k\":2.5}}");
        assertThat(node.fieldNames()).toIterable().containsExactly("z", "a", "m");
        assertThat(node.get("m").get("k").decimalValue()).isEqualByComparingTo("2.5");
    }
}
