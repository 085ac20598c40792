package dev.jwkadapter.local;

import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A minimal self-signed X.509 v3 certificate (RFC 5280), written in DER, so that a private key can be
 * kept in a PKCS#12 store (which needs a certificate per key entry) without any non-public JDK API.
 *
 * <p>The certificate is signed by the key itself (SHA256withRSA, SHA256/384/512withECDSA by curve,
 * or Ed25519) and carries the per-version metadata of the store: the serial number is the version's
 * monotonic sequence number, and the subject common name is {@code jwk-adapter <alg> <createdOn>}
 * (ISO-8601 instant, full precision). Extensions: basicConstraints (not a CA), keyUsage
 * digitalSignature, subjectKeyIdentifier. Stateless and thread-safe.
 */
final class SelfSignedCertificate {

    static final String CN_PREFIX = "jwk-adapter";

    private static final String OID_CN = "2.5.4.3";
    private static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    /** What the certificate says about its key version. */
    record Metadata(JwsAlgorithm algorithm, long sequence, Instant createdOn) {}

    private SelfSignedCertificate() {}

    /**
     * Creates and self-verifies the certificate of one key version.
     *
     * @param sequence the version's sequence number, at least 1
     * @throws GeneralSecurityException if the key cannot sign its own certificate
     */
    static X509Certificate create(KeyPair keyPair, JwsAlgorithm algorithm, long sequence, Instant createdOn)
            throws GeneralSecurityException {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive");
        }
        PublicKey publicKey = keyPair.getPublic();
        String[] sigAlg = signatureAlgorithm(publicKey);
        byte[] algorithmIdentifier = publicKey instanceof RSAKey
                ? Der.sequence(Der.oid(sigAlg[1]), Der.nullValue())
                : Der.sequence(Der.oid(sigAlg[1]));
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(OID_CN),
                Der.utf8(CN_PREFIX + " " + algorithm.jwaName() + " " + createdOn))));
        byte[] spki = publicKey.getEncoded();
        byte[] extensions = Der.explicit(3, Der.sequence(
                extension("2.5.29.19", true, Der.sequence()),
                extension("2.5.29.15", true, new byte[] {Der.BIT_STRING, 2, 7, (byte) 0x80}),
                extension("2.5.29.14", false, Der.octetString(keyIdentifier(spki)))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(2)),
                Der.integer(sequence),
                algorithmIdentifier,
                name,
                Der.sequence(Der.time(createdOn), Der.time(NO_EXPIRY)),
                name,
                spki,
                extensions);
        byte[] signature = sign(sigAlg[0], keyPair.getPrivate(), tbs);
        byte[] der = Der.sequence(tbs, algorithmIdentifier, Der.bitString(signature));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        cert.verify(publicKey);
        return cert;
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
    private static byte[] keyIdentifier(byte[] spki) throws GeneralSecurityException {
        Der.Reader r = new Der.Reader(spki).readConstructed(Der.SEQUENCE);
        r.readRaw();
        return MessageDigest.getInstance("SHA-1").digest(r.readBitString());
    }

    /** {JCA name, OID} of the signature algorithm the key signs its certificate with. */
    private static String[] signatureAlgorithm(PublicKey key) {
        if (key instanceof RSAKey) {
            return new String[] {"SHA256withRSA", "1.2.840.113549.1.1.11"};
        }
        if (key instanceof ECKey) {
            EcCurve curve = EcCurve.forParameters(((ECKey) key).getParams())
                    .orElseThrow(() -> new IllegalArgumentException("EC key is not on P-256, P-384 or P-521"));
            if (curve == EcCurve.P_256) {
                return new String[] {"SHA256withECDSA", "1.2.840.10045.4.3.2"};
            }
            if (curve == EcCurve.P_384) {
                return new String[] {"SHA384withECDSA", "1.2.840.10045.4.3.3"};
            }
            if (curve == EcCurve.P_521) {
                return new String[] {"SHA512withECDSA", "1.2.840.10045.4.3.4"};
            }
            throw new IllegalArgumentException("EC key is not on P-256, P-384 or P-521");
        }
        if (key instanceof EdECKey && "Ed25519".equalsIgnoreCase(((EdECKey) key).getParams().getName())) {
            return new String[] {"Ed25519", "1.3.101.112"};
        }
        throw new IllegalArgumentException("only RSA, EC (P-256/384/521) and Ed25519 keys are supported");
    }

    private static byte[] sign(String jcaName, PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    /** The metadata of a certificate written by {@link #create}, or empty for any other certificate. */
    static Optional<Metadata> read(X509Certificate cert) {
        String cn;
        try {
            cn = commonName(cert.getSubjectX500Principal().getEncoded()).orElse(null);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (cn == null) {
            return Optional.empty();
        }
        String[] parts = cn.split(" ", -1);
        if (parts.length != 3 || !CN_PREFIX.equals(parts[0])) {
            return Optional.empty();
        }
        Optional<JwsAlgorithm> alg = JwsAlgorithm.fromName(parts[1]);
        BigInteger serial = cert.getSerialNumber();
        if (alg.isEmpty() || serial.signum() <= 0 || serial.bitLength() > 63) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Metadata(alg.get(), serial.longValueExact(), Instant.parse(parts[2])));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> commonName(byte[] name) {
        Der.Reader rdns = new Der.Reader(name).readConstructed(Der.SEQUENCE);
        while (rdns.hasMore()) {
            Der.Reader rdn = rdns.readConstructed(Der.SET);
            while (rdn.hasMore()) {
                Der.Reader atv = rdn.readConstructed(Der.SEQUENCE);
                String oid = atv.readOid();
                int tag = atv.peekTag();
                byte[] value = atv.read(tag);
                if (OID_CN.equals(oid) && (tag == Der.UTF8_STRING || tag == Der.PRINTABLE_STRING)) {
                    return Optional.of(new String(value, StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }
}
