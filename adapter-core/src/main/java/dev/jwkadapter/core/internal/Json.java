package dev.jwkadapter.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON for JOSE objects: one configured Jackson mapper per nesting limit.
 *
 * <p>Adds what Jackson's defaults omit (SECURITY-CASES §L): strict UTF-8 (no BOM, no replacement of
 * invalid, overlong or surrogate sequences), duplicate member names rejected, trailing content
 * rejected, object roots only, a nesting limit, and floats as {@code BigDecimal} so that {@code 1e400}
 * never becomes {@code Infinity}. No {@code ALLOW_*} feature is ever enabled. Thread-safe.
 */
public final class Json {

    /** Default nesting limit for headers, claims and key sets (DESIGN.md). */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** Longest number literal accepted (Jackson's default, pinned). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final Json DEFAULT = new Json(DEFAULT_MAX_DEPTH);

    private final ObjectMapper mapper;
    private final int maxDepth;

    private Json(int maxDepth) {
        this.maxDepth = maxDepth;
        // Duplicate members are refused by the tree deserializer (FAIL_ON_READING_DUP_TREE_KEY) for every
        // object at every depth; every parse here builds a tree, so the parser-level check would only repeat it.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(Math.max(maxDepth, 1) + 1)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .nodeFactory(PresizedNodes.INSTANCE)
                .build();
    }

    /** Objects start with room for a typical JWT claims set, so parsing does not rehash. */
    private static final class PresizedNodes extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;
        static final PresizedNodes INSTANCE = new PresizedNodes();

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new java.util.LinkedHashMap<>(32));
        }
    }

    /** The instance with the default nesting limit. */
    public static Json strict() {
        return DEFAULT;
    }

    /** An instance with the given nesting limit (at least 1). */
    public static Json strict(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
        return maxDepth == DEFAULT_MAX_DEPTH ? DEFAULT : new Json(maxDepth);
    }

    /** The nesting limit of this instance. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Thrown when input is not acceptable JSON for a JOSE object; the message never echoes the input. */
    public static final class JsonFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final boolean limitExceeded;

        JsonFormatException(String message, boolean limitExceeded) {
            super(message);
            this.limitExceeded = limitExceeded;
        }

        /** True when a resource limit (nesting, number length) was hit rather than a syntax error. */
        public boolean limitExceeded() {
            return limitExceeded;
        }
    }

    /** Decodes bytes as strict UTF-8 (no BOM, no malformed or unmappable sequences). */
    public static String strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new JsonFormatException("not valid UTF-8", false);
        }
        if (chars.length() > 0 && chars.charAt(0) == '\uFEFF') {
            throw new JsonFormatException("a byte order mark is not allowed", false);
        }
        return chars.toString();
    }

    /**
     * Parses strict UTF-8 bytes whose root must be a JSON object. The bytes are checked first (no BOM,
     * no overlong forms, no surrogates, nothing above U+10FFFF, no NUL), so Jackson's own encoding
     * detection can only ever see UTF-8.
     */
    public ObjectNode parseObject(byte[] utf8) {
        checkStrictUtf8(utf8);
        JsonNode node;
        try {
            node = mapper.readTree(utf8);
        } catch (StackOverflowError e) {
            throw new JsonFormatException("JSON nested too deeply", true);
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (java.io.IOException e) {
            throw new JsonFormatException("invalid JSON", false);
        }
        if (node == null || !node.isObject()) {
            throw new JsonFormatException("the JSON root must be an object", false);
        }
        return (ObjectNode) node;
    }

    /**
     * Checks that bytes are strict UTF-8 (RFC 3629) without a byte order mark and without NUL (which
     * JSON never allows unescaped).
     *
     * @throws JsonFormatException if not
     */
    public static void checkStrictUtf8(byte[] b) {
        int n = b.length;
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            throw new JsonFormatException("a byte order mark is not allowed", false);
        }
        int i = 0;
        while (i < n) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) {
                throw new JsonFormatException("a NUL byte is not allowed in JSON", false);
            }
            c &= 0xff;
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                throw new JsonFormatException("not valid UTF-8", false);
            }
            if (i + need >= n) {
                throw new JsonFormatException("not valid UTF-8 (truncated sequence)", false);
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xC0) != 0x80) {
                    throw new JsonFormatException("not valid UTF-8", false);
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw new JsonFormatException("not valid UTF-8 (overlong, surrogate or out of range)", false);
            }
            i += need + 1;
        }
    }

    /** Parses text whose root must be a JSON object. */
    public ObjectNode parseObject(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new JsonFormatException("a byte order mark is not allowed", false);
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (StackOverflowError e) {
            throw new JsonFormatException("JSON nested too deeply", true);
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
        if (node == null || !node.isObject()) {
            throw new JsonFormatException("the JSON root must be an object", false);
        }
        return (ObjectNode) node;
    }

    private JsonFormatException translate(JsonProcessingException e) {
        String msg = String.valueOf(e.getOriginalMessage());
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            if (msg.contains("depth")) {
                return new JsonFormatException("JSON nested deeper than " + maxDepth + " levels", true);
            }
            return new JsonFormatException("JSON exceeds a parser limit (number or string length)", true);
        }
        if (msg.startsWith("Duplicate field") || msg.contains("Duplicate field")) {
            return new JsonFormatException("duplicate JSON member name", false);
        }
        if (msg.contains("Trailing token")) {
            return new JsonFormatException("content after the JSON value", false);
        }
        return new JsonFormatException("invalid JSON: " + firstLine(msg), false);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // Jackson quotes the offending token; keep the message short and never echo long input.
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** Serializes compactly as UTF-8 (no BOM). */
    public byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new JsonFormatException("cannot serialize JSON: " + firstLine(String.valueOf(e.getOriginalMessage())), false);
        }
    }

    /** Serializes compactly as a string. */
    public String writeString(JsonNode node) {
        try {
            // via UTF-8 bytes: the String writer turns a lone surrogate into '?', the byte writer escapes it
            return new String(mapper.writeValueAsBytes(node), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new JsonFormatException("cannot serialize JSON: " + firstLine(String.valueOf(e.getOriginalMessage())), false);
        }
    }

    /** Serializes with indentation, for people. */
    public String writePretty(JsonNode node) {
        try {
            return new String(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(node), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new JsonFormatException("cannot serialize JSON: " + firstLine(String.valueOf(e.getOriginalMessage())), false);
        }
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The node factory used for building documents. */
    public static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    /** The underlying mapper, for converting Java values to trees. Do not reconfigure it. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Whether a parser feature we rely on is active (for tests pinning the configuration). */
    public boolean isEnabled(JsonParser.Feature feature) {
        return mapper.getFactory().isEnabled(feature);
    }
}
