package dev.jwkadapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import dev.jwkadapter.azure.AzureKeyVaultKeyProvider.KidStrategy;
import dev.jwkadapter.azure.standin.KeyVaultStandIn;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.Route;
import dev.jwkadapter.azure.standin.SharedFiles;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CASES.md (a) section J, the signing path, for the Key Vault provider. */
class SigningPathCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultFixture vault = new VaultFixture();

    @AfterEach
    void close() {
        vault.close();
    }

    private static JwtClaims claims() {
        return JwtClaims.builder().issuer("https://issuer.example").subject("svc").audience("api://x")
                .expiresIn(Duration.ofMinutes(5)).build();
    }

    @Test
    void j1KeyWhenRsa1024InVaultThenNeverPublishedNorActive() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        vault.standIn.importKey(VaultFixture.KEY, g.generateKeyPair(), false);
        AzureKeyVaultKeyProvider p = vault.provider();

        assertThat(p.keys()).isEmpty();
        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(p::activeKey)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_DISABLED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2048", "3072", "4096"})
    void j2SignWhenWycheproofRsaKeyImportedThenByteForByteEqual(String bits) throws Exception {
        JsonNode file = JSON.readTree(SharedFiles.shared("vectors/wycheproof/rsa_pkcs1_" + bits + "_sig_gen_test.json"));
        int compared = 0;
        int group = 0;
        for (JsonNode g : file.get("testGroups")) {
            group++;
            JwsAlgorithm alg = JwsAlgorithm.fromName("RS" + g.get("sha").asText().substring(4)).orElse(null);
            if (alg == null || !alg.isRsa() || !g.path("privateKeyPkcs8").isTextual()) {
                continue;
            }
            PrivateKey priv = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(HexFormat.of().parseHex(g.get("privateKeyPkcs8").asText())));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) priv;
            KeyPair pair = new KeyPair(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())), priv);
            String name = "wycheproof-" + bits + "-" + group;
            String version = vault.standIn.importKey(name, pair, false);
            AzureKeyVaultKeyProvider p = AzureKeyVaultKeyProvider.builder().vaultUrl(vault.standIn.vaultUrl()).keyName(name)
                    .credential(vault.credential).httpClient(vault.standIn.httpClient())
                    .disableChallengeResourceVerification().clock(vault.clock).sleeper(vault.sleeper)
                    .kidStrategy(KidStrategy.VERSION).algorithm(alg).build();
            for (JsonNode t : g.get("tests")) {
                if (!"valid".equals(t.get("result").asText())) {
                    continue;
                }
                byte[] msg = HexFormat.of().parseHex(t.get("msg").asText());
                byte[] sig = p.sign(version, alg, msg);
                assertThat(HexFormat.of().formatHex(sig)).as("tcId %s", t.get("tcId")).isEqualTo(t.get("sig").asText());
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest
    @CsvSource({"EC_P256, ES256, 64", "EC_HSM_P384, ES384, 96", "EC_P521, ES512, 132"})
    void j3SignWhenManyEcSignaturesThenExactLengthAndNimbusVerifies(KeyKind kind, JwsAlgorithm alg, int length)
            throws Exception {
        vault.create(kind);
        AzureKeyVaultKeyProvider p = vault.provider();
        KeyVersion k = p.activeKey();
        ECDSAVerifier verifier = new ECDSAVerifier(ECKey.parse(k.jwk().toJson()));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(alg.name())).keyID(k.kid()).build();
        int n = 40;

        for (int i = 0; i < n; i++) {
            Payload payload = new Payload("{\"i\":" + i + "}");
            String input = header.toBase64URL() + "." + payload.toBase64URL();
            byte[] sig = p.sign(k.kid(), alg, input.getBytes(StandardCharsets.US_ASCII));
            assertThat(sig).hasSize(length);
            JWSObject jws = new JWSObject(header.toBase64URL(), payload.toBase64URL(), Base64URL.encode(sig));
            assertThat(jws.verify(verifier)).as("signature %d", i).isTrue();
        }
        assertThat(vault.standIn.count(Route.SIGN, 200)).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PS256", "PS384", "PS512"})
    void j4SignWhenPssThenVerifiesWithSaltEqualHashLengthOnly(String name) throws Exception {
        JwsAlgorithm alg = JwsAlgorithm.valueOf(name);
        vault.create(KeyKind.RSA_HSM_2048);
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.algorithm(alg));
        KeyVersion k = p.activeKey();
        String hash = alg.digestAlgorithm().orElseThrow();

        for (int i = 0; i < 12; i++) {
            byte[] input = ("pss-" + i).getBytes(StandardCharsets.US_ASCII);
            byte[] sig = p.sign(k.kid(), alg, input);
            assertThat(pssVerify(k, hash, alg.digestLength(), input, sig)).isTrue();
            assertThat(pssVerify(k, hash, alg.digestLength() - 1, input, sig)).isFalse();
            assertThat(pssVerify(k, hash, 0, input, sig)).isFalse();
        }
    }

    private static boolean pssVerify(KeyVersion k, String hash, int saltLength, byte[] input, byte[] sig)
            throws Exception {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.initVerify(k.jwk().toPublicKey());
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        s.update(input);
        return s.verify(sig);
    }

    @Test
    void j5HeaderWhenSignedWithVaultKeyThenAlgOfKeyKidAndNoKeyMaterial() throws Exception {
        vault.create(KeyKind.RSA_HSM_2048);
        AzureKeyVaultKeyProvider p = vault.provider();
        KeyVersion k = p.activeKey();

        String token = JwtSigner.of(p).sign(claims());

        @SuppressWarnings("unchecked")
        Map<String, Object> header = JSON.readValue(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                Map.class);
        assertThat(header).containsOnlyKeys("alg", "kid", "typ").containsEntry("alg", "RS256")
                .containsEntry("kid", k.kid()).containsEntry("typ", "JWT");
        assertThat(p.signingAlgorithm(k)).isEqualTo(JwsAlgorithm.RS256);
    }

    @Test
    void j6DigestWhenSignedThenRequestValueIsBase64UrlOfSha256OfSigningInput() throws Exception {
        vault.create(KeyKind.RSA_2048);
        AzureKeyVaultKeyProvider p = vault.provider();
        KeyVersion k = p.activeKey();
        byte[] input = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqNiJ9".getBytes(StandardCharsets.US_ASCII);

        p.sign(k.kid(), JwsAlgorithm.RS256, input);

        KeyVaultStandIn.Request sign = vault.standIn.requests().stream().filter(r -> r.route() == Route.SIGN
                && r.status() == 200).findFirst().orElseThrow();
        JsonNode body = JSON.readTree(sign.body());
        byte[] sent = Base64.getUrlDecoder().decode(body.get("value").asText());
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(input);
        assertThat(body.get("alg").asText()).isEqualTo("RS256");
        assertThat(sent).isEqualTo(sha).hasSize(32);
        assertThat(sent).isNotEqualTo(MessageDigest.getInstance("SHA-256").digest(sha));
        assertThat(body.get("value").asText()).doesNotContain("=");
    }

    @Test
    void j7SignWhenEcThenRawRsOfExactLengthVerifiedLocally() throws Exception {
        vault.create(KeyKind.EC_HSM_P256);
        AzureKeyVaultKeyProvider p = vault.provider();
        KeyVersion k = p.activeKey();

        byte[] sig = p.sign(k.kid(), JwsAlgorithm.ES256, "j7".getBytes(StandardCharsets.US_ASCII));

        assertThat(sig).hasSize(64);
        assertThat(sig[0]).isNotEqualTo((byte) 0x30).as("not DER: a DER SEQUENCE would start with 0x30 and be 70-72 bytes");
        assertThat(new BigInteger(1, java.util.Arrays.copyOf(sig, 32)).signum()).isPositive();
    }

    @Test
    void j8KidWhenRotatedThenTokensCarryTheSigningVersionKid() {
        String v1 = vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.kidStrategy(KidStrategy.VERSION));
        String first = JwtSigner.of(p).sign(claims());
        String v2 = vault.create(KeyKind.EC_P256);
        p.refresh();

        String second = JwtSigner.of(p).sign(claims());

        assertThat(KeyVaultFaultScenariosTest.kidOf(first)).isEqualTo(v1);
        assertThat(KeyVaultFaultScenariosTest.kidOf(second)).isEqualTo(v2);
        assertThat(vault.standIn.requests()).filteredOn(r -> r.route() == Route.SIGN && r.status() == 200)
                .extracting(KeyVaultStandIn.Request::path)
                .containsExactly("/keys/" + VaultFixture.KEY + "/" + v1 + "/sign", "/keys/" + VaultFixture.KEY + "/" + v2
                        + "/sign");
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048, ES256", "EC_P256, ES384", "EC_P256, RS256", "EC_P384, ES256", "RSA_2048, EdDSA",
            "RSA_2048, PS256"})
    void j9SignWhenKeyTypeDoesNotFitAlgorithmThenUnsupportedAlgorithmWithoutRequest(KeyKind kind, JwsAlgorithm alg) {
        vault.create(kind);
        AzureKeyVaultKeyProvider p = vault.provider();
        KeyVersion k = p.activeKey();
        vault.standIn.resetCounts();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(k.kid(), alg, new byte[] {1}))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM));
        assertThat(vault.standIn.total()).isZero();
    }

    @Test
    void j10SignWhenExpiredThenKeyDisabledWithoutRetries() {
        String version = vault.create(KeyKind.EC_P256);
        vault.standIn.setExpiresOn(VaultFixture.KEY, version, vault.clock.instant().plusSeconds(10));
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.kidStrategy(KidStrategy.VERSION));
        p.keys();
        vault.clock.advance(Duration.ofSeconds(11));
        vault.standIn.resetCounts();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> p.sign(version, JwsAlgorithm.ES256,
                new byte[] {1})).satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_DISABLED));
        assertThat(vault.standIn.total()).isZero();
        assertThat(vault.sleeper.sleeps()).isEmpty();
    }
}
