package dev.jwkadapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.EcCurve;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Importing private keys into a {@link LocalKeyProvider}: PEM (PKCS#8, PKCS#1, SEC1), private JWKs, PKCS#12. */
class LocalKeyProviderImportTest {

    private static final byte[] MESSAGE = "eyJhbGciOiJFUzI1NiJ9.e30".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private LocalKeyProvider importInMemory(Path file, JwsAlgorithm builderAlgorithm) {
        return LocalKeyProvider.builder().inMemory().algorithm(builderAlgorithm).importKey(file).build();
    }

    /** The imported key is the only version, has the pair's thumbprint as kid, and signs verifiably. */
    private static KeyVersion assertImported(LocalKeyProvider provider, PublicKey expected, JwsAlgorithm alg) throws Exception {
        assertThat(provider.keys()).hasSize(1);
        KeyVersion v = provider.activeKey();
        assertThat(v.kid()).isEqualTo(Jwk.fromPublicKey(expected, null).thumbprint());
        assertThat(v.algorithms()).containsExactly(alg);
        assertThat(v.jwk().algorithm()).contains(alg.jwaName());
        byte[] sig = provider.sign(v.kid(), alg, MESSAGE);
        assertThat(JcaSignatures.verify(alg, expected, MESSAGE, sig)).isTrue();
        return v;
    }

    static Stream<Arguments> jdkPairs() {
        return Stream.of(
                Arguments.of("RSA-2048", JwsAlgorithm.RS256),
                Arguments.of("secp256r1", JwsAlgorithm.ES256),
                Arguments.of("secp384r1", JwsAlgorithm.ES384),
                Arguments.of("secp521r1", JwsAlgorithm.ES512),
                Arguments.of("Ed25519", JwsAlgorithm.EdDSA));
    }

    private static KeyPair pair(String kind) {
        switch (kind) {
            case "RSA-2048": return TestKeys.rsa(2048);
            case "Ed25519": return TestKeys.ed25519();
            default: return TestKeys.ec(kind);
        }
    }

    // ---------------------------------------------------------------- PEM

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdkPairs")
    void importKeyWhenJdkPkcs8PemThenPublicKeyDerivedAndAlgorithmFromKey(String kind, JwsAlgorithm expected) throws Exception {
        KeyPair pair = pair(kind);
        Path file = TestKeys.write(tmp, "key.pem", TestKeys.pkcs8Pem(pair));

        LocalKeyProvider provider = importInMemory(file, JwsAlgorithm.ES256);

        assertImported(provider, pair.getPublic(), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdkPairs")
    void importKeyWhenPrivateJwkThenSameKeyAndAlgorithmFromKey(String kind, JwsAlgorithm expected) throws Exception {
        KeyPair pair = pair(kind);
        Path file = TestKeys.write(tmp, "key.json", TestKeys.privateJwk(pair));

        LocalKeyProvider provider = importInMemory(file, JwsAlgorithm.ES256);

        assertImported(provider, pair.getPublic(), expected);
    }

    @Test
    void importKeyWhenPkcs1PemThenRsaKeyBoundToBuilderRsaAlgorithm() throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        Path file = TestKeys.write(tmp, "rsa.pem", TestKeys.pem("RSA PRIVATE KEY", TestKeys.pkcs1(pair)));

        LocalKeyProvider provider = importInMemory(file, JwsAlgorithm.PS384);

        assertImported(provider, pair.getPublic(), JwsAlgorithm.PS384);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void importKeyWhenSec1PemWithCurveThenImportedWithOrWithoutPublicPoint(boolean withPublic) throws Exception {
        KeyPair pair = TestKeys.ec("secp384r1");
        Path file = TestKeys.write(tmp, "ec.pem", TestKeys.pem("EC PRIVATE KEY", TestKeys.sec1(pair, pair, true, withPublic)));

        LocalKeyProvider provider = importInMemory(file, JwsAlgorithm.RS256);

        assertImported(provider, pair.getPublic(), JwsAlgorithm.ES384);
    }

    @Test
    void importKeyWhenSec1PublicPointOfAnotherKeyThenRefused() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        KeyPair other = TestKeys.freshEc("secp256r1");
        Path file = TestKeys.write(tmp, "ec.pem", TestKeys.pem("EC PRIVATE KEY", TestKeys.sec1(pair, other, true, true)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("does not belong")
                .withMessageContaining(file.toString());
    }

    @Test
    void importKeyWhenSec1WithoutCurveThenRefused() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        Path file = TestKeys.write(tmp, "ec.pem", TestKeys.pem("EC PRIVATE KEY", TestKeys.sec1(pair, pair, false, false)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("curve");
    }

    @Test
    void importKeyWhenPkcs8Ed25519WithPublicKeyThenChecked() throws Exception {
        KeyPair pair = TestKeys.ed25519();
        Path good = TestKeys.write(tmp, "good.pem", TestKeys.pem("PRIVATE KEY", TestKeys.ed25519Pkcs8WithPublic(pair, pair)));
        KeyPair other = TestKeys.freshEd25519();
        Path bad = TestKeys.write(tmp, "bad.pem", TestKeys.pem("PRIVATE KEY", TestKeys.ed25519Pkcs8WithPublic(pair, other)));

        assertImported(importInMemory(good, JwsAlgorithm.ES256), pair.getPublic(), JwsAlgorithm.EdDSA);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(bad, JwsAlgorithm.ES256))
                .withMessageContaining("does not belong");
    }

    @Test
    void importKeyWhenSeveralPemBlocksThenEveryPrivateKeyImportedNewestLast() throws Exception {
        KeyPair ec = TestKeys.ec("secp256r1");
        KeyPair ed = TestKeys.ed25519();
        Path file = TestKeys.write(tmp, "two.pem", TestKeys.pkcs8Pem(ec) + TestKeys.pem("PUBLIC KEY", ec.getPublic().getEncoded())
                + TestKeys.pkcs8Pem(ed));

        LocalKeyProvider provider = importInMemory(file, JwsAlgorithm.ES256);

        assertThat(provider.keys()).extracting(KeyVersion::kid)
                .containsExactly(TestKeys.thumbprint(ed), TestKeys.thumbprint(ec));
    }

    // ---------------------------------------------------------------- files from OpenSSL

    static Stream<Arguments> opensslFiles() {
        return Stream.of(
                Arguments.of("openssl-ec-p384-sec1", JwsAlgorithm.ES384),
                Arguments.of("openssl-rsa-2048-pkcs1", JwsAlgorithm.RS256),
                Arguments.of("openssl-ed25519-pkcs8", JwsAlgorithm.EdDSA),
                Arguments.of("openssl-ec-p521-pkcs8", JwsAlgorithm.ES512));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslFiles")
    void importKeyWhenOpensslFileThenSamePublicKeyAsOpensslWrote(String name, JwsAlgorithm expected) throws Exception {
        PublicKey published = publicKeyPem(resource(name + ".pub.pem"), expected);

        LocalKeyProvider provider = importInMemory(resource(name + ".pem"), JwsAlgorithm.ES256);

        assertImported(provider, published, expected);
    }

    @Test
    void importKeyWhenOpensslRsa1024ThenRefusedNaming2048Bits() throws Exception {
        Path file = resource("openssl-rsa-1024-pkcs8.pem");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.RS256))
                .withMessageContaining("1024 bits")
                .withMessageContaining("2048");
    }

    @Test
    void importKeyWhenEncryptedPkcs8ThenRefusedWithAdvice() throws Exception {
        Path file = resource("openssl-ec-p256-encrypted.pem");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("encrypted")
                .withMessageContaining("-nocrypt");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LocalKeyProviderImportTest.class.getResource("/keys/" + name).toURI());
    }

    private static PublicKey publicKeyPem(Path file, JwsAlgorithm alg) throws Exception {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String jca = alg.isRsa() ? "RSA" : alg.isEcdsa() ? "EC" : "Ed25519";
        return KeyFactory.getInstance(jca).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    // ---------------------------------------------------------------- refusals (SECURITY-CASES A7, J1)

    @Test
    void importKeyWhenRsa1024Pkcs8ThenRefused() throws Exception {
        Path file = TestKeys.write(tmp, "weak.pem", TestKeys.pkcs8Pem(TestKeys.rsa(1024)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.RS256))
                .withMessageContaining("at least 2048");
    }

    @Test
    void importKeyWhenRsa1024JwkThenRefused() throws Exception {
        Path file = TestKeys.write(tmp, "weak.json", TestKeys.privateJwk(TestKeys.rsa(1024)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.RS256))
                .withMessageContaining("at least 2048");
    }

    @Test
    void importKeyWhenEcJwkDBelongsToAnotherPointThenRefusedWithoutEchoingD() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        KeyPair other = TestKeys.freshEc("secp256r1");
        String d = Base64Url.encode(EcCurve.toFixed(((ECPrivateKey) other.getPrivate()).getS(), 32));
        String jwk = TestKeys.privateJwk(pair).replaceAll("\"d\":\"[^\"]+\"", "\"d\":\"" + d + "\"");
        Path file = TestKeys.write(tmp, "mismatch.json", jwk);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("d·G")
                .withMessageNotContaining(d);
    }

    @Test
    void importKeyWhenEcJwkPointNotOnCurveThenRefused() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        String jwk = TestKeys.privateJwk(pair);
        String y = jwk.replaceAll(".*\"y\":\"([^\"]+)\".*", "$1");
        byte[] yb = Base64Url.decode(y);
        yb[31] ^= 1;
        Path file = TestKeys.write(tmp, "offcurve.json", jwk.replace(y, Base64Url.encode(yb)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("not on curve");
    }

    @Test
    void importKeyWhenOkpJwkXOfAnotherKeyThenRefused() throws Exception {
        String jwk = TestKeys.privateJwk(TestKeys.ed25519());
        String otherX = TestKeys.privateJwk(TestKeys.freshEd25519()).replaceAll(".*\"x\":\"([^\"]+)\".*", "$1");
        Path file = TestKeys.write(tmp, "okp.json", jwk.replaceAll("\"x\":\"[^\"]+\"", "\"x\":\"" + otherX + "\""));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("does not belong");
    }

    @Test
    void importKeyWhenRsaJwkWithoutCrtMembersThenRefused() throws Exception {
        String jwk = TestKeys.privateJwk(TestKeys.rsa(2048)).replaceAll(",\"qi\":\"[^\"]+\"", "");
        Path file = TestKeys.write(tmp, "noqi.json", jwk);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.RS256))
                .withMessageContaining("'qi'");
    }

    @Test
    void importKeyWhenPublicJwkThenRefused() throws Exception {
        Path file = TestKeys.write(tmp, "public.json", Jwk.fromPublicKey(TestKeys.ed25519().getPublic(), null).toJson());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("no private member");
    }

    @Test
    void importKeyWhenJwkAlgGivenThenKeyBoundToIt() throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        String jwk = TestKeys.privateJwk(pair).replace("{\"kty\"", "{\"alg\":\"PS512\",\"use\":\"sig\",\"kty\"");
        Path file = TestKeys.write(tmp, "ps512.json", jwk);

        assertImported(importInMemory(file, JwsAlgorithm.RS256), pair.getPublic(), JwsAlgorithm.PS512);
    }

    @Test
    void importKeyWhenJwkAlgDoesNotFitKeyThenRefused() throws Exception {
        String jwk = TestKeys.privateJwk(TestKeys.ec("secp256r1")).replace("{\"kty\"", "{\"alg\":\"ES384\",\"kty\"");
        Path file = TestKeys.write(tmp, "wrongalg.json", jwk);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("does not fit");
    }

    @Test
    void importKeyWhenFileHoldsNoPrivateKeyThenRefused() throws Exception {
        Path file = TestKeys.write(tmp, "cert-only.pem", TestKeys.pem("PUBLIC KEY", TestKeys.ed25519().getPublic().getEncoded()));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> importInMemory(file, JwsAlgorithm.ES256))
                .withMessageContaining("no private key found");
    }

    @Test
    void importKeyWhenFileMissingThenFailed() {
        Path missing = tmp.resolve("missing.pem");

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> importInMemory(missing, JwsAlgorithm.ES256))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.FAILED));
    }

    // ---------------------------------------------------------------- into a directory store

    @Test
    void importKeyWhenBuiltTwiceThenIdempotentByThumbprint() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        Path file = TestKeys.write(tmp, "key.pem", TestKeys.pkcs8Pem(pair));
        Path dir = tmp.resolve("store");

        LocalKeyProvider first = LocalKeyProvider.builder().directory(dir).password("pw".toCharArray()).importKey(file).build();
        first.rotate();
        LocalKeyProvider second = LocalKeyProvider.builder().directory(dir).password("pw".toCharArray()).importKey(file).build();

        assertThat(second.keys()).hasSize(2).isEqualTo(first.keys());
        assertThat(second.keys().get(1).kid()).isEqualTo(TestKeys.thumbprint(pair));
    }

    @Test
    void importKeyWhenAddedToExistingStoreThenBecomesActiveAndOthersStay() throws Exception {
        Path dir = tmp.resolve("store");
        KeyVersion generated = LocalKeyProvider.builder().directory(dir).password("pw".toCharArray()).build().activeKey();
        KeyPair pair = TestKeys.ed25519();
        Path file = TestKeys.write(tmp, "ed.json", TestKeys.privateJwk(pair));

        LocalKeyProvider provider = LocalKeyProvider.builder().directory(dir).password("pw".toCharArray()).importKey(file).build();
        LocalKeyProvider reopened = LocalKeyProvider.builder().directory(dir).password("pw".toCharArray()).build();

        assertThat(provider.keys()).extracting(KeyVersion::kid).containsExactly(TestKeys.thumbprint(pair), generated.kid());
        assertThat(reopened.keys()).isEqualTo(provider.keys());
        assertThat(reopened.activeKey().algorithms()).containsExactly(JwsAlgorithm.EdDSA);
    }

    @Test
    void importPkcs12WhenJdkStoreThenEveryPrivateKeyEntryImported() throws Exception {
        KeyPair ec = TestKeys.ec("secp521r1");
        KeyPair rsa = TestKeys.rsa(2048);
        Path file = tmp.resolve("in.p12");
        char[] password = "p12-password".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("ec", ec.getPrivate(), password,
                new Certificate[] {SelfSignedCertificate.create(ec, JwsAlgorithm.ES512, 7, Instant.EPOCH)});
        ks.setKeyEntry("rsa", rsa.getPrivate(), password,
                new Certificate[] {SelfSignedCertificate.create(rsa, JwsAlgorithm.RS256, 8, Instant.EPOCH)});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }

        LocalKeyProvider provider = LocalKeyProvider.builder().inMemory().algorithm(JwsAlgorithm.PS256)
                .importPkcs12(file, password).build();

        assertThat(provider.keys()).extracting(KeyVersion::kid)
                .containsExactlyInAnyOrder(TestKeys.thumbprint(ec), TestKeys.thumbprint(rsa));
        assertThat(provider.jwks().find(TestKeys.thumbprint(rsa)).orElseThrow().algorithm()).contains("PS256");
        assertThat(provider.jwks().find(TestKeys.thumbprint(ec)).orElseThrow().algorithm()).contains("ES512");
    }

    @Test
    void importPkcs12WhenWrongPasswordThenUnauthorized() throws Exception {
        Path dir = tmp.resolve("store");
        LocalKeyProvider.builder().directory(dir).password("right".toCharArray()).build();
        Path p12 = dir.resolve(LocalKeyProvider.STORE_FILE);

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> LocalKeyProvider.builder().inMemory().importPkcs12(p12, "wrong".toCharArray()).build())
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED));
    }

    @Test
    void importPkcs12WhenAnotherLocalStoreThenSameKidsMigrate() throws Exception {
        Path dir = tmp.resolve("old");
        LocalKeyProvider old = LocalKeyProvider.builder().directory(dir).password("pw".toCharArray()).algorithm(JwsAlgorithm.EdDSA).build();
        old.rotate();
        List<String> kids = old.keys().stream().map(KeyVersion::kid).toList();

        LocalKeyProvider migrated = LocalKeyProvider.builder().inMemory()
                .importPkcs12(dir.resolve(LocalKeyProvider.STORE_FILE), "pw".toCharArray()).build();

        assertThat(migrated.keys()).extracting(KeyVersion::kid).containsExactlyInAnyOrderElementsOf(kids);
    }
}
