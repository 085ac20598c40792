package dev.jwkadapter.core.jws;

import java.util.Optional;

/**
 * The JWS signature algorithms this library signs and verifies (RFC 7518 §3, RFC 8037).
 *
 * <p>Names match the JOSE registry exactly and case-sensitively; {@code none} and the HMAC
 * algorithms are deliberately absent, so they can never be allowed. {@link #EdDSA} means Ed25519
 * only. Each algorithm fits one key type (and for EC, one curve): see {@link #keyType()} and
 * {@link #curve()}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.1">RFC 7518 §3.1</a>
 */
public enum JwsAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RS256("RSA", null, "SHA-256", 32, 0),
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384("RSA", null, "SHA-384", 48, 0),
    /** RSASSA-PKCS1-v1_5 with SHA-512. */
    RS512("RSA", null, "SHA-512", 64, 0),
    /** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt. */
    PS256("RSA", null, "SHA-256", 32, 0),
    /** RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt. */
    PS384("RSA", null, "SHA-384", 48, 0),
    /** RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt. */
    PS512("RSA", null, "SHA-512", 64, 0),
    /** ECDSA on P-256 with SHA-256; signatures are R‖S, 64 bytes. */
    ES256("EC", "P-256", "SHA-256", 32, 64),
    /** ECDSA on P-384 with SHA-384; signatures are R‖S, 96 bytes. */
    ES384("EC", "P-384", "SHA-384", 48, 96),
    /** ECDSA on P-521 with SHA-512; signatures are R‖S, 132 bytes. */
    ES512("EC", "P-521", "SHA-512", 64, 132),
    /** EdDSA with Ed25519 (RFC 8037); signatures are 64 bytes. */
    EdDSA("OKP", "Ed25519", null, 0, 64);

    private final String keyType;
    private final String curve;
    private final String digest;
    private final int digestLength;
    private final int signatureLength;

    JwsAlgorithm(String keyType, String curve, String digest, int digestLength, int signatureLength) {
        this.keyType = keyType;
        this.curve = curve;
        this.digest = digest;
        this.digestLength = digestLength;
        this.signatureLength = signatureLength;
    }

    /** The JOSE name, as it appears in the {@code alg} header. */
    public String jwaName() {
        return name();
    }

    /** The JWK {@code kty} this algorithm needs: {@code RSA}, {@code EC} or {@code OKP}. */
    public String keyType() {
        return keyType;
    }

    /** The JWK {@code crv} this algorithm needs, for EC and OKP algorithms. */
    public Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    /** The JCA name of the message digest, for RSA and ECDSA algorithms (used to sign a digest remotely). */
    public Optional<String> digestAlgorithm() {
        return Optional.ofNullable(digest);
    }

    /** The digest length in bytes (0 for EdDSA, which signs the message itself). */
    public int digestLength() {
        return digestLength;
    }

    /**
     * The exact JOSE signature length in bytes for ECDSA and EdDSA, or 0 for RSA, whose signatures are
     * as long as the modulus.
     */
    public int fixedSignatureLength() {
        return signatureLength;
    }

    /** True for RS256/384/512 and PS256/384/512. */
    public boolean isRsa() {
        return "RSA".equals(keyType);
    }

    /** True for PS256/384/512. */
    public boolean isPss() {
        return this == PS256 || this == PS384 || this == PS512;
    }

    /** True for ES256/384/512. */
    public boolean isEcdsa() {
        return "EC".equals(keyType);
    }

    /**
     * Looks an algorithm up by its exact, case-sensitive JOSE name.
     *
     * @return empty for any other string, including {@code none}, HMAC names and {@code "rs256"}
     */
    public static Optional<JwsAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name) {
            case "RS256": return Optional.of(RS256);
            case "RS384": return Optional.of(RS384);
            case "RS512": return Optional.of(RS512);
            case "PS256": return Optional.of(PS256);
            case "PS384": return Optional.of(PS384);
            case "PS512": return Optional.of(PS512);
            case "ES256": return Optional.of(ES256);
            case "ES384": return Optional.of(ES384);
            case "ES512": return Optional.of(ES512);
            case "EdDSA": return Optional.of(EdDSA);
            default: return Optional.empty();
        }
    }

    /** The ECDSA algorithm for a JWK curve name ({@code P-256} → ES256 …). */
    public static Optional<JwsAlgorithm> forCurve(String crv) {
        for (JwsAlgorithm a : values()) {
            if (a.curve != null && a.curve.equals(crv)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
