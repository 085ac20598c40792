package dev.jwkadapter.core.jwk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.jwk.JwkException.Reason;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A public JSON Web Key (RFC 7517): RSA, EC (P-256, P-384, P-521, secp256k1) or OKP (Ed25519,
 * Ed448), checked when it is created.
 *
 * <p>The checks the JDK omits are made here: RSA moduli of 2048–8192 bits, odd, with an odd public
 * exponent 65537 ≤ e &lt; min(n, 2<sup>256</sup>); EC points on their curve with coordinates of exactly the
 * curve's length; OKP keys of exactly 32 (Ed25519) or 57 (Ed448) octets; strict base64url members;
 * {@code use}/{@code key_ops} consistent; a JWS {@code alg} that fits the key; an {@code x5c}
 * certificate that holds this very key. A JWK carrying private members ({@code d}, {@code p},
 * {@code k} …) is refused, so a {@code Jwk} can never hold, print or publish private material.
 *
 * <p>Other public members ({@code x5c}, {@code x5t}, Azure AD's {@code issuer} …) are kept and
 * written back by {@link #toJson()}. Instances are immutable and thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-6">RFC 7518 §6</a>
 */
public final class Jwk {

    /** Smallest RSA modulus accepted, in bits (RFC 8725 §3.5). */
    public static final int MIN_RSA_BITS = 2048;
    /** Largest RSA modulus accepted, in bits (bounds the cost of one verification). */
    public static final int MAX_RSA_BITS = 8192;

    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv");
    private static final Set<String> KNOWN_OPS =
            Set.of("sign", "verify", "encrypt", "decrypt", "wrapKey", "unwrapKey", "deriveKey", "deriveBits");
    private static final Set<String> SIG_OPS = Set.of("sign", "verify");
    private static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final BigInteger ED25519_P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger ED448_P =
            BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE.shiftLeft(224)).subtract(BigInteger.ONE);

    private final String kty;
    private final @Nullable String crv;
    private final @Nullable String kid;
    private final @Nullable String alg;
    private final @Nullable String use;
    private final @Nullable List<String> keyOps;
    private final @Nullable PublicKey publicKey;
    private final int keySize;
    /** Every public member, as written by {@link #toJson()}; never exposed. */
    private final ObjectNode members;
    private volatile @Nullable String thumbprint;

    private Jwk(String kty, @Nullable String crv, @Nullable String kid, @Nullable String alg, @Nullable String use,
            @Nullable List<String> keyOps, @Nullable PublicKey publicKey, int keySize, ObjectNode members) {
        this.kty = kty;
        this.crv = crv;
        this.kid = kid;
        this.alg = alg;
        this.use = use;
        this.keyOps = keyOps;
        this.publicKey = publicKey;
        this.keySize = keySize;
        this.members = members;
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Parses and checks one public JWK.
     *
     * @throws JwkException with the reason the key cannot be used
     */
    public static Jwk parse(String json) {
        Objects.requireNonNull(json, "json");
        ObjectNode node;
        try {
            node = Json.strict().parseObject(json);
        } catch (Json.JsonFormatException e) {
            throw new JwkException(Reason.MALFORMED, "JWK is not a JSON object: " + e.getMessage());
        }
        return fromJson(node);
    }

    /** Parses a JWK from an already parsed JSON object (used by {@link JwkSet}). */
    static Jwk fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new JwkException(Reason.MALFORMED, "a JWK must be a JSON object");
        }
        ObjectNode obj = (ObjectNode) node;
        for (Iterator<String> it = obj.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (PRIVATE_MEMBERS.contains(name)) {
                throw new JwkException(Reason.PRIVATE_KEY_MATERIAL,
                        "JWK contains the private member '" + name + "'; only public keys are accepted here");
            }
        }
        String kty = requiredString(obj, "kty");
        String kid = optionalString(obj, "kid");
        String alg = optionalString(obj, "alg");
        String use = optionalString(obj, "use");
        List<String> keyOps = keyOps(obj);
        checkUseAndOps(use, keyOps);

        PublicKey key;
        String crv = null;
        int size;
        switch (kty) {
            case "RSA": {
                rejectMembers(obj, "RSA", "crv", "x", "y");
                BigInteger n = positive(obj, "n");
                BigInteger e = positive(obj, "e");
                checkRsa(n, e);
                key = rsaKey(n, e);
                size = n.bitLength();
                break;
            }
            case "EC": {
                rejectMembers(obj, "EC", "n", "e");
                crv = requiredString(obj, "crv");
                EcCurve curve = EcCurve.forJwkName(crv).orElseThrow(() -> new JwkException(
                        Reason.UNSUPPORTED_CURVE, "EC curve is not supported for signatures (P-256, P-384, P-521, secp256k1)"));
                byte[] x = fixedLength(obj, "x", curve.coordinateLength());
                byte[] y = fixedLength(obj, "y", curve.coordinateLength());
                BigInteger bx = new BigInteger(1, x);
                BigInteger by = new BigInteger(1, y);
                if (!curve.isOnCurve(bx, by)) {
                    throw new JwkException(Reason.INVALID_KEY, "EC point (x, y) is not on curve " + crv);
                }
                key = curve == EcCurve.SECP256K1 ? tryEcKey(curve, bx, by) : ecKey(curve, bx, by);
                size = curve.p().bitLength();
                break;
            }
            case "OKP": {
                rejectMembers(obj, "OKP", "n", "e", "y");
                crv = requiredString(obj, "crv");
                int len;
                BigInteger prime;
                if ("Ed25519".equals(crv)) {
                    len = 32;
                    prime = ED25519_P;
                } else if ("Ed448".equals(crv)) {
                    len = 57;
                    prime = ED448_P;
                } else {
                    throw new JwkException(Reason.UNSUPPORTED_CURVE,
                            "OKP curve is not supported for signatures (Ed25519, Ed448)");
                }
                byte[] x = fixedLength(obj, "x", len);
                key = edKey(crv, x, prime);
                size = "Ed25519".equals(crv) ? 256 : 456;
                break;
            }
            default:
                throw new JwkException(Reason.UNSUPPORTED_KEY_TYPE,
                        "key type is not supported for signatures (RSA, EC, OKP)");
        }
        if (alg != null) {
            checkAlgorithmFits(alg, kty, crv);
        }
        checkCertificates(obj, key);
        return new Jwk(kty, crv, kid, alg, use, keyOps, key, size, obj.deepCopy());
    }

    private static void rejectMembers(ObjectNode obj, String kty, String... names) {
        for (String n : names) {
            if (obj.has(n)) {
                throw new JwkException(Reason.INVALID_KEY, kty + " key must not have the member '" + n + "'");
            }
        }
    }

    private static String requiredString(ObjectNode obj, String name) {
        String v = optionalString(obj, name);
        if (v == null) {
            throw new JwkException(Reason.INVALID_KEY, "JWK member '" + name + "' is missing");
        }
        return v;
    }

    private static @Nullable String optionalString(ObjectNode obj, String name) {
        JsonNode v = obj.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new JwkException(Reason.INVALID_KEY, "JWK member '" + name + "' must be a string");
        }
        return v.textValue();
    }

    private static @Nullable List<String> keyOps(ObjectNode obj) {
        JsonNode v = obj.get("key_ops");
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw new JwkException(Reason.INVALID_KEY, "JWK member 'key_ops' must be an array of strings");
        }
        List<String> ops = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode op : v) {
            if (!op.isTextual()) {
                throw new JwkException(Reason.INVALID_KEY, "JWK member 'key_ops' must be an array of strings");
            }
            if (!seen.add(op.textValue())) {
                throw new JwkException(Reason.INVALID_KEY, "JWK member 'key_ops' repeats a value");
            }
            ops.add(op.textValue());
        }
        return List.copyOf(ops);
    }

    private static void checkUseAndOps(@Nullable String use, @Nullable List<String> ops) {
        if (use != null && !use.equals("sig") && !use.equals("enc")) {
            throw new JwkException(Reason.INVALID_KEY, "JWK 'use' must be \"sig\" or \"enc\"");
        }
        if (ops != null) {
            for (String op : ops) {
                if (!KNOWN_OPS.contains(op)) {
                    throw new JwkException(Reason.INVALID_KEY, "JWK 'key_ops' holds an unknown operation");
                }
                if (use != null && SIG_OPS.contains(op) != use.equals("sig")) {
                    throw new JwkException(Reason.INVALID_KEY,
                            "JWK 'use' and 'key_ops' disagree (RFC 7517 §4.3)");
                }
            }
        }
    }

    private static void checkAlgorithmFits(String alg, String kty, @Nullable String crv) {
        Optional<JwsAlgorithm> a = JwsAlgorithm.fromName(alg);
        if (a.isPresent()) {
            JwsAlgorithm j = a.get();
            if (!j.keyType().equals(kty) || (j.curve().isPresent() && !j.curve().get().equals(crv))) {
                throw new JwkException(Reason.INVALID_KEY,
                        "JWK 'alg' " + alg + " does not fit a " + kty + (crv == null ? "" : " " + crv) + " key");
            }
            return;
        }
        if (alg.startsWith("HS") || alg.equalsIgnoreCase("none")) {
            throw new JwkException(Reason.INVALID_KEY, "JWK 'alg' names a symmetric or empty algorithm for a public key");
        }
        // Other registered names (RSA-OAEP, ECDH-ES …) or unknown names: the key is kept but fits no JWS algorithm.
    }

    private static byte[] bytes(ObjectNode obj, String name) {
        String s = requiredString(obj, name);
        try {
            return Base64Url.decode(s);
        } catch (Base64Url.InvalidBase64Exception e) {
            throw new JwkException(Reason.INVALID_KEY, "JWK member '" + name + "' is not base64url: " + e.getMessage());
        }
    }

    private static BigInteger positive(ObjectNode obj, String name) {
        byte[] b = bytes(obj, name);
        if (b.length == 0) {
            throw new JwkException(Reason.INVALID_KEY, "JWK member '" + name + "' is empty");
        }
        return new BigInteger(1, b);
    }

    private static byte[] fixedLength(ObjectNode obj, String name, int len) {
        byte[] b = bytes(obj, name);
        if (b.length != len) {
            throw new JwkException(Reason.INVALID_KEY,
                    "JWK member '" + name + "' must be exactly " + len + " octets, was " + b.length);
        }
        return b;
    }

    static void checkRsa(BigInteger n, BigInteger e) {
        int bits = n.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new JwkException(Reason.INVALID_KEY,
                    "RSA modulus has " + bits + " bits; at least " + MIN_RSA_BITS + " are required (RFC 8725 §3.5)");
        }
        if (bits > MAX_RSA_BITS) {
            throw new JwkException(Reason.INVALID_KEY, "RSA modulus has " + bits + " bits; at most " + MAX_RSA_BITS + " are accepted");
        }
        if (!n.testBit(0)) {
            throw new JwkException(Reason.INVALID_KEY, "RSA modulus is even");
        }
        if (!e.testBit(0) || e.compareTo(F4) < 0 || e.bitLength() > 256 || e.compareTo(n) >= 0) {
            throw new JwkException(Reason.INVALID_KEY,
                    "RSA public exponent must be odd, at least 65537 and below 2^256 (NIST SP 800-56B)");
        }
    }

    private static PublicKey rsaKey(BigInteger n, BigInteger e) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new JwkException(Reason.INVALID_KEY, "RSA key rejected by the JCA: " + ex.getMessage());
        }
    }

    private static PublicKey ecKey(EcCurve curve, BigInteger x, BigInteger y) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve.spec()));
        } catch (GeneralSecurityException ex) {
            throw new JwkException(Reason.INVALID_KEY, "EC key rejected by the JCA: " + ex.getMessage());
        }
    }

    private static @Nullable PublicKey tryEcKey(EcCurve curve, BigInteger x, BigInteger y) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve.spec()));
        } catch (GeneralSecurityException | RuntimeException ex) {
            return null; // no provider for this curve: the key is published and listed, but cannot verify
        }
    }

    private static PublicKey edKey(String crv, byte[] encoded, BigInteger prime) {
        byte[] le = encoded.clone();
        boolean xOdd = (le[le.length - 1] & 0x80) != 0;
        le[le.length - 1] &= 0x7f;
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        BigInteger y = new BigInteger(1, be);
        if (y.compareTo(prime) >= 0) {
            throw new JwkException(Reason.INVALID_KEY, crv + " public key is not canonically encoded");
        }
        try {
            return KeyFactory.getInstance(crv)
                    .generatePublic(new EdECPublicKeySpec(new NamedParameterSpec(crv), new EdECPoint(xOdd, y)));
        } catch (GeneralSecurityException ex) {
            throw new JwkException(Reason.INVALID_KEY, crv + " key rejected by the JCA: " + ex.getMessage());
        }
    }

    private static void checkCertificates(ObjectNode obj, @Nullable PublicKey key) {
        JsonNode x5c = obj.get("x5c");
        X509Certificate first = null;
        if (x5c != null) {
            if (!x5c.isArray() || x5c.isEmpty()) {
                throw new JwkException(Reason.INVALID_KEY, "JWK 'x5c' must be a non-empty array (RFC 7517 §4.7)");
            }
            for (int i = 0; i < x5c.size(); i++) {
                JsonNode c = x5c.get(i);
                if (!c.isTextual()) {
                    throw new JwkException(Reason.INVALID_KEY, "JWK 'x5c' entries must be strings");
                }
                byte[] der;
                try {
                    der = Base64.getDecoder().decode(c.textValue());
                } catch (IllegalArgumentException e) {
                    throw new JwkException(Reason.INVALID_KEY,
                            "JWK 'x5c' entries must be standard base64 DER certificates (RFC 7517 §4.7)");
                }
                if (i == 0) {
                    try {
                        first = (X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(der));
                    } catch (GeneralSecurityException | RuntimeException e) {
                        throw new JwkException(Reason.INVALID_KEY, "JWK 'x5c' first entry is not an X.509 certificate");
                    }
                    if (key != null && !sameKey(first.getPublicKey(), key)) {
                        throw new JwkException(Reason.INVALID_KEY,
                                "JWK 'x5c' certificate holds a different key than the JWK members");
                    }
                }
            }
        }
        checkThumbprint(obj, "x5t", "SHA-1", 20, first);
        checkThumbprint(obj, "x5t#S256", "SHA-256", 32, first);
    }

    private static void checkThumbprint(ObjectNode obj, String name, String digest, int len,
            @Nullable X509Certificate cert) {
        if (!obj.has(name)) {
            return;
        }
        byte[] value = bytes(obj, name);
        if (value.length != len) {
            throw new JwkException(Reason.INVALID_KEY, "JWK '" + name + "' must be " + len + " octets");
        }
        if (cert != null) {
            try {
                byte[] expected = MessageDigest.getInstance(digest).digest(cert.getEncoded());
                if (!MessageDigest.isEqual(expected, value)) {
                    throw new JwkException(Reason.INVALID_KEY, "JWK '" + name + "' does not match the x5c certificate");
                }
            } catch (GeneralSecurityException e) {
                throw new JwkException(Reason.INVALID_KEY, "cannot check '" + name + "': " + e.getMessage());
            }
        }
    }

    /** True when two public keys are the same key (compared by value, not by encoding). */
    static boolean sameKey(PublicKey a, PublicKey b) {
        if (a instanceof RSAPublicKey && b instanceof RSAPublicKey) {
            RSAPublicKey x = (RSAPublicKey) a;
            RSAPublicKey y = (RSAPublicKey) b;
            return x.getModulus().equals(y.getModulus()) && x.getPublicExponent().equals(y.getPublicExponent());
        }
        if (a instanceof ECPublicKey && b instanceof ECPublicKey) {
            ECPublicKey x = (ECPublicKey) a;
            ECPublicKey y = (ECPublicKey) b;
            return x.getW().equals(y.getW()) && x.getParams().getOrder().equals(y.getParams().getOrder());
        }
        if (a instanceof EdECPublicKey && b instanceof EdECPublicKey) {
            EdECPublicKey x = (EdECPublicKey) a;
            EdECPublicKey y = (EdECPublicKey) b;
            return x.getParams().getName().equals(y.getParams().getName())
                    && x.getPoint().getY().equals(y.getPoint().getY())
                    && x.getPoint().isXOdd() == y.getPoint().isXOdd();
        }
        return false;
    }

    // ---------------------------------------------------------------- creation

    /**
     * Makes a JWK from a JCA public key (RSA, EC on a supported curve, Ed25519/Ed448), with the same
     * checks as {@link #parse(String)}. Members are written in their minimal (RSA) or fixed-length (EC)
     * form.
     *
     * @param kid the key id, or {@code null} for none
     * @throws JwkException if the key is not of a supported type or fails the checks
     */
    public static Jwk fromPublicKey(PublicKey publicKey, @Nullable String kid) {
        Objects.requireNonNull(publicKey, "publicKey");
        ObjectNode m = Json.object();
        if (publicKey instanceof RSAPublicKey) {
            RSAPublicKey k = (RSAPublicKey) publicKey;
            m.put("kty", "RSA");
            putKid(m, kid);
            m.put("n", Base64Url.encode(unsigned(k.getModulus())));
            m.put("e", Base64Url.encode(unsigned(k.getPublicExponent())));
        } else if (publicKey instanceof ECPublicKey) {
            ECPublicKey k = (ECPublicKey) publicKey;
            EcCurve curve = EcCurve.forParameters(k.getParams()).orElseThrow(() ->
                    new JwkException(Reason.UNSUPPORTED_CURVE, "EC key is not on P-256, P-384, P-521 or secp256k1"));
            m.put("kty", "EC");
            putKid(m, kid);
            m.put("crv", curve.jwkName());
            m.put("x", Base64Url.encode(EcCurve.toFixed(k.getW().getAffineX(), curve.coordinateLength())));
            m.put("y", Base64Url.encode(EcCurve.toFixed(k.getW().getAffineY(), curve.coordinateLength())));
        } else if (publicKey instanceof EdECPublicKey) {
            EdECPublicKey k = (EdECPublicKey) publicKey;
            String crv = k.getParams().getName();
            int len;
            if ("Ed25519".equalsIgnoreCase(crv)) {
                crv = "Ed25519";
                len = 32;
            } else if ("Ed448".equalsIgnoreCase(crv)) {
                crv = "Ed448";
                len = 57;
            } else {
                throw new JwkException(Reason.UNSUPPORTED_CURVE, "EdDSA curve is not supported");
            }
            byte[] be = EcCurve.toFixed(k.getPoint().getY(), len);
            byte[] le = new byte[len];
            for (int i = 0; i < len; i++) {
                le[i] = be[len - 1 - i];
            }
            if (k.getPoint().isXOdd()) {
                le[len - 1] |= (byte) 0x80;
            }
            m.put("kty", "OKP");
            putKid(m, kid);
            m.put("crv", crv);
            m.put("x", Base64Url.encode(le));
        } else {
            throw new JwkException(Reason.UNSUPPORTED_KEY_TYPE,
                    "only RSA, EC and EdDSA public keys can be JWKs (was " + publicKey.getAlgorithm() + ")");
        }
        return fromJson(m);
    }

    private static void putKid(ObjectNode m, @Nullable String kid) {
        if (kid != null) {
            m.put("kid", kid);
        }
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }

    /** A copy with {@code kid} set (or removed, when {@code null}). */
    public Jwk withKid(@Nullable String newKid) {
        ObjectNode m = members.deepCopy();
        if (newKid == null) {
            m.remove("kid");
        } else {
            m.put("kid", newKid);
        }
        return copy(m);
    }

    /** A copy with {@code alg} set to the given algorithm, which must fit the key. */
    public Jwk withAlgorithm(JwsAlgorithm algorithm) {
        ObjectNode m = members.deepCopy();
        m.put("alg", algorithm.jwaName());
        return fromJson(m);
    }

    /** A copy with {@code use} set ({@code "sig"} or {@code "enc"}). */
    public Jwk withUse(String newUse) {
        ObjectNode m = members.deepCopy();
        m.put("use", newUse);
        return fromJson(m);
    }

    /** A copy with a public, non-key member added or replaced (for example Azure AD's {@code issuer}). */
    public Jwk withMember(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        ObjectNode m = members.deepCopy();
        m.put(name, value);
        return fromJson(m);
    }

    private Jwk copy(ObjectNode m) {
        return new Jwk(kty, crv, optionalString(m, "kid"), alg, use, keyOps, publicKey, keySize, m);
    }

    // ---------------------------------------------------------------- accessors

    /** {@code RSA}, {@code EC} or {@code OKP}. */
    public String kty() {
        return kty;
    }

    /** The key id, if the JWK has one. */
    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    /** The curve ({@code P-256}, {@code Ed25519} …) for EC and OKP keys. */
    public Optional<String> curve() {
        return Optional.ofNullable(crv);
    }

    /** The {@code alg} member as written, if present (it may name a non-JWS algorithm). */
    public Optional<String> algorithm() {
        return Optional.ofNullable(alg);
    }

    /** The {@code alg} member as a JWS algorithm, if it names one. */
    public Optional<JwsAlgorithm> jwsAlgorithm() {
        return alg == null ? Optional.empty() : JwsAlgorithm.fromName(alg);
    }

    /** The {@code use} member, if present. */
    public Optional<String> use() {
        return Optional.ofNullable(use);
    }

    /** The {@code key_ops} member, if present. */
    public Optional<List<String>> keyOperations() {
        return Optional.ofNullable(keyOps);
    }

    /** Key size in bits: the RSA modulus length, the EC field size, or 256/456 for Ed25519/Ed448. */
    public int keySize() {
        return keySize;
    }

    /** Any other public string member by name (for example {@code issuer}, {@code x5t}). */
    public Optional<String> member(String name) {
        JsonNode v = members.get(name);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** Names of all members of this JWK. */
    public Set<String> memberNames() {
        Set<String> names = new HashSet<>();
        members.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** True when the JCA on this runtime can build the public key (false only for secp256k1 without a provider). */
    public boolean isUsable() {
        return publicKey != null;
    }

    /**
     * The JCA public key.
     *
     * @throws JwkException ({@code UNSUPPORTED_CURVE}) if no installed provider implements the curve
     */
    public PublicKey toPublicKey() {
        if (publicKey == null) {
            throw new JwkException(Reason.UNSUPPORTED_CURVE, "no installed JCA provider implements curve " + crv);
        }
        return publicKey;
    }

    /**
     * Whether this key may verify (or sign) with {@code algorithm}: the key type and curve fit, the
     * {@code alg} member (if any) names exactly this algorithm, {@code use} (if any) is {@code sig}, and
     * {@code key_ops} (if any) allows {@code verify}. RFC 8725 §3.1.
     */
    public boolean supports(JwsAlgorithm algorithm) {
        return mismatch(algorithm).isEmpty();
    }

    /** Why this key does not fit {@code algorithm}, or empty when it does. */
    public Optional<String> mismatch(JwsAlgorithm algorithm) {
        if (!algorithm.keyType().equals(kty)) {
            return Optional.of("the key is " + kty + ", the algorithm " + algorithm + " needs " + algorithm.keyType());
        }
        if (algorithm.curve().isPresent() && !algorithm.curve().get().equals(crv)) {
            return Optional.of("the key is on " + crv + ", the algorithm " + algorithm + " needs " + algorithm.curve().get());
        }
        if (alg != null && !alg.equals(algorithm.jwaName())) {
            return Optional.of("the key is bound to 'alg' " + sanitize(alg) + ", not " + algorithm);
        }
        if (use != null && !use.equals("sig")) {
            return Optional.of("the key's 'use' is not \"sig\"");
        }
        if (keyOps != null && !keyOps.contains("verify")) {
            return Optional.of("the key's 'key_ops' do not allow \"verify\"");
        }
        if (publicKey == null) {
            return Optional.of("no JCA provider implements curve " + crv);
        }
        return Optional.empty();
    }

    private static String sanitize(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 32; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /**
     * The RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, base64url.
     * Computed from the key's values, so a member written with leading zero octets gives the same result.
     */
    public String thumbprint() {
        String t = thumbprint;
        if (t == null) {
            t = computeThumbprint();
            thumbprint = t;
        }
        return t;
    }

    private String computeThumbprint() {
        String canonical;
        switch (kty) {
            case "RSA": {
                RSAPublicKey k = (RSAPublicKey) Objects.requireNonNull(publicKey);
                canonical = "{\"e\":\"" + Base64Url.encode(unsigned(k.getPublicExponent()))
                        + "\",\"kty\":\"RSA\",\"n\":\"" + Base64Url.encode(unsigned(k.getModulus())) + "\"}";
                break;
            }
            case "EC":
                canonical = "{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + members.get("x").textValue()
                        + "\",\"y\":\"" + members.get("y").textValue() + "\"}";
                break;
            default:
                canonical = "{\"crv\":\"" + crv + "\",\"kty\":\"OKP\",\"x\":\"" + members.get("x").textValue() + "\"}";
                break;
        }
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The JWK as compact JSON: public members only. */
    public String toJson() {
        return Json.strict().writeString(members);
    }

    /** A copy of the members as a Jackson tree (public members only). */
    public ObjectNode toJsonNode() {
        return members.deepCopy();
    }

    static ArrayNode arrayOf(List<Jwk> keys) {
        ArrayNode a = Json.nodes().arrayNode();
        for (Jwk k : keys) {
            a.add(k.members.deepCopy());
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jwk && members.equals(((Jwk) o).members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    /** Type, curve, size, kid and thumbprint; never key material beyond what a JWKS publishes anyway. */
    @Override
    public String toString() {
        return "Jwk[kty=" + kty + (crv == null ? "" : ", crv=" + crv) + ", bits=" + keySize
                + (kid == null ? "" : ", kid=" + sanitize(kid)) + (alg == null ? "" : ", alg=" + sanitize(alg)) + "]";
    }
}
