package dev.jwkadapter.testing;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cached test key pairs, one per kind (generated once per JVM), with helpers that sign raw compact JWS
 * from arbitrary header and payload text, so tests can craft malicious tokens byte for byte.
 *
 * <p>Thread-safe. The keys are for tests only.
 */
public final class TestKeys {

    private static final Map<String, TestKey> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {}

    /** An RSA 2048-bit key, kid {@code rsa-2048}, default algorithm RS256. */
    public static TestKey rsa2048() {
        return cached("rsa-2048", () -> new TestKey("rsa-2048", rsa(2048), JwsAlgorithm.RS256));
    }

    /** A second, independent RSA 2048-bit key (an "attacker" key), kid {@code rsa-2048-other}. */
    public static TestKey rsa2048Other() {
        return cached("rsa-2048-other", () -> new TestKey("rsa-2048-other", rsa(2048), JwsAlgorithm.RS256));
    }

    /** An RSA 3072-bit key, kid {@code rsa-3072}, default algorithm PS256. */
    public static TestKey rsa3072() {
        return cached("rsa-3072", () -> new TestKey("rsa-3072", rsa(3072), JwsAlgorithm.PS256));
    }

    /** A P-256 key, kid {@code p-256}, ES256. */
    public static TestKey p256() {
        return cached("p-256", () -> new TestKey("p-256", ec("secp256r1"), JwsAlgorithm.ES256));
    }

    /** A P-384 key, kid {@code p-384}, ES384. */
    public static TestKey p384() {
        return cached("p-384", () -> new TestKey("p-384", ec("secp384r1"), JwsAlgorithm.ES384));
    }

    /** A P-521 key, kid {@code p-521}, ES512. */
    public static TestKey p521() {
        return cached("p-521", () -> new TestKey("p-521", ec("secp521r1"), JwsAlgorithm.ES512));
    }

    /** An Ed25519 key, kid {@code ed25519}, EdDSA. */
    public static TestKey ed25519() {
        return cached("ed25519", () -> new TestKey("ed25519", generate("Ed25519"), JwsAlgorithm.EdDSA));
    }

    /** An Ed448 key, kid {@code ed448} (a curve validators here never accept for EdDSA). */
    public static TestKey ed448() {
        return cached("ed448", () -> new TestKey("ed448", generate("Ed448"), JwsAlgorithm.EdDSA));
    }

    /** An X25519 key pair (key agreement only: it has no JWK form here). */
    public static KeyPair x25519() {
        return cached("x25519", () -> new TestKey("x25519", generate("X25519"), JwsAlgorithm.EdDSA)).keyPair();
    }

    /** A fresh (uncached) RSA key of any size, for boundary tests (1024, 2047 …). */
    public static TestKey freshRsa(String kid, int bits) {
        return new TestKey(kid, rsa(bits), JwsAlgorithm.RS256);
    }

    /** A fresh (uncached) EC key on a JCA-named curve ({@code secp256r1} …). */
    public static TestKey freshEc(String kid, String jcaCurve, JwsAlgorithm alg) {
        return new TestKey(kid, ec(jcaCurve), alg);
    }

    /** A key for a pair made elsewhere (for example decoded from a fixture). */
    public static TestKey of(String kid, KeyPair pair, JwsAlgorithm defaultAlgorithm) {
        return new TestKey(kid, pair, defaultAlgorithm);
    }

