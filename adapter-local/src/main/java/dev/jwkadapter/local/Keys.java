package dev.jwkadapter.local;

import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Key generation and the checks every key passes before it enters a store: supported type and size,
 * public part derived from (or matching) the private part, and a sign/verify round trip. Stateless
 * and thread-safe.
 */
final class Keys {

    private static final byte[] PAIRWISE_TEST = "jwk-adapter pairwise consistency test".getBytes(StandardCharsets.US_ASCII);

    private Keys() {}

    /** Generates a key pair for {@code alg}: RSA of {@code rsaBits}, EC on the algorithm's curve, or Ed25519. */
    static KeyPair generate(JwsAlgorithm alg, int rsaBits, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g;
        if (alg.isRsa()) {
            g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), random);
        } else if (alg.isEcdsa()) {
            EcCurve curve = EcCurve.forJwkName(alg.curve().orElseThrow()).orElseThrow();
            g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve.jcaName()), random);
        } else {
            g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, random);
        }
        return g.generateKeyPair();
    }

    /**
     * The one algorithm an imported key is bound to: RSA keys take {@code preferred} when it is an RSA
     * algorithm, else RS256; EC keys the algorithm of their curve; Ed25519 keys EdDSA.
     */
    static JwsAlgorithm algorithmFor(PublicKey key, JwsAlgorithm preferred) {
        if (key instanceof RSAKey) {
            return preferred.isRsa() ? preferred : JwsAlgorithm.RS256;
        }
        if (key instanceof ECPublicKey) {
            EcCurve curve = EcCurve.forParameters(((ECPublicKey) key).getParams())
                    .filter(c -> c != EcCurve.SECP256K1)
                    .orElseThrow(() -> new IllegalArgumentException("EC key is not on P-256, P-384 or P-521"));
            return JwsAlgorithm.forCurve(curve.jwkName()).orElseThrow();
        }
        if (key instanceof EdECPublicKey && "Ed25519".equalsIgnoreCase(((EdECPublicKey) key).getParams().getName())) {
            return JwsAlgorithm.EdDSA;
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm()
                + " (RSA, EC P-256/P-384/P-521 and Ed25519 are supported)");
    }

    /**
     * Completes a private key with its public key, derived from the private key; when {@code expected}
     * is given it must be the same key. Then checks size and a sign/verify round trip.
     *
     * @throws IllegalArgumentException naming the problem (never printing key material)
     */
    static KeyPair complete(PrivateKey privateKey, @Nullable PublicKey expected) {
        PublicKey derived;
        try {
            derived = publicKeyOf(privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key: " + e.getMessage(), e);
        }
        if (expected != null && !samePublicKey(derived, expected)) {
            throw new IllegalArgumentException("the public key stored with the private key does not belong to it");
        }
        KeyPair pair = new KeyPair(derived, privateKey);
        check(pair);
        return pair;
    }

    /** The public key of a private key: RSA (CRT form) from n and e, EC as d·G, Ed25519 from its seed. */
    static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) key;
            if (k.getPublicExponent() == null || k.getPublicExponent().signum() <= 0) {
                throw new IllegalArgumentException("RSA private key lacks its public exponent");
            }
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
        }
        if (key instanceof RSAKey) {
            throw new IllegalArgumentException("RSA private key lacks its CRT parameters and public exponent");
        }
        if (key instanceof ECPrivateKey) {
            ECPrivateKey k = (ECPrivateKey) key;
            EcCurve curve = EcCurve.forParameters(k.getParams())
                    .filter(c -> c != EcCurve.SECP256K1)
                    .orElseThrow(() -> new IllegalArgumentException("EC key is not on P-256, P-384 or P-521"));
            BigInteger d = k.getS();
            if (d.signum() <= 0 || d.compareTo(curve.order()) >= 0) {
                throw new IllegalArgumentException("EC private scalar is out of range [1, n-1]");
            }
            ECPoint q = curve.multiplyGenerator(d);
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, curve.spec()));
        }
        if (key instanceof EdECPrivateKey) {
            EdECPrivateKey k = (EdECPrivateKey) key;
            if (!"Ed25519".equalsIgnoreCase(k.getParams().getName())) {
                throw new IllegalArgumentException("only Ed25519 is supported for EdDSA (not " + k.getParams().getName() + ")");
            }
            byte[] seed = k.getBytes().orElseThrow(() -> new IllegalArgumentException("Ed25519 private key has no seed"));
            try {
                return ed25519FromSeed(seed).getPublic();
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }
        throw new IllegalArgumentException("unsupported private key type " + key.getAlgorithm()
                + " (RSA, EC P-256/P-384/P-521 and Ed25519 are supported)");
    }

    /** An Ed25519 key pair from a 32-byte seed (RFC 8032 §5.1.5), through the JDK's own generator. */
    static KeyPair ed25519FromSeed(byte[] seed) throws GeneralSecurityException {
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 private key must be 32 octets, was " + seed.length);
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = g.generateKeyPair();
        byte[] got = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
        boolean same = Arrays.equals(got, seed);
        Arrays.fill(got, (byte) 0);
        if (!same) {
            throw new GeneralSecurityException("the Ed25519 generator did not use the seed");
        }
        return pair;
    }

    /** Size and a sign/verify round trip with the key's own algorithm family. */
    static void check(KeyPair pair) {
        PublicKey pub = pair.getPublic();
        if (pub instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) pub).getModulus().bitLength();
            if (bits < Jwk.MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key has " + bits + " bits; at least " + Jwk.MIN_RSA_BITS
                        + " are required (RFC 8725 §3.5): generate a new key");
            }
        }
        JwsAlgorithm alg = algorithmFor(pub, JwsAlgorithm.RS256);
        try {
            Jwk.fromPublicKey(pub, null);
        } catch (JwkException e) {
            throw new IllegalArgumentException("the key is not acceptable: " + e.getMessage(), e);
        }
        try {
            byte[] sig = JcaSignatures.sign(alg, pair.getPrivate(), PAIRWISE_TEST);
            if (!JcaSignatures.verify(alg, pub, PAIRWISE_TEST, sig)) {
                throw new IllegalArgumentException("the private key does not match its public key (sign/verify test failed)");
            }
        } catch (GeneralSecurityException | JcaSignatures.KeyRejectedException e) {
            throw new IllegalArgumentException("the JCA cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** The public JWK of a key version: {@code kid} = RFC 7638 thumbprint, {@code alg} and {@code use: sig} set. */
    static Jwk publicJwk(PublicKey key, JwsAlgorithm alg) {
        Jwk bare = Jwk.fromPublicKey(key, null);
        return bare.withKid(bare.thumbprint()).withAlgorithm(alg).withUse("sig");
    }

    static boolean samePublicKey(PublicKey a, PublicKey b) {
        try {
            return Jwk.fromPublicKey(a, null).thumbprint().equals(Jwk.fromPublicKey(b, null).thumbprint());
        } catch (JwkException e) {
            return false;
        }
    }

    /** A "random" source that returns a fixed seed, to make the JDK derive an Ed25519 public key. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
