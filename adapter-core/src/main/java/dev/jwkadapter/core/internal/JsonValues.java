package dev.jwkadapter.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Converts between Jackson trees and plain, unmodifiable Java values. */
public final class JsonValues {

    /** Largest NumericDate accepted, in seconds: {@code Instant.MAX}. */
    public static final long MAX_EPOCH_SECOND = Instant.MAX.getEpochSecond();
    /** Smallest NumericDate accepted, in seconds: {@code Instant.MIN}. */
    public static final long MIN_EPOCH_SECOND = Instant.MIN.getEpochSecond();

    private JsonValues() {}

    /**
     * A JSON value as Java: String, Boolean, Long or BigInteger (integers), BigDecimal (fractions),
     * unmodifiable List and Map (insertion order), or {@code null} for JSON null.
     */
    public static @Nullable Object toJava(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING: return node.textValue();
            case BOOLEAN: return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
                }
                return node.decimalValue();
            case ARRAY: {
                List<@Nullable Object> list = new ArrayList<>(node.size());
                for (JsonNode e : node) {
                    list.add(toJava(e));
                }
                return Collections.unmodifiableList(list);
            }
            case OBJECT: {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    map.put(e.getKey(), toJava(e.getValue()));
                }
                return Collections.unmodifiableMap(map);
            }
            default:
                return null;
        }
    }

    /**
     * A Java value as JSON: String, Boolean, any Number (integers stay integers), Instant (as a
     * NumericDate, whole seconds), Collection, array of Object, Map with String keys, or {@code null}.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static JsonNode fromJava(@Nullable Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof String) {
            return f.textNode((String) value);
        }
        if (value instanceof Boolean) {
            return f.booleanNode((Boolean) value);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return f.numberNode((BigInteger) value);
        }
        if (value instanceof BigDecimal) {
            return f.numberNode((BigDecimal) value);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no NaN or Infinity");
            }
            return f.numberNode(d);
        }
        if (value instanceof Instant) {
            return f.numberNode(((Instant) value).getEpochSecond());
        }
        if (value instanceof JsonNode) {
            return ((JsonNode) value).deepCopy();
        }
        if (value instanceof Collection) {
            ArrayNode a = f.arrayNode();
            for (Object o : (Collection<?>) value) {
                a.add(fromJava(o));
            }
            return a;
        }
        if (value instanceof Object[]) {
            ArrayNode a = f.arrayNode();
            for (Object o : (Object[]) value) {
                a.add(fromJava(o));
            }
            return a;
        }
        if (value instanceof Map) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("JSON object keys must be strings");
                }
                o.set((String) e.getKey(), fromJava(e.getValue()));
            }
            return o;
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }

    /**
     * A NumericDate (RFC 7519 §2) as an Instant: an integer or fractional JSON number within the
     * range of {@code Instant}. Returns {@code null} when the node is not such a number.
     */
    public static @Nullable Instant numericDate(JsonNode node) {
        if (!node.isNumber()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                return null;
            }
            long s = node.longValue();
            return s < MIN_EPOCH_SECOND || s > MAX_EPOCH_SECOND ? null : Instant.ofEpochSecond(s);
        }
        BigDecimal d = node.decimalValue();
        if (d.abs().compareTo(BigDecimal.valueOf(MAX_EPOCH_SECOND)) > 0) {
            return null;
        }
        if (d.signum() != 0 && d.precision() - d.scale() < -9) {
            // |d| < 1e-10, e.g. 1e-999999999: rescaling below would need a power of ten with up to a
            // billion digits (ArithmeticException or minutes of CPU). The floor to nanoseconds is exact:
            return d.signum() > 0 ? Instant.EPOCH : Instant.ofEpochSecond(-1, 999_999_999);
        }
        BigDecimal floor = d.setScale(0, java.math.RoundingMode.FLOOR);
        long seconds = floor.longValueExact();
        long nanos = d.subtract(floor).movePointRight(9).setScale(0, java.math.RoundingMode.FLOOR).longValue();
        Instant i = Instant.ofEpochSecond(seconds, nanos);
        return i.getEpochSecond() > MAX_EPOCH_SECOND ? null : i;
    }
}
