package dev.jwkadapter.azure.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.SignResult;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real Key Vault SDK clients against the stand-in: what they send, and that the answers are real. */
class KeyVaultStandInTest {

    private final MutableClock clock = MutableClock.startingAt2026();
    private KeyVaultStandIn standIn;
    private StandInCredential credential;
    private KeyClient keys;

    @BeforeEach
    void start() {
        standIn = KeyVaultStandIn.start(clock);
        credential = standIn.credential();
        keys = new KeyClientBuilder().vaultUrl(standIn.vaultUrl()).credential(credential)
                .disableChallengeResourceVerification().httpClient(standIn.httpClient()).buildClient();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private CryptographyClient crypto(String keyId) {
        return new CryptographyClientBuilder().keyIdentifier(keyId).credential(credential)
                .disableChallengeResourceVerification().httpClient(standIn.httpClient()).disableKeyCaching().buildClient();
    }

    @Test
    void firstRequestWhenUnauthenticatedThenChallengeThenTokenForVaultScope() {
        KeyVaultKey created = keys.createRsaKey(new CreateRsaKeyOptions("challenge").setHardwareProtected(true));

        assertThat(created.getKey().getKeyType().toString()).isEqualTo("RSA-HSM");
        assertThat(standIn.count(Route.CREATE, 401)).isEqualTo(1);
        assertThat(standIn.count(Route.CREATE, 200)).isEqualTo(1);
        assertThat(credential.calls()).isEqualTo(1);
        assertThat(credential.scopes()).containsExactly("https://vault.azure.net/.default");
    }

    @Test
    void getKeyWhenLatestOrByVersionThenBundleWithHsmExponent() {
        String v1 = standIn.createKey("k", KeyKind.RSA_HSM_2048);
        String v2 = standIn.createKey("k", KeyKind.RSA_HSM_2048);

        KeyVaultKey latest = keys.getKey("k");
        KeyVaultKey first = keys.getKey("k", v1);

        assertThat(latest.getProperties().getVersion()).isEqualTo(v2);
        assertThat(first.getProperties().getVersion()).isEqualTo(v1);
        assertThat(first.getKey().getE()).containsExactly(0, 1, 0, 1);
        assertThat(standIn.requests()).extracting(KeyVaultStandIn.Request::path)
                .contains("/keys/k/", "/keys/k/" + v1);
    }

    @Test
    void listVersionsWhenMoreThanOnePageThenNextLinkFollowed() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(standIn.createKey("paged", KeyKind.EC_P256));
        }
        standIn.pageSize(2);

        List<String> listed = new ArrayList<>();
        for (KeyProperties p : keys.listPropertiesOfKeyVersions("paged")) {
            listed.add(p.getVersion());
        }

        assertThat(listed).containsExactlyElementsOf(created);
        assertThat(standIn.count(Route.LIST, 200)).isEqualTo(3);
    }

    @Test
    void getKeyWhenMissingThenResourceNotFoundWithKeyNotFoundBody() {
        assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> keys.getKey("missing"))
                .withMessageContaining("KeyNotFound");
    }

    @Test
    void updateWhenDisabledThenGetAndSignForbidden() {
        KeyVaultKey key = keys.createEcKey(new CreateEcKeyOptions("ec").setCurveName(KeyCurveName.P_256));
        KeyProperties props = key.getProperties().setEnabled(false);

        keys.updateKeyProperties(props);

        assertThatExceptionOfType(HttpResponseException.class).isThrownBy(() -> keys.getKey("ec", props.getVersion()))
                .satisfies(e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403))
                .withMessageContaining("KeyDisabled");
        byte[] digest = new byte[32];
        assertThatExceptionOfType(HttpResponseException.class)
                .isThrownBy(() -> crypto(key.getId()).sign(SignatureAlgorithm.ES256, digest))
                .withMessageContaining("KeyDisabled");
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048, RS256, SHA256withRSA", "RSA_HSM_2048, RS512, SHA512withRSA", "RSA_2048, PS256, PSS",
            "RSA_HSM_2048, PS384, PSS", "EC_P256, ES256, SHA256withECDSAinP1363Format",
            "EC_HSM_P384, ES384, SHA384withECDSAinP1363Format", "EC_P521, ES512, SHA512withECDSAinP1363Format"})
    void signWhenDigestThenSignatureVerifiesWithJcaAndStandInVerify(KeyKind kind, String alg, String jca)
            throws Exception {
        String version = standIn.createKey("s", kind);
        byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);
        String hash = "SHA-" + alg.substring(2);
        byte[] digest = MessageDigest.getInstance(hash).digest(message);
        CryptographyClient client = crypto(standIn.keyId("s", version));

        SignResult result = client.sign(SignatureAlgorithm.fromString(alg), digest);

        Signature verifier = Signature.getInstance("PSS".equals(jca) ? "RSASSA-PSS" : jca);
        verifier.initVerify(standIn.publicKey("s", version));
        if ("PSS".equals(jca)) {
            verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    digest.length, 1));
        }
        verifier.update(message);
        assertThat(verifier.verify(result.getSignature())).isTrue();
        assertThat(client.verify(SignatureAlgorithm.fromString(alg), digest, result.getSignature()).isValid()).isTrue();
        assertThat(standIn.count(Route.GET)).isZero();
    }

    @Test
    void signWhenDigestLengthWrongThenBadParameter() {
        String version = standIn.createKey("s", KeyKind.RSA_2048);

        assertThatExceptionOfType(HttpResponseException.class)
                .isThrownBy(() -> crypto(standIn.keyId("s", version)).sign(SignatureAlgorithm.RS256, new byte[20]))
                .satisfies(e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400))
                .withMessageContaining("Invalid length of digest");
    }

    @Test
    void signWhenAlgorithmDoesNotFitKeyThenBadParameter() {
        String version = standIn.createKey("s", KeyKind.EC_P256);

        assertThatExceptionOfType(HttpResponseException.class)
                .isThrownBy(() -> crypto(standIn.keyId("s", version)).sign(SignatureAlgorithm.ES384, new byte[48]))
                .withMessageContaining("incompatible");
    }

    @Test
    void faultWhenThrottledWithRetryAfterThenHeaderReachesClient() {
        String version = standIn.createKey("s", KeyKind.EC_P256);
        standIn.inject(Route.SIGN, Fault.throttled().withHeader("Retry-After", "2"), 1);

        assertThatExceptionOfType(HttpResponseException.class)
                .isThrownBy(() -> new CryptographyClientBuilder().keyIdentifier(standIn.keyId("s", version))
                        .credential(credential).disableChallengeResourceVerification().httpClient(standIn.httpClient())
                        .retryOptions(new com.azure.core.http.policy.RetryOptions(
                                new com.azure.core.http.policy.FixedDelayOptions(0, Duration.ofMillis(1))))
                        .disableKeyCaching().buildClient().sign(SignatureAlgorithm.ES256, new byte[32]))
                .satisfies(e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(429);
                    assertThat(e.getResponse().getHeaderValue(com.azure.core.http.HttpHeaderName.RETRY_AFTER))
                            .isEqualTo("2");
                })
                .withMessageContaining("Throttled");
    }
}
