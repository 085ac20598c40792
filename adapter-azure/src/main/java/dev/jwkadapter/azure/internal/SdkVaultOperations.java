package dev.jwkadapter.azure.internal;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.security.keyvault.keys.KeyAsyncClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyAsyncClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.SignResult;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link VaultOperations} on the Azure SDK: a {@code KeyAsyncClient} for listing and reading, and one
 * {@code CryptographyAsyncClient} per key version for signing, built with {@code disableKeyCaching()} so it
 * never fetches the key first (a sign is exactly one {@code POST …/sign}). The SDK's own retries are switched
 * off ({@link VaultRetry} retries instead), and every call is bounded by its timeout. Thread-safe.
 */
public final class SdkVaultOperations implements VaultOperations {

    private final String vaultUrl;
    private final TokenCredential credential;
    private final @Nullable HttpClient httpClient;
    private final boolean disableChallengeResourceVerification;
    private final KeyAsyncClient keys;
    private final Map<String, CryptographyAsyncClient> signers = new ConcurrentHashMap<>();

    /**
     * Clients for one vault.
     *
     * @param vaultUrl the vault URL, without a trailing slash
     * @param httpClient the transport, or {@code null} for the SDK's default
     */
    public SdkVaultOperations(String vaultUrl, TokenCredential credential, @Nullable HttpClient httpClient,
            boolean disableChallengeResourceVerification) {
        this.vaultUrl = Objects.requireNonNull(vaultUrl, "vaultUrl");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.httpClient = httpClient;
        this.disableChallengeResourceVerification = disableChallengeResourceVerification;
        KeyClientBuilder b = new KeyClientBuilder().vaultUrl(vaultUrl).credential(credential).retryPolicy(noRetries());
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        if (disableChallengeResourceVerification) {
            b.disableChallengeResourceVerification();
        }
        this.keys = b.buildAsyncClient();
    }

    private static RetryPolicy noRetries() {
        return new RetryPolicy(new FixedDelay(0, Duration.ofMillis(1)));
    }

    @Override
    public List<VersionProperties> listVersions(String name, int limit, Duration timeout) {
        List<KeyProperties> props = keys.listPropertiesOfKeyVersions(name).take(limit).collectList()
                .timeout(timeout).block();
        List<VersionProperties> out = new ArrayList<>();
        if (props == null) {
            return out;
        }
        for (KeyProperties p : props) {
            if (p.getId() == null || p.getVersion() == null) {
                continue;
            }
            out.add(new VersionProperties(p.getName() == null ? name : p.getName(), p.getVersion(), p.getId(),
                    Boolean.TRUE.equals(p.isEnabled()), instant(p.getNotBefore()), instant(p.getExpiresOn()),
                    instant(p.getCreatedOn())));
        }
        return out;
    }

    @Override
    public JsonWebKey getKey(String name, String version, Duration timeout) {
        KeyVaultKey key = keys.getKey(name, version).timeout(timeout).block();
        if (key == null || key.getKey() == null) {
            throw new IllegalStateException("Key Vault returned no key material for " + name + "/" + version);
        }
        return key.getKey();
    }

    @Override
    public byte[] sign(String name, String version, JwsAlgorithm algorithm, byte[] digest, Duration timeout) {
        CryptographyAsyncClient client = signers.computeIfAbsent(keyId(name, version), this::newSigner);
        SignResult result = client.sign(AzureAlgorithms.toVault(algorithm).orElseThrow(
                () -> new IllegalArgumentException("Key Vault cannot sign with " + algorithm)), digest)
                .timeout(timeout).block();
        // an absent signature is returned as empty, so that local verification rejects it (INVALID_SIGNATURE)
        return result == null || result.getSignature() == null ? new byte[0] : result.getSignature();
    }

    private String keyId(String name, String version) {
        return vaultUrl + "/keys/" + name + "/" + version;
    }

    private CryptographyAsyncClient newSigner(String keyId) {
        CryptographyClientBuilder b = new CryptographyClientBuilder().keyIdentifier(keyId).credential(credential)
                .retryPolicy(noRetries()).disableKeyCaching();
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        if (disableChallengeResourceVerification) {
            b.disableChallengeResourceVerification();
        }
        return b.buildAsyncClient();
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public String toString() {
        return "SdkVaultOperations[" + vaultUrl + "]";
    }
}
