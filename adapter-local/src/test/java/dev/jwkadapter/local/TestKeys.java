package dev.jwkadapter.local;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test keys made with the JDK, and their encodings as files to import: PEM (PKCS#8, PKCS#1, SEC1)
 * and private JWKs. Key pairs are cached per kind, since RSA generation is slow.
 */
final class TestKeys {

    private static final ConcurrentHashMap<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {}

    /** An RSA key pair of {@code bits} (cached). */
    static KeyPair rsa(int bits) {
        return CACHE.computeIfAbsent("RSA" + bits, k -> generate("RSA", bits, null));
    }

    /** A fresh RSA key pair of {@code bits} (not cached). */
    static KeyPair freshRsa(int bits) {
        return generate("RSA", bits, null);
    }

    /** An EC key pair on {@code curve} (JCA name, cached). */
    static KeyPair ec(String curve) {
        return CACHE.computeIfAbsent("EC" + curve, k -> generate("EC", 0, curve));
    }

    /** A fresh EC key pair on {@code curve} (not cached). */
    static KeyPair freshEc(String curve) {
        return generate("EC", 0, curve);
    }

    /** A fresh Ed25519 key pair (not cached). */
    static KeyPair freshEd25519() {
        return generate("Ed25519", 0, null);
    }

    /** An Ed25519 key pair (cached). */
    static KeyPair ed25519() {
        return CACHE.computeIfAbsent("Ed25519", k -> generate("Ed25519", 0, null));
    }

    private static KeyPair generate(String alg, int bits, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (bits > 0) {
                g.initialize(bits);
            } else if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM block with 64-column base64 lines. */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The JDK's own PKCS#8 encoding (for EC: SEC1 inside without the public point; for Ed25519: v1 without it). */
    static String pkcs8Pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** PKCS#1 RSAPrivateKey, as OpenSSL writes "RSA PRIVATE KEY". */
    static byte[] pkcs1(KeyPair pair) {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
        return Der.sequence(Der.integer(0), Der.integer(k.getModulus()), Der.integer(k.getPublicExponent()),
                Der.integer(k.getPrivateExponent()), Der.integer(k.getPrimeP()), Der.integer(k.getPrimeQ()),
                Der.integer(k.getPrimeExponentP()), Der.integer(k.getPrimeExponentQ()), Der.integer(k.getCrtCoefficient()));
    }

    /** SEC1 ECPrivateKey with the named curve and, optionally, the public point of {@code publicPair}. */
    static byte[] sec1(KeyPair pair, KeyPair publicPair, boolean withCurve, boolean withPublic) {
        ECPrivateKey k = (ECPrivateKey) pair.getPrivate();
        EcCurve curve = EcCurve.forParameters(k.getParams()).orElseThrow();
        byte[] d = EcCurve.toFixed(k.getS(), curve.scalarLength());
        byte[] parts = Der.concat(Der.integer(1), Der.octetString(d),
                withCurve ? Der.explicit(0, Der.oid(curve.oid())) : new byte[0],
                withPublic ? Der.explicit(1, Der.bitString(uncompressed((ECPublicKey) publicPair.getPublic()))) : new byte[0]);
        return Der.tlv(Der.SEQUENCE, parts);
    }

    static byte[] uncompressed(ECPublicKey pub) {
        EcCurve curve = EcCurve.forParameters(pub.getParams()).orElseThrow();
        int len = curve.coordinateLength();
        return Der.concat(new byte[] {4}, EcCurve.toFixed(pub.getW().getAffineX(), len), EcCurve.toFixed(pub.getW().getAffineY(), len));
    }

    /** PKCS#8 v2 (OneAsymmetricKey, RFC 5958) of an Ed25519 key with the public key of {@code publicPair}. */
    static byte[] ed25519Pkcs8WithPublic(KeyPair pair, KeyPair publicPair) {
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        byte[] x = Base64Url.decode(Keys.publicJwk(publicPair.getPublic(), JwsAlgorithm.EdDSA)
                .member("x").orElseThrow());
        byte[] publicKey = Der.tlv(0x81, Der.concat(new byte[] {0}, x));
        return Der.sequence(Der.integer(1), Der.sequence(Der.oid("1.3.101.112")),
                Der.octetString(Der.octetString(seed)), publicKey);
    }

    /** A private JWK of the pair (RSA with CRT members, EC, or OKP Ed25519). */
    static String privateJwk(KeyPair pair) {
        if (pair.getPrivate() instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
            return "{\"kty\":\"RSA\",\"n\":\"" + b64(k.getModulus()) + "\",\"e\":\"" + b64(k.getPublicExponent())
                    + "\",\"d\":\"" + b64(k.getPrivateExponent()) + "\",\"p\":\"" + b64(k.getPrimeP())
                    + "\",\"q\":\"" + b64(k.getPrimeQ()) + "\",\"dp\":\"" + b64(k.getPrimeExponentP())
                    + "\",\"dq\":\"" + b64(k.getPrimeExponentQ()) + "\",\"qi\":\"" + b64(k.getCrtCoefficient()) + "\"}";
        }
        if (pair.getPrivate() instanceof ECPrivateKey) {
            ECPrivateKey k = (ECPrivateKey) pair.getPrivate();
            ECPublicKey p = (ECPublicKey) pair.getPublic();
            EcCurve curve = EcCurve.forParameters(k.getParams()).orElseThrow();
            int len = curve.coordinateLength();
            return "{\"kty\":\"EC\",\"crv\":\"" + curve.jwkName()
                    + "\",\"x\":\"" + Base64Url.encode(EcCurve.toFixed(p.getW().getAffineX(), len))
                    + "\",\"y\":\"" + Base64Url.encode(EcCurve.toFixed(p.getW().getAffineY(), len))
                    + "\",\"d\":\"" + Base64Url.encode(EcCurve.toFixed(k.getS(), len)) + "\"}";
        }
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        String x = Keys.publicJwk(pair.getPublic(), JwsAlgorithm.EdDSA).member("x").orElseThrow();
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"d\":\"" + Base64Url.encode(seed) + "\"}";
    }

    private static String b64(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            b = t;
        }
        return Base64Url.encode(b);
    }

    /** The RFC 7638 thumbprint of a pair's public key. */
    static String thumbprint(KeyPair pair) {
        return Jwk.fromPublicKey(pair.getPublic(), null).thumbprint();
    }

    /** Writes {@code content} to {@code dir/name}. */
    static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}
