package dev.jwkadapter.core.internal;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.EnumMap;
import java.util.Map;

/**
 * JWS signing and verification on the JCA, with the checks the JCA omits: exact ECDSA (R‖S) and
 * EdDSA signature lengths, ECDSA r and s in [1, n−1] (CVE-2022-21449), RSA signatures exactly the
 * modulus length, and PSS parameters always set explicitly (MGF1 with the same hash, salt = hash
 * length, trailer 1). {@code Signature} objects are cached per thread, never shared.
 */
public final class JcaSignatures {

    private static final ThreadLocal<Map<JwsAlgorithm, Signature>> CACHE =
            ThreadLocal.withInitial(() -> new EnumMap<>(JwsAlgorithm.class));

    private JcaSignatures() {}

    /** Outcome of a verification that did not simply return true/false. */
    public static final class KeyRejectedException extends Exception {
        private static final long serialVersionUID = 1L;

        KeyRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The JCA algorithm name. */
    public static String jcaName(JwsAlgorithm alg) {
        switch (alg) {
            case RS256: return "SHA256withRSA";
            case RS384: return "SHA384withRSA";
            case RS512: return "SHA512withRSA";
            case PS256:
            case PS384:
            case PS512: return "RSASSA-PSS";
            case ES256: return "SHA256withECDSAinP1363Format";
            case ES384: return "SHA384withECDSAinP1363Format";
            case ES512: return "SHA512withECDSAinP1363Format";
            case EdDSA: return "Ed25519";
            default: throw new IllegalArgumentException(alg.name());
        }
    }

