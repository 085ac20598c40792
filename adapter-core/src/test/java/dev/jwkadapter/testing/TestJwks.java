package dev.jwkadapter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JWK and JWK Set builders for tests: sets from {@link TestKey}s, documents from raw entry JSON (so
 * that bad entries reach {@link JwkSet#parse(String)} as written), member edits, and a counting
 * {@link JwksSource}.
 */
public final class TestJwks {

    private TestJwks() {}

    /** A set of the keys' public JWKs, each under its own kid. */
    public static JwkSet of(TestKey... keys) {
        List<Jwk> jwks = new ArrayList<>();
        for (TestKey k : keys) {
            jwks.add(k.jwk());
        }
        return JwkSet.of(jwks);
    }

    /** A JWK Set document {@code {"keys":[...]}} of raw entry texts, in order. */
    public static String document(String... entries) {
        return "{\"keys\":[" + String.join(",", entries) + "]}";
    }

    /** Parses a document of raw entries (bad entries are skipped and reported by the set). */
    public static JwkSet parse(String... entries) {
        return JwkSet.parse(document(entries));
    }

    /**
     * A copy of a JWK JSON text with member {@code name} set to the raw JSON {@code rawValue}, or
     * removed when {@code rawValue} is {@code null}.
     */
    public static String with(String jwkJson, String name, String rawValue) {
        ObjectNode node = Json.strict().parseObject(jwkJson);
        if (rawValue == null) {
            node.remove(name);
        } else {
            JsonNode value = Json.strict().parseObject("{\"v\":" + rawValue + "}").get("v");
            node.set(name, value);
        }
        return Json.strict().writeString(node);
    }

    /** As {@link #with(String, String, String)} with a JSON string value. */
    public static String withString(String jwkJson, String name, String value) {
        return with(jwkJson, name, TestJwts.str(value));
    }

    /** An RSA JWK text from raw integers (no checks: for keys the library must refuse). */
    public static String rsa(String kid, BigInteger n, BigInteger e) {
        return "{\"kty\":\"RSA\",\"kid\":" + TestJwts.str(kid) + ",\"n\":\"" + Base64Url.encode(unsigned(n))
                + "\",\"e\":\"" + Base64Url.encode(unsigned(e)) + "\"}";
    }

    /** An EC JWK text from raw coordinate bytes (no checks). */
    public static String ec(String kid, String crv, byte[] x, byte[] y) {
        return "{\"kty\":\"EC\",\"kid\":" + TestJwts.str(kid) + ",\"crv\":" + TestJwts.str(crv) + ",\"x\":\""
                + Base64Url.encode(x) + "\",\"y\":\"" + Base64Url.encode(y) + "\"}";
    }

    /** The minimal big-endian unsigned encoding of {@code v} (one zero octet for zero). */
    public static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }

    /** A source over a fixed set that counts calls and records the kids it was asked to refresh for. */
    public static Counting counting(JwkSet keys) {
        return new Counting(keys);
    }

    /** A {@link JwksSource} that counts {@link #get()} and refresh calls. Thread-safe. */
    public static final class Counting implements JwksSource {
        private final JwkSet keys;
        private final AtomicInteger gets = new AtomicInteger();
        private final List<String> refreshKids = Collections.synchronizedList(new ArrayList<>());

        private Counting(JwkSet keys) {
            this.keys = keys;
        }

        @Override
        public JwkSet get() {
            gets.incrementAndGet();
            return keys;
        }

        @Override
        public JwkSet refreshForUnknownKid(String kid) {
            refreshKids.add(kid);
            return keys;
        }

        /** Number of {@link #get()} calls. */
        public int gets() {
            return gets.get();
        }

        /** The kids passed to {@link #refreshForUnknownKid(String)}, in order. */
        public List<String> refreshKids() {
            synchronized (refreshKids) {
                return List.copyOf(refreshKids);
            }
        }
    }
}
