package dev.jwkadapter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProviderException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads private keys to import: PEM (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1
 * {@code EC PRIVATE KEY}), private JWKs (a single JWK or a JWK Set) and PKCS#12 files. Every key is
 * completed with its public key and checked by {@link Keys#complete}. Error messages name the file
 * and the problem, never key material. Stateless and thread-safe.
 */
final class PrivateKeyImport {

    static final String OID_RSA = "1.2.840.113549.1.1.1";
    static final String OID_RSA_PSS = "1.2.840.113549.1.1.10";
    static final String OID_EC = "1.2.840.10045.2.1";
    static final String OID_ED25519 = "1.3.101.112";
    static final String OID_ED448 = "1.3.101.113";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /**
     * One key read from a file, with the algorithm the file binds it to (a JWK's {@code alg}), if any.
     * Never printed: {@link #toString()} shows the algorithm only.
     */
    record Imported(KeyPair pair, @Nullable JwsAlgorithm algorithm) {
        @Override
        public String toString() {
            return "Imported[" + pair.getPublic().getAlgorithm() + (algorithm == null ? "" : ", " + algorithm) + "]";
        }
    }

    private PrivateKeyImport() {}

    /**
     * Reads every private key of a PEM or JWK file.
     *
     * @throws IllegalArgumentException naming the file and the problem
     * @throws KeyProviderException ({@code FAILED}) when the file cannot be read
     */
    static List<Imported> readKeyFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyProviderException(KeyProviderException.Reason.FAILED,
                    "importKey(" + file + "): cannot read the file: " + e.getMessage(), e);
        }
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            String trimmed = text.strip();
            List<Imported> keys = trimmed.startsWith("{") ? fromJwkText(trimmed) : fromPem(text);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no private key found (expected PEM \"PRIVATE KEY\", "
                        + "\"RSA PRIVATE KEY\", \"EC PRIVATE KEY\" or a private JWK)");
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("importKey(" + file + "): " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Reads every private-key entry of a PKCS#12 file (entry passwords equal to the file's).
     *
     * @throws KeyProviderException {@code UNAUTHORIZED} for a wrong password, {@code FAILED} when unreadable
     * @throws IllegalArgumentException naming the file and the problem with a key
     */
    static List<Imported> readPkcs12(Path file, char[] password) {
        KeyStore ks;
        try {
            ks = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(file)) {
                ks.load(in, password);
            }
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyProviderException(KeyProviderException.Reason.UNAUTHORIZED,
                        "importPkcs12(" + file + "): the password is wrong", e);
            }
            throw new KeyProviderException(KeyProviderException.Reason.FAILED,
                    "importPkcs12(" + file + "): cannot read the PKCS#12 file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException(KeyProviderException.Reason.FAILED,
                    "importPkcs12(" + file + "): cannot read the PKCS#12 file: " + e.getMessage(), e);
        }
        List<Imported> out = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) {
                    continue;
                }
                Key key;
                try {
                    key = ks.getKey(alias, password);
                } catch (UnrecoverableKeyException e) {
                    throw new KeyProviderException(KeyProviderException.Reason.UNAUTHORIZED,
                            "importPkcs12(" + file + "): an entry has a password other than the file's", e);
                }
                if (!(key instanceof PrivateKey)) {
                    continue;
                }
                Certificate cert = ks.getCertificate(alias);
                try {
                    out.add(new Imported(Keys.complete((PrivateKey) key, cert == null ? null : cert.getPublicKey()), null));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("importPkcs12(" + file + "): " + e.getMessage(), e);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException(KeyProviderException.Reason.FAILED,
                    "importPkcs12(" + file + "): cannot read a key entry: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("importPkcs12(" + file + "): the file holds no private-key entry");
        }
        return out;
    }

    // ---------------------------------------------------------------- PEM

    static List<Imported> fromPem(String text) {
        List<Imported> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String label = m.group(1);
            String body = m.group(2);
            switch (label) {
                case "PRIVATE KEY":
                    out.add(new Imported(fromPkcs8(pemBytes(label, body)), null));
                    break;
                case "RSA PRIVATE KEY":
                    out.add(new Imported(fromPkcs1(pemBytes(label, body)), null));
                    break;
                case "EC PRIVATE KEY":
                    out.add(new Imported(fromSec1(pemBytes(label, body), null), null));
                    break;
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException("encrypted PKCS#8 keys are not supported: decrypt the key first "
                            + "(for example: openssl pkcs8 -in key.pem -nocrypt -out plain.pem), or import a PKCS#12 file");
                default:
                    break; // EC PARAMETERS, CERTIFICATE, PUBLIC KEY ...: not keys to import
            }
        }
        return out;
    }

    private static byte[] pemBytes(String label, String body) {
        if (body.contains(":")) {
            throw new IllegalArgumentException("PEM \"" + label + "\" has headers (legacy encrypted PEM is not supported: "
                    + "decrypt the key first, for example with openssl pkey)");
        }
        StringBuilder b64 = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c)) {
                b64.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM \"" + label + "\" is not valid base64", e);
        }
    }

    /** PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958). */
    static KeyPair fromPkcs8(byte[] der) {
        try {
            Der.Reader info = new Der.Reader(der).readConstructed(Der.SEQUENCE);
            BigInteger version = info.readInteger();
            if (version.signum() < 0 || version.compareTo(BigInteger.ONE) > 0) {
                throw new IllegalArgumentException("PKCS#8 version must be 0 or 1");
            }
            Der.Reader algId = info.readConstructed(Der.SEQUENCE);
            String oid = algId.readOid();
            String curveOid = algId.hasMore() && algId.peekTag() == Der.OID ? algId.readOid() : null;
            byte[] privateKey = info.read(Der.OCTET_STRING);
            byte[] publicKey = null;
            while (info.hasMore()) {
                int tag = info.peekTag();
                if (tag == 0xa0) {
                    info.readRaw(); // attributes
                } else if (tag == 0x81) {
                    byte[] bits = info.read(0x81);
                    if (bits.length == 0 || bits[0] != 0) {
                        throw new IllegalArgumentException("PKCS#8 public key has unused bits");
                    }
                    publicKey = Arrays.copyOfRange(bits, 1, bits.length);
                } else {
                    throw new IllegalArgumentException("unexpected element in PKCS#8");
                }
            }
            switch (oid) {
                case OID_RSA:
                    return fromPkcs1(privateKey);
                case OID_EC:
                    if (curveOid == null) {
                        throw new IllegalArgumentException("EC PKCS#8 key without a named curve (explicit parameters are not supported)");
                    }
                    return fromSec1(privateKey, curveOid);
                case OID_ED25519:
                    return fromEd25519(privateKey, publicKey);
                case OID_RSA_PSS:
                    throw new IllegalArgumentException("RSASSA-PSS-restricted keys (OID 1.2.840.113549.1.1.10) are not supported: "
                            + "export the key as a plain rsaEncryption PKCS#8 key");
                case OID_ED448:
                    throw new IllegalArgumentException("Ed448 keys are not supported (EdDSA means Ed25519 here)");
                default:
                    throw new IllegalArgumentException("unsupported key algorithm OID " + oid
                            + " (RSA, EC P-256/P-384/P-521 and Ed25519 are supported)");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PKCS#8 key rejected by the JCA: " + e.getMessage(), e);
        }
    }

    /** PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2), two-prime only. */
    static KeyPair fromPkcs1(byte[] der) {
        Der.Reader r = new Der.Reader(der).readConstructed(Der.SEQUENCE);
        BigInteger version = r.readInteger();
        if (version.signum() != 0) {
            throw new IllegalArgumentException("multi-prime RSA keys are not supported");
        }
        BigInteger n = r.readInteger();
        BigInteger e = r.readInteger();
        BigInteger d = r.readInteger();
        BigInteger p = r.readInteger();
        BigInteger q = r.readInteger();
        BigInteger dp = r.readInteger();
        BigInteger dq = r.readInteger();
        BigInteger qi = r.readInteger();
        r.end();
        return rsa(n, e, d, p, q, dp, dq, qi);
    }

    private static KeyPair rsa(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
            BigInteger dp, BigInteger dq, BigInteger qi) {
        for (BigInteger v : new BigInteger[] {n, e, d, p, q, dp, dq, qi}) {
            if (v.signum() <= 0) {
                throw new IllegalArgumentException("RSA key has a zero or negative component");
            }
        }
        if (n.bitLength() < 2048) {
            throw new IllegalArgumentException("RSA key has " + n.bitLength()
                    + " bits; at least 2048 are required (RFC 8725 §3.5): generate a new key");
        }
        if (!p.multiply(q).equals(n)) {
            throw new IllegalArgumentException("RSA key is inconsistent: p·q is not n");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi));
            return Keys.complete(key, null);
        } catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("RSA key rejected by the JCA: " + ex.getMessage(), ex);
        }
    }

    /** SEC1 ECPrivateKey (RFC 5915); {@code curveOid} from the PKCS#8 wrapper, if any. */
    static KeyPair fromSec1(byte[] der, @Nullable String curveOid) {
        Der.Reader r = new Der.Reader(der).readConstructed(Der.SEQUENCE);
        if (!BigInteger.ONE.equals(r.readInteger())) {
            throw new IllegalArgumentException("SEC1 EC private key version must be 1");
        }
        byte[] d = r.read(Der.OCTET_STRING);
        String oid = curveOid;
        byte[] point = null;
        while (r.hasMore()) {
            int tag = r.peekTag();
            if (tag == 0xa0) {
                Der.Reader params = r.readConstructed(0xa0);
                if (params.peekTag() != Der.OID) {
                    throw new IllegalArgumentException("EC key with explicit curve parameters is not supported (use a named curve)");
                }
                String inner = params.readOid();
                if (oid != null && !oid.equals(inner)) {
                    throw new IllegalArgumentException("EC key names two different curves");
                }
                oid = inner;
            } else if (tag == 0xa1) {
                point = r.readConstructed(0xa1).readBitString();
            } else {
                throw new IllegalArgumentException("unexpected element in SEC1 EC private key");
            }
        }
        if (oid == null) {
            throw new IllegalArgumentException("EC private key names no curve");
        }
        String curveName = oid;
        EcCurve curve = EcCurve.forOid(oid).filter(c -> c != EcCurve.SECP256K1).orElseThrow(() ->
                new IllegalArgumentException("EC curve " + curveName + " is not supported (P-256, P-384, P-521)"));
        BigInteger s = new BigInteger(1, d);
        Arrays.fill(d, (byte) 0);
        PublicKey expected = null;
        if (point != null && point.length == 1 + 2 * curve.coordinateLength() && point[0] == 4) {
            int len = curve.coordinateLength();
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + len));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + len, point.length));
            expected = ecPublic(curve, x, y);
        }
        return ec(curve, s, expected);
    }

    private static KeyPair ec(EcCurve curve, BigInteger s, @Nullable PublicKey expected) {
        if (s.signum() <= 0 || s.compareTo(curve.order()) >= 0) {
            throw new IllegalArgumentException("EC private scalar is out of range [1, n-1]");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, curve.spec()));
            return Keys.complete(key, expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("EC key rejected by the JCA: " + e.getMessage(), e);
        }
    }

    private static PublicKey ecPublic(EcCurve curve, BigInteger x, BigInteger y) {
        if (!curve.isOnCurve(x, y)) {
            throw new IllegalArgumentException("EC public point is not on curve " + curve.jwkName());
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve.spec()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("EC public key rejected by the JCA: " + e.getMessage(), e);
        }
    }

    /** RFC 8410 CurvePrivateKey (an OCTET STRING holding the 32-byte seed), with the optional public key. */
    private static KeyPair fromEd25519(byte[] privateKey, byte @Nullable [] publicKey) throws GeneralSecurityException {
        Der.Reader r = new Der.Reader(privateKey);
        byte[] seed = r.read(Der.OCTET_STRING);
        r.end();
        try {
            return ed25519(seed, publicKey);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static KeyPair ed25519(byte[] seed, byte @Nullable [] expectedPublic) throws GeneralSecurityException {
        KeyPair pair = Keys.ed25519FromSeed(seed);
        if (expectedPublic != null) {
            String derivedX = Keys.publicJwk(pair.getPublic(), JwsAlgorithm.EdDSA).member("x").orElseThrow();
            if (!derivedX.equals(Base64Url.encode(expectedPublic))) {
                throw new IllegalArgumentException("the Ed25519 public key stored with the private key does not belong to it");
            }
        }
        Keys.check(pair);
        return pair;
    }

    // ---------------------------------------------------------------- JWK

    static List<Imported> fromJwkText(String text) {
        ObjectNode root;
        try {
            root = Json.strict().parseObject(text);
        } catch (Json.JsonFormatException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        List<Imported> out = new ArrayList<>();
        JsonNode keys = root.get("keys");
        if (keys != null) {
            if (!keys.isArray()) {
                throw new IllegalArgumentException("JWK Set 'keys' must be an array");
            }
            for (JsonNode k : keys) {
                if (!k.isObject()) {
                    throw new IllegalArgumentException("JWK Set entries must be objects");
                }
                out.add(fromJwk((ObjectNode) k));
            }
        } else {
            out.add(fromJwk(root));
        }
        return out;
    }

    /** One private JWK (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
    static Imported fromJwk(ObjectNode jwk) {
        String kty = string(jwk, "kty");
        String use = optionalString(jwk, "use");
        if (use != null && !"sig".equals(use)) {
            throw new IllegalArgumentException("JWK 'use' is \"" + use.replaceAll("[^ -~]", "?")
                    + "\"; only signing keys (\"sig\") can be imported");
        }
        if (!jwk.has("d")) {
            throw new IllegalArgumentException("the JWK has no private member 'd': a public key cannot sign");
        }
        KeyPair pair;
        switch (kty) {
            case "RSA":
                if (jwk.has("oth")) {
                    throw new IllegalArgumentException("multi-prime RSA keys ('oth') are not supported");
                }
                for (String m : new String[] {"p", "q", "dp", "dq", "qi"}) {
                    if (!jwk.has(m)) {
                        throw new IllegalArgumentException("RSA JWK lacks '" + m + "': the CRT parameters (p, q, dp, dq, qi) are required");
                    }
                }
                pair = rsa(integer(jwk, "n"), integer(jwk, "e"), integer(jwk, "d"), integer(jwk, "p"), integer(jwk, "q"),
                        integer(jwk, "dp"), integer(jwk, "dq"), integer(jwk, "qi"));
                break;
            case "EC": {
                String crv = string(jwk, "crv");
                EcCurve curve = EcCurve.forJwkName(crv).filter(c -> c != EcCurve.SECP256K1).orElseThrow(() ->
                        new IllegalArgumentException("EC JWK curve is not supported (P-256, P-384, P-521)"));
                int len = curve.coordinateLength();
                BigInteger x = new BigInteger(1, fixed(jwk, "x", len));
                BigInteger y = new BigInteger(1, fixed(jwk, "y", len));
                byte[] d = fixed(jwk, "d", len);
                BigInteger s = new BigInteger(1, d);
                Arrays.fill(d, (byte) 0);
                PublicKey expected = ecPublic(curve, x, y);
                if (s.signum() <= 0 || s.compareTo(curve.order()) >= 0) {
                    throw new IllegalArgumentException("EC private scalar is out of range [1, n-1]");
                }
                if (!curve.multiplyGenerator(s).equals(new ECPoint(x, y))) {
                    throw new IllegalArgumentException("the EC JWK's public point (x, y) is not d·G: 'd' belongs to another key");
                }
                pair = ec(curve, s, expected);
                break;
            }
            case "OKP": {
                String crv = string(jwk, "crv");
                if (!"Ed25519".equals(crv)) {
                    throw new IllegalArgumentException("OKP JWK curve is not supported (Ed25519 only)");
                }
                byte[] x = fixed(jwk, "x", 32);
                byte[] d = fixed(jwk, "d", 32);
                try {
                    pair = ed25519(d, x);
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("Ed25519 key rejected by the JCA: " + e.getMessage(), e);
                } finally {
                    Arrays.fill(d, (byte) 0);
                }
                break;
            }
            case "oct":
                throw new IllegalArgumentException("symmetric ('oct') keys are not supported: only RSA, EC and OKP keys sign here");
            default:
                throw new IllegalArgumentException("JWK 'kty' is not supported (RSA, EC, OKP)");
        }
        JwsAlgorithm alg = null;
        String algName = optionalString(jwk, "alg");
        if (algName != null) {
            alg = JwsAlgorithm.fromName(algName).orElseThrow(() ->
                    new IllegalArgumentException("JWK 'alg' is not a supported JWS algorithm"));
            if (Keys.algorithmFor(pair.getPublic(), alg) != alg) {
                throw new IllegalArgumentException("JWK 'alg' " + alg + " does not fit the key");
            }
        }
        return new Imported(pair, alg);
    }

    private static String string(ObjectNode jwk, String name) {
        String v = optionalString(jwk, name);
        if (v == null) {
            throw new IllegalArgumentException("JWK member '" + name + "' is missing");
        }
        return v;
    }

    private static @Nullable String optionalString(ObjectNode jwk, String name) {
        JsonNode v = jwk.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("JWK member '" + name + "' must be a string");
        }
        return v.textValue();
    }

    private static byte[] bytes(ObjectNode jwk, String name) {
        try {
            return Base64Url.decode(string(jwk, name));
        } catch (Base64Url.InvalidBase64Exception e) {
            throw new IllegalArgumentException("JWK member '" + name + "' is not base64url: " + e.getMessage(), e);
        }
    }

    private static BigInteger integer(ObjectNode jwk, String name) {
        byte[] b = bytes(jwk, name);
        if (b.length == 0) {
            throw new IllegalArgumentException("JWK member '" + name + "' is empty");
        }
        BigInteger v = new BigInteger(1, b);
        Arrays.fill(b, (byte) 0);
        return v;
    }

    private static byte[] fixed(ObjectNode jwk, String name, int len) {
        byte[] b = bytes(jwk, name);
        if (b.length != len) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "JWK member '%s' must be exactly %d octets, was %d", name, len, b.length));
        }
        return b;
    }
}
