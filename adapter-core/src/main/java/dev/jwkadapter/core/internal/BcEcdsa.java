package dev.jwkadapter.core.internal;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA verification on BouncyCastle's lightweight API with its custom (fast) curve arithmetic.
 * Loaded only when {@code bcprov-jdk18on} is on the class path; {@link JcaSignatures} falls back to
 * the JCA otherwise. Stateless and thread-safe.
 */
final class BcEcdsa {

    private static final ECDomainParameters P256 = domain("secp256r1");
    private static final ECDomainParameters P384 = domain("secp384r1");
    private static final ECDomainParameters P521 = domain("secp521r1");

    /**
     * Public points by key: reusing the same point object lets BouncyCastle keep its precomputed
     * multiples, which roughly halves the cost of a verification. Bounded; cleared when full.
     */
    private static final ConcurrentHashMap<ECPublicKey, ECPublicKeyParameters> KEYS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_KEYS = 1024;

    private BcEcdsa() {}

    private static ECDomainParameters domain(String name) {
        X9ECParameters p = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH(), p.getSeed());
    }

    /** Forces class loading (and so detection of BouncyCastle). */
    static boolean available() {
        return P256 != null;
    }

    /**
     * Verifies a signature over a message digest; the caller has checked r, s ∈ [1, n−1].
     *
     * @return false also for keys on curves this class does not cover
     */
    static boolean verify(EcCurve curve, ECPublicKey key, byte[] digest, BigInteger r, BigInteger s) {
        ECDomainParameters d = curve == EcCurve.P_256 ? P256 : curve == EcCurve.P_384 ? P384 : curve == EcCurve.P_521 ? P521 : null;
        if (d == null) {
            return false;
        }
        ECPublicKeyParameters params = KEYS.get(key);
        if (params == null || params.getParameters() != d) {
            ECPoint q = d.getCurve().createPoint(key.getW().getAffineX(), key.getW().getAffineY());
            params = new ECPublicKeyParameters(q, d);
            if (KEYS.size() >= MAX_CACHED_KEYS) {
                KEYS.clear();
            }
            KEYS.put(key, params);
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, params);
        return signer.verifySignature(digest, r, s);
    }
}
