package dev.jwkadapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The DER encoder of {@link SelfSignedCertificate} (RFC 5280), checked by the JDK's own certificate parser. */
class SelfSignedCertificateTest {

    private static final Instant CREATED = Instant.parse("2024-02-29T12:34:56.789Z");

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of(TestKeys.rsa(2048), JwsAlgorithm.PS256, "SHA256withRSA", "1.2.840.113549.1.1.11"),
                Arguments.of(TestKeys.ec("secp256r1"), JwsAlgorithm.ES256, "SHA256withECDSA", "1.2.840.10045.4.3.2"),
                Arguments.of(TestKeys.ec("secp384r1"), JwsAlgorithm.ES384, "SHA384withECDSA", "1.2.840.10045.4.3.3"),
                Arguments.of(TestKeys.ec("secp521r1"), JwsAlgorithm.ES512, "SHA512withECDSA", "1.2.840.10045.4.3.4"),
                Arguments.of(TestKeys.ed25519(), JwsAlgorithm.EdDSA, "Ed25519", "1.3.101.112"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keys")
    void createWhenKeyTypeThenJdkParsesVerifiesAndReadsV3Fields(KeyPair pair, JwsAlgorithm alg, String sigAlg, String oid)
            throws Exception {
        X509Certificate cert = SelfSignedCertificate.create(pair, alg, 42, CREATED);
        X509Certificate reparsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.getEncoded()));

        reparsed.verify(pair.getPublic());
        assertThat(reparsed.getVersion()).isEqualTo(3);
        assertThat(reparsed.getSerialNumber()).isEqualTo(BigInteger.valueOf(42));
        assertThat(reparsed.getSigAlgName()).isEqualToIgnoringCase(sigAlg);
        assertThat(reparsed.getSigAlgOID()).isEqualTo(oid);
        assertThat(reparsed.getPublicKey()).isEqualTo(pair.getPublic());
        assertThat(reparsed.getSubjectX500Principal()).isEqualTo(reparsed.getIssuerX500Principal());
        assertThat(reparsed.getSubjectX500Principal().getName(X500Principal.RFC2253))
                .isEqualTo("CN=jwk-adapter " + alg.jwaName() + " 2024-02-29T12:34:56.789Z");
        assertThat(reparsed.getNotBefore().toInstant()).isEqualTo(Instant.parse("2024-02-29T12:34:56Z"));
        assertThat(reparsed.getNotAfter().toInstant()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(reparsed.getBasicConstraints()).isEqualTo(-1);
        assertThat(reparsed.getKeyUsage()[0]).isTrue();
        assertThat(reparsed.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(reparsed.getExtensionValue("2.5.29.14")).hasSize(2 + 2 + 20);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keys")
    void readWhenOwnCertificateThenMetadataRoundTrips(KeyPair pair, JwsAlgorithm alg, String sigAlg, String oid) throws Exception {
        X509Certificate cert = SelfSignedCertificate.create(pair, alg, Long.MAX_VALUE, CREATED);

        assertThat(SelfSignedCertificate.read(cert))
                .contains(new SelfSignedCertificate.Metadata(alg, Long.MAX_VALUE, CREATED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1949-12-31T23:59:59Z", "1950-01-01T00:00:00Z", "2049-12-31T23:59:59Z", "2050-01-01T00:00:00Z"})
    void createWhenNotBeforeAroundUtcTimeLimitsThenJdkReadsSameInstant(String instant) throws Exception {
        Instant created = Instant.parse(instant);

        X509Certificate cert = SelfSignedCertificate.create(TestKeys.ed25519(), JwsAlgorithm.EdDSA, 1, created);

        assertThat(cert.getNotBefore().toInstant()).isEqualTo(created);
        int tag = created.isBefore(Instant.parse("1950-01-01T00:00:00Z")) || !created.isBefore(Instant.parse("2050-01-01T00:00:00Z"))
                ? Der.GENERALIZED_TIME : Der.UTC_TIME;
        assertThat(Der.time(created)[0]).isEqualTo((byte) tag);
    }

    @Test
    void createWhenSequenceNotPositiveThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SelfSignedCertificate.create(TestKeys.ed25519(), JwsAlgorithm.EdDSA, 0, CREATED));
    }

    @Test
    void readWhenForeignCertificateThenEmpty() throws Exception {
        X509Certificate ours = SelfSignedCertificate.create(TestKeys.ed25519(), JwsAlgorithm.EdDSA, 5, CREATED);
        byte[] der = ours.getEncoded();
        // Same structure, other subject text: "jwk-adapter" becomes "xwk-adapter" (the signature no longer
        // verifies, which read() does not need).
        String text = new String(der, StandardCharsets.ISO_8859_1).replace("jwk-adapter EdDSA", "xwk-adapter EdDSA");
        X509Certificate foreign = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(SelfSignedCertificate.read(foreign)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.113549.1.1.11", "2.5.4.3", "1.3.101.112", "2.999.1234567890123", "0.0"})
    void oidWhenEncodedThenDecodesToSameDottedForm(String oid) {
        byte[] der = Der.oid(oid);

        assertThat(new Der.Reader(der).readOid()).isEqualTo(oid);
    }

    @Test
    void oidWhenKnownThenExactDerBytes() {
        assertThat(Der.oid("1.2.840.113549.1.1.11"))
                .containsExactly(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b);
    }

    @Test
    void tlvWhenLongContentThenLongFormLength() {
        byte[] der = Der.octetString(new byte[300]);

        assertThat(der).startsWith(0x04, 0x82, 0x01, 0x2c).hasSize(304);
        assertThat(new Der.Reader(der).read(Der.OCTET_STRING)).hasSize(300);
    }

    @Test
    void readerWhenLengthBeyondContainerThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Der.Reader(new byte[] {0x04, 0x05, 1, 2}).read(Der.OCTET_STRING))
                .withMessageContaining("longer");
    }
}