    /** The explicit PSS parameters of a PS algorithm (RFC 7518 §3.5). */
    public static PSSParameterSpec pssParameters(JwsAlgorithm alg) {
        String hash = alg.digestAlgorithm().orElseThrow();
        return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), alg.digestLength(), 1);
    }

    private static Signature signature(JwsAlgorithm alg) throws NoSuchAlgorithmException {
        Map<JwsAlgorithm, Signature> m = CACHE.get();
        Signature s = m.get(alg);
        if (s == null) {
            s = Signature.getInstance(jcaName(alg));
            m.put(alg, s);
        }
        return s;
    }

    /**
     * Verifies a JOSE signature.
     *
     * @return true only when the signature is well-formed and valid
     * @throws KeyRejectedException when the JCA refuses the key itself
     */
    public static boolean verify(JwsAlgorithm alg, PublicKey key, byte[] data, byte[] sig) throws KeyRejectedException {
        return verify(alg, key, data, 0, data.length, sig);
    }

    /**
     * Verifies a JOSE signature over {@code data[off, off + len)}.
     *
     * @return true only when the signature is well-formed and valid
     * @throws KeyRejectedException when the JCA refuses the key itself
     */
    public static boolean verify(JwsAlgorithm alg, PublicKey key, byte[] data, int off, int len, byte[] sig)
            throws KeyRejectedException {
        if (!wellFormed(alg, key, sig)) {
            return false;
        }
        if (alg.isEcdsa() && Bc.ENABLED) {
            byte[] input = off == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + len);
            return verifyEcdsaBouncyCastle(alg, (ECKey) key, input, sig);
        }
        return verifyJca(alg, key, data, off, len, sig);
    }

    /** Whether ECDSA verification runs on BouncyCastle (present, and not disabled with {@value #ECDSA_PROPERTY}=jca). */
    public static boolean bouncyCastleEcdsa() {
        return Bc.ENABLED;
    }

    /** System property that selects the ECDSA verifier: {@code jca} forces the JDK even when BouncyCastle is present. */
    public static final String ECDSA_PROPERTY = "dev.jwkadapter.ecdsa";

    /** Detects BouncyCastle once. */
    private static final class Bc {
        static final boolean ENABLED = detect();

        private static boolean detect() {
            if ("jca".equalsIgnoreCase(System.getProperty(ECDSA_PROPERTY))) {
                return false;
            }
            try {
                return BcEcdsa.available();
            } catch (LinkageError e) {
                return false;
            }
        }
    }

    /**
     * ECDSA verification on BouncyCastle (same length and range checks as {@link #verify}).
     *
     * @throws IllegalStateException when BouncyCastle is not on the class path
     */
    public static boolean verifyEcdsaBouncyCastle(JwsAlgorithm alg, ECKey key, byte[] data, byte[] sig) {
        if (!alg.isEcdsa() || !(key instanceof java.security.interfaces.ECPublicKey) || !wellFormed(alg, (PublicKey) key, sig)) {
            return false;
        }
        EcCurve curve = EcCurve.forJwkName(alg.curve().orElseThrow()).orElseThrow();
        if (!key.getParams().getOrder().equals(curve.order())) {
            return false;
        }
        int half = sig.length / 2;
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, half, sig.length));
        byte[] digest;
        try {
            digest = digest(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + alg.digestAlgorithm().orElse("?"), e);
        }
        try {
            return BcEcdsa.verify(curve, (java.security.interfaces.ECPublicKey) key, digest, r, s);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final ThreadLocal<Map<JwsAlgorithm, java.security.MessageDigest>> DIGESTS =
            ThreadLocal.withInitial(() -> new EnumMap<>(JwsAlgorithm.class));

    private static java.security.MessageDigest digest(JwsAlgorithm alg) throws NoSuchAlgorithmException {
        Map<JwsAlgorithm, java.security.MessageDigest> m = DIGESTS.get();
        java.security.MessageDigest d = m.get(alg);
        if (d == null) {
            d = java.security.MessageDigest.getInstance(alg.digestAlgorithm().orElseThrow());
            m.put(alg, d);
        } else {
            d.reset();
        }
        return d;
    }

    /**
     * Verification on the JCA only (same length and range checks as {@link #verify}).
     *
     * @throws KeyRejectedException when the JCA refuses the key itself
     */
    public static boolean verifyJca(JwsAlgorithm alg, PublicKey key, byte[] data, byte[] sig) throws KeyRejectedException {
        return verifyJca(alg, key, data, 0, data.length, sig);
    }

    private static boolean verifyJca(JwsAlgorithm alg, PublicKey key, byte[] data, int off, int len, byte[] sig)
            throws KeyRejectedException {
        if (!wellFormed(alg, key, sig)) {
            return false;
        }
        Signature s;
        try {
            s = signature(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName(alg), e);
        }
        try {
            s.initVerify(key);
            if (alg.isPss()) {
                s.setParameter(pssParameters(alg));
            }
            s.update(data, off, len);
            return s.verify(sig);
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            CACHE.get().remove(alg);
            throw new KeyRejectedException("the JCA refused the key for " + alg, e);
        } catch (SignatureException | RuntimeException e) {
            // malformed signature (wrong length, bad encoding) or provider failure: not a valid signature
            CACHE.get().remove(alg);
            return false;
        }
    }

    /** Length and range checks made before any JCA call. */
    static boolean wellFormed(JwsAlgorithm alg, PublicKey key, byte[] sig) {
        if (alg.isRsa()) {
            if (!(key instanceof RSAKey)) {
                return false;
            }
            int k = (((RSAKey) key).getModulus().bitLength() + 7) / 8;
            return sig.length == k;
        }
        if (sig.length != alg.fixedSignatureLength()) {
            return false;
        }
        if (alg.isEcdsa()) {
            if (!(key instanceof ECKey)) {
                return false;
            }
            BigInteger n = ((ECKey) key).getParams().getOrder();
            int half = sig.length / 2;
            return inRange(sig, 0, half, n) && inRange(sig, half, half, n);
        }
        return true;
    }

    private static boolean inRange(byte[] sig, int off, int len, BigInteger n) {
        byte[] part = new byte[len];
        System.arraycopy(sig, off, part, 0, len);
        BigInteger v = new BigInteger(1, part);
        return v.signum() > 0 && v.compareTo(n) < 0;
    }

    /**
     * Signs and returns the JOSE form of the signature.
     *
     * @throws GeneralSecurityException when the JCA cannot sign with this key
     */
    public static byte[] sign(JwsAlgorithm alg, PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = signature(alg);
        try {
            s.initSign(key);
            if (alg.isPss()) {
                s.setParameter(pssParameters(alg));
            }
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            CACHE.get().remove(alg);
            throw e;
        }
    }
}
