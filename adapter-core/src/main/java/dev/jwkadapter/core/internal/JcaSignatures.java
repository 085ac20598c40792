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
            s.update(data);
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