    /** HMAC-SHA-256 with an arbitrary secret, as an attacker would compute an HS256 signature. */
    public static byte[] hmacSha256(byte[] secret, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** base64url (no padding) of UTF-8 text. */
    public static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** base64url (no padding) of bytes. */
    public static String b64(byte[] bytes) {
        return Base64Url.encode(bytes);
    }

    private interface Maker {
        TestKey make();
    }

    private static TestKey cached(String name, Maker maker) {
        TestKey k = CACHE.get(name);
        if (k == null) {
            synchronized (CACHE) {
                k = CACHE.get(name);
                if (k == null) {
                    k = maker.make();
                    CACHE.put(name, k);
                }
            }
        }
        return k;
    }

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One test key pair with its kid and default algorithm. Immutable. */
    public static final class TestKey {
        private final String kid;
        private final KeyPair pair;
        private final JwsAlgorithm defaultAlgorithm;

        TestKey(String kid, KeyPair pair, JwsAlgorithm defaultAlgorithm) {
            this.kid = Objects.requireNonNull(kid);
            this.pair = Objects.requireNonNull(pair);
            this.defaultAlgorithm = Objects.requireNonNull(defaultAlgorithm);
        }

        /** The kid this key is published under by {@link #jwk()}. */
        public String kid() {
            return kid;
        }

        /** The algorithm {@link TestJwts#builder(TestKey)} signs with unless told otherwise. */
        public JwsAlgorithm defaultAlgorithm() {
            return defaultAlgorithm;
        }

        /** The key pair. */
        public KeyPair keyPair() {
            return pair;
        }

        /** The public key. */
        public PublicKey publicKey() {
            return pair.getPublic();
        }

        /** The private key. */
        public PrivateKey privateKey() {
            return pair.getPrivate();
        }

        /** The RSA modulus (RSA keys only). */
        public BigInteger modulus() {
            return ((RSAPublicKey) pair.getPublic()).getModulus();
        }

        /** The public JWK with {@link #kid()}. */
        public Jwk jwk() {
            return Jwk.fromPublicKey(pair.getPublic(), kid);
        }

        /** The public JWK with another kid (or none, for {@code null}). */
        public Jwk jwk(String otherKid) {
            return Jwk.fromPublicKey(pair.getPublic(), otherKid);
        }

        /** The public JWK as JSON text. */
        public String jwkJson() {
            return jwk().toJson();
        }

        /**
         * Signs {@code input} the way {@code alg} prescribes (JOSE form: R‖S for ECDSA). For an Ed448
         * key and EdDSA, signs with Ed448, as an attacker holding such a key would.
         */
        public byte[] sign(JwsAlgorithm alg, byte[] input) {
            try {
                if (alg == JwsAlgorithm.EdDSA && !"Ed25519".equals(pair.getPublic().getAlgorithm())
                        && pair.getPublic().getAlgorithm().startsWith("Ed")) {
                    Signature s = Signature.getInstance(pair.getPublic().getAlgorithm());
                    s.initSign(pair.getPrivate());
                    s.update(input);
                    return s.sign();
                }
                return JcaSignatures.sign(alg, pair.getPrivate(), input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with " + alg + " using " + kid, e);
            }
        }

        /** Signs {@code input} with a JCA algorithm name (for example {@code SHA256withECDSA}, DER output). */
        public byte[] signJca(String jcaAlgorithm, byte[] input) {
            try {
                Signature s = Signature.getInstance(jcaAlgorithm);
                s.initSign(pair.getPrivate());
                s.update(input);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * The raw RSA private-key operation on an encoded message (RSA keys only): lets tests build
         * PKCS#1 v1.5 signatures with malformed padding or DigestInfo.
         */
        public byte[] rawRsaSign(byte[] encodedMessage) {
            try {
                Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, (RSAPrivateKey) pair.getPrivate());
                return c.doFinal(encodedMessage);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code b64(header) + "." + b64(payload) + "." + b64(sign(alg, signing input))}. */
        public String compact(JwsAlgorithm alg, String headerJson, String payloadJson) {
            return compact(alg, headerJson.getBytes(StandardCharsets.UTF_8), payloadJson.getBytes(StandardCharsets.UTF_8));
        }

        /** As {@link #compact(JwsAlgorithm, String, String)}, from raw bytes (for encoding attacks). */
        public String compact(JwsAlgorithm alg, byte[] header, byte[] payload) {
            String input = Base64Url.encode(header) + "." + Base64Url.encode(payload);
            return input + "." + Base64Url.encode(sign(alg, input.getBytes(StandardCharsets.US_ASCII)));
        }

        /** Signs an already encoded {@code header.payload} string exactly as given. */
        public String signInput(JwsAlgorithm alg, String signingInput) {
            return signingInput + "." + Base64Url.encode(sign(alg, signingInput.getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public String toString() {
            return "TestKey[" + kid + "]";
        }
    }
}
