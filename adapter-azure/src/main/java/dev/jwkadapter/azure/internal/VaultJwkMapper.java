package dev.jwkadapter.azure.internal;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Key Vault JSON Web Keys → standard public JWKs (RFC 7517/7518).
 *
 * <p>Key Vault's own key types and curve names become the registered ones ({@code RSA-HSM} → {@code RSA},
 * {@code EC-HSM} → {@code EC}, {@code P-256K} → {@code secp256k1}); RSA members lose leading zero octets
 * (HSM keys come back with {@code e = AAEAAQ}); EC coordinates are written at the curve's fixed length.
 * Only {@code kty}, {@code crv}, {@code n}, {@code e}, {@code x}, {@code y} are copied: {@code key_ops}, the
 * vault's {@code kid} URL and anything else are dropped, and {@link #stamp} adds {@code kid}, {@code use: sig}
 * and {@code alg}. Symmetric ({@code oct}, {@code oct-HSM}) keys are never exported. Stateless.
 */
public final class VaultJwkMapper {

    private VaultJwkMapper() {}

    /**
     * The public JWK of a vault key, without {@code kid}, {@code use} or {@code alg}.
     *
     * @throws JwkException ({@code UNSUPPORTED_KEY_TYPE}, {@code UNSUPPORTED_CURVE}, {@code INVALID_KEY} …)
     *     when the key is symmetric, of an unknown type, or fails the public-key checks
     */
    public static Jwk toPublicJwk(JsonWebKey key) {
        Objects.requireNonNull(key, "key");
        String vaultType = key.getKeyType() == null ? "" : key.getKeyType().toString();
        ObjectNode m = Json.object();
        switch (vaultType.toUpperCase(Locale.ROOT)) {
            case "RSA":
            case "RSA-HSM":
                m.put("kty", "RSA");
                m.put("n", Base64Url.encode(trimLeadingZeros(required(key.getN(), "n"))));
                m.put("e", Base64Url.encode(trimLeadingZeros(required(key.getE(), "e"))));
                break;
            case "EC":
            case "EC-HSM": {
                String vaultCurve = key.getCurveName() == null ? "" : key.getCurveName().toString();
                String crv = jwkCurve(vaultCurve);
                EcCurve curve = EcCurve.forJwkName(crv).orElseThrow(() -> new JwkException(
                        JwkException.Reason.UNSUPPORTED_CURVE, "Key Vault EC curve '" + printable(vaultCurve)
                                + "' is not supported (P-256, P-384, P-521, P-256K)"));
                m.put("kty", "EC");
                m.put("crv", crv);
                m.put("x", Base64Url.encode(fixed(required(key.getX(), "x"), curve.coordinateLength(), "x")));
                m.put("y", Base64Url.encode(fixed(required(key.getY(), "y"), curve.coordinateLength(), "y")));
                break;
            }
            case "OCT":
            case "OCT-HSM":
                throw new JwkException(JwkException.Reason.UNSUPPORTED_KEY_TYPE,
                        "Key Vault key type '" + printable(vaultType) + "' is symmetric and is never exported");
            default:
                throw new JwkException(JwkException.Reason.UNSUPPORTED_KEY_TYPE,
                        "Key Vault key type '" + printable(vaultType) + "' is not supported (RSA, RSA-HSM, EC, EC-HSM)");
        }
        return Jwk.parse(Json.strict().writeString(m));
    }

    /** The JWK with {@code kid}, {@code use: sig} and {@code alg} set; the algorithm must fit the key. */
    public static Jwk stamp(Jwk publicJwk, String kid, JwsAlgorithm alg) {
        return publicJwk.withKid(kid).withUse("sig").withAlgorithm(alg);
    }

    /** Whether the vault allows {@code sign} with this key ({@code key_ops} absent or containing it). */
    public static boolean allowsSign(JsonWebKey key) {
        List<KeyOperation> ops = key.getKeyOps();
        return ops == null || ops.isEmpty() || ops.contains(KeyOperation.SIGN);
    }

    /** The registered JWK curve name for a Key Vault curve name ({@code P-256K} → {@code secp256k1}). */
    public static String jwkCurve(String vaultCurve) {
        switch (vaultCurve) {
            case "P-256K":
            case "SECP256K1":
            case "secp256k1":
                return "secp256k1";
            default:
                return vaultCurve;
        }
    }

    /** {@code v} without leading zero octets (at least one octet is kept). */
    static byte[] trimLeadingZeros(byte[] v) {
        int i = 0;
        while (i < v.length - 1 && v[i] == 0) {
            i++;
        }
        byte[] out = new byte[v.length - i];
        System.arraycopy(v, i, out, 0, out.length);
        return out;
    }

    private static byte[] fixed(byte[] v, int len, String name) {
        byte[] t = trimLeadingZeros(v);
        if (t.length > len) {
            throw new JwkException(JwkException.Reason.INVALID_KEY,
                    "Key Vault EC coordinate '" + name + "' is longer than the curve allows");
        }
        byte[] out = new byte[len];
        System.arraycopy(t, 0, out, len - t.length, t.length);
        return out;
    }

    private static byte[] required(byte[] v, String name) {
        if (v == null || v.length == 0) {
            throw new JwkException(JwkException.Reason.MALFORMED, "Key Vault key lacks the member '" + name + "'");
        }
        return v;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 32; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
