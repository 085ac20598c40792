package dev.jwkadapter.core.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Optional;

/**
 * The short-Weierstrass curves a JWK may name, with the arithmetic the JDK does not offer publicly:
 * the on-curve check (OpenJDK's {@code KeyFactory} accepts off-curve points) and scalar
 * multiplication (to derive a public point from an imported private scalar). Immutable.
 */
public final class EcCurve {

    /** NIST P-256 (secp256r1). */
    public static final EcCurve P_256 = named("P-256", "secp256r1", "1.2.840.10045.3.1.7");
    /** NIST P-384 (secp384r1). */
    public static final EcCurve P_384 = named("P-384", "secp384r1", "1.3.132.0.34");
    /** NIST P-521 (secp521r1). */
    public static final EcCurve P_521 = named("P-521", "secp521r1", "1.3.132.0.35");
    /** secp256k1 (Key Vault {@code P-256K}); the JDK 17 providers do not implement it. */
    public static final EcCurve SECP256K1 = new EcCurve("secp256k1", "secp256k1", "1.3.132.0.10",
            new ECParameterSpec(
                    new EllipticCurve(new ECFieldFp(hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F")),
                            BigInteger.ZERO, BigInteger.valueOf(7)),
                    new ECPoint(hex("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"),
                            hex("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8")),
                    hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"), 1));

    private final String jwkName;
    private final String jcaName;
    private final String oid;
    private final ECParameterSpec spec;
    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;
    private final BigInteger n;
    private final int coordinateLength;
    private final int scalarLength;

    private EcCurve(String jwkName, String jcaName, String oid, ECParameterSpec spec) {
        this.jwkName = jwkName;
        this.jcaName = jcaName;
        this.oid = oid;
        this.spec = spec;
        this.p = ((ECFieldFp) spec.getCurve().getField()).getP();
        this.a = spec.getCurve().getA();
        this.b = spec.getCurve().getB();
        this.n = spec.getOrder();
        this.coordinateLength = (p.bitLength() + 7) / 8;
        this.scalarLength = (n.bitLength() + 7) / 8;
    }

    private static EcCurve named(String jwkName, String jcaName, String oid) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(jcaName));
            return new EcCurve(jwkName, jcaName, oid, params.getParameterSpec(ECParameterSpec.class));
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static BigInteger hex(String s) {
        return new BigInteger(s, 16);
    }

    /** The curve for a JWK {@code crv} name. */
    public static Optional<EcCurve> forJwkName(String crv) {
        switch (crv) {
            case "P-256": return Optional.of(P_256);
            case "P-384": return Optional.of(P_384);
            case "P-521": return Optional.of(P_521);
            case "secp256k1": return Optional.of(SECP256K1);
            default: return Optional.empty();
        }
    }

    /** The curve whose domain parameters equal {@code params}, if it is one of ours. */
    public static Optional<EcCurve> forParameters(ECParameterSpec params) {
        for (EcCurve c : new EcCurve[] {P_256, P_384, P_521, SECP256K1}) {
            if (c.n.equals(params.getOrder()) && c.p.equals(((ECFieldFp) params.getCurve().getField()).getP())
                    && c.spec.getGenerator().equals(params.getGenerator())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The curve for a named-curve OID (dotted form). */
    public static Optional<EcCurve> forOid(String oid) {
        for (EcCurve c : new EcCurve[] {P_256, P_384, P_521, SECP256K1}) {
            if (c.oid.equals(oid)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** JWK name ({@code P-256}…). */
    public String jwkName() {
        return jwkName;
    }

    /** JCA standard name ({@code secp256r1}…). */
    public String jcaName() {
        return jcaName;
    }

    /** Named-curve OID, dotted. */
    public String oid() {
        return oid;
    }

    /** Domain parameters. */
    public ECParameterSpec spec() {
        return spec;
    }

    /** Field prime. */
    public BigInteger p() {
        return p;
    }

    /** Group order. */
    public BigInteger order() {
        return n;
    }

    /** Octets of a coordinate: 32, 48, 66 (RFC 7518 §6.2.1.2). */
    public int coordinateLength() {
        return coordinateLength;
    }

    /** Octets of a scalar (and of each half of an R‖S signature). */
    public int scalarLength() {
        return scalarLength;
    }

    /** True when {@code (x, y)} is a point of this curve with coordinates reduced modulo p. */
    public boolean isOnCurve(BigInteger x, BigInteger y) {
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        return lhs.equals(rhs);
    }

    /** {@code k·G}, for deriving the public point of an imported private scalar (not constant time). */
    public ECPoint multiplyGenerator(BigInteger k) {
        if (k.signum() <= 0 || k.compareTo(n) >= 0) {
            throw new IllegalArgumentException("private scalar out of range");
        }
        BigInteger[] acc = null;
        BigInteger[] add = {spec.getGenerator().getAffineX(), spec.getGenerator().getAffineY()};
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) {
                acc = acc == null ? add : addPoints(acc, add);
            }
            add = addPoints(add, add);
        }
        if (acc == null) {
            throw new IllegalArgumentException("point at infinity");
        }
        return new ECPoint(acc[0], acc[1]);
    }

    private BigInteger[] addPoints(BigInteger[] p1, BigInteger[] p2) {
        BigInteger lambda;
        if (p1[0].equals(p2[0])) {
            if (!p1[1].equals(p2[1]) || p1[1].signum() == 0) {
                throw new IllegalArgumentException("point at infinity");
            }
            lambda = p1[0].pow(2).multiply(BigInteger.valueOf(3)).add(a)
                    .multiply(p1[1].shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = p2[1].subtract(p1[1]).multiply(p2[0].subtract(p1[0]).modInverse(p)).mod(p);
        }
        BigInteger x3 = lambda.pow(2).subtract(p1[0]).subtract(p2[0]).mod(p);
        BigInteger y3 = lambda.multiply(p1[0].subtract(x3)).subtract(p1[1]).mod(p);
        return new BigInteger[] {x3, y3};
    }

    /** Big-endian, left-padded to {@code len} octets (throws if it does not fit). */
    public static byte[] toFixed(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        if (raw.length == len) {
            return raw;
        }
        byte[] out = new byte[len];
        if (raw.length > len) {
            int extra = raw.length - len;
            for (int i = 0; i < extra; i++) {
                if (raw[i] != 0) {
                    throw new IllegalArgumentException("value does not fit in " + len + " octets");
                }
            }
            System.arraycopy(raw, extra, out, 0, len);
        } else {
            System.arraycopy(raw, 0, out, len - raw.length, raw.length);
        }
        return out;
    }

    @Override
    public String toString() {
        return jwkName;
    }
}
