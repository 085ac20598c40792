package dev.jwkadapter.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads the vector files: our own RFC fixtures from the test classpath ({@code /vectors/…}) and the
 * Wycheproof files from {@code ${jwkadapter.shared.dir}/vectors/wycheproof/}. Plain Jackson (not the
 * library's strict parser), so that the data is read independently of the code under test.
 */
final class VectorJson {

    /** The system property surefire sets to the shared directory (absent in a user's clone). */
    static final String SHARED_DIR_PROPERTY = "jwkadapter.shared.dir";

    /** Members that make a JWK private (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
    static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonNode> CACHE = new HashMap<>();

    private VectorJson() {}

    /** A JSON resource of our own, under {@code src/test/resources/vectors/}. */
    static JsonNode resource(String name) {
        String path = "/vectors/" + name;
        try (InputStream in = VectorJson.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * A Wycheproof vector file, parsed once per JVM. Aborts the calling test (skipped, not failed) when
     * the shared directory is not configured or does not hold the file.
     */
    static synchronized JsonNode wycheproof(String file) {
        JsonNode cached = CACHE.get(file);
        if (cached != null) {
            return cached;
        }
        String dir = System.getProperty(SHARED_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            Assumptions.abort("Wycheproof vectors not available: system property " + SHARED_DIR_PROPERTY
                    + " is not set (it points at the shared directory outside the repository)");
        }
        Path path = Path.of(dir, "vectors", "wycheproof", file);
        if (!Files.isRegularFile(path)) {
            Assumptions.abort("Wycheproof vectors not available: " + path + " does not exist");
        }
        try {
            JsonNode root = MAPPER.readTree(path.toFile());
            CACHE.put(file, root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Every (group, test) pair of a Wycheproof file, in file order. */
    static List<WycheproofCase> cases(String file, String tag) {
        JsonNode root = wycheproof(file);
        List<WycheproofCase> out = new ArrayList<>();
        int g = 0;
        for (JsonNode group : root.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                out.add(new WycheproofCase(file, tag, g, group, test));
            }
            g++;
        }
        return out;
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** A Wycheproof {@code BigInt}: hex, big-endian, two's complement (the values used here are positive). */
    static BigInteger bigInt(String hex) {
        return new BigInteger(hex, 16);
    }

    static byte[] b64u(String s) {
        return Base64Url.decode(s);
    }

    static BigInteger b64uInt(String s) {
        return new BigInteger(1, Base64Url.decode(s));
    }

    static String b64u(byte[] b) {
        return Base64Url.encode(b);
    }

    /** Minimal unsigned big-endian octets of a positive integer (as a JWK writes {@code n} and {@code e}). */
    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }

    /** A copy of a JWK object without its private members. */
    static ObjectNode publicOnly(JsonNode jwk) {
        ObjectNode copy = ((ObjectNode) jwk).deepCopy();
        copy.remove(PRIVATE_MEMBERS);
        return copy;
    }

    /** An RSA public JWK built from raw integers. */
    static String rsaJwk(BigInteger n, BigInteger e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kty", "RSA");
        o.put("n", b64u(unsigned(n)));
        o.put("e", b64u(unsigned(e)));
        return toJson(o);
    }

    /** An EC public JWK built from raw coordinates, written at the curve's full length. */
    static String ecJwk(EcCurve curve, BigInteger x, BigInteger y) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kty", "EC");
        o.put("crv", curve.jwkName());
        o.put("x", b64u(EcCurve.toFixed(x, curve.coordinateLength())));
        o.put("y", b64u(EcCurve.toFixed(y, curve.coordinateLength())));
        return toJson(o);
    }

    /** The JWK Set document for a {@code private}/{@code public} member (a JWK or a JWK Set), public members only. */
    static String publicKeySet(JsonNode keyOrSet, Map<String, String> algRenames) {
        ArrayNode keys = MAPPER.createArrayNode();
        if (keyOrSet.has("keys")) {
            for (JsonNode k : keyOrSet.get("keys")) {
                keys.add(renameAlg(publicOnly(k), algRenames));
            }
        } else {
            keys.add(renameAlg(publicOnly(keyOrSet), algRenames));
        }
        ObjectNode set = MAPPER.createObjectNode();
        set.set("keys", keys);
        return toJson(set);
    }

    private static ObjectNode renameAlg(ObjectNode jwk, Map<String, String> renames) {
        JsonNode alg = jwk.get("alg");
        if (alg != null && alg.isTextual() && renames.containsKey(alg.textValue())) {
            jwk.put("alg", renames.get(alg.textValue()));
        }
        return jwk;
    }
}
