package dev.jwkadapter.azure.internal;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.time.Duration;
import java.util.List;

/**
 * The three Key Vault data-plane calls the provider makes; each is one attempt (no retries inside) bounded by
 * {@code timeout}, and fails with the SDK's exceptions. Implementations are thread-safe.
 */
public interface VaultOperations {

    /** {@code GET /keys/{name}/versions} (following {@code nextLink}), at most {@code limit} versions. */
    List<VersionProperties> listVersions(String name, int limit, Duration timeout);

    /** {@code GET /keys/{name}/{version}}: the version's public key. */
    JsonWebKey getKey(String name, String version, Duration timeout);

    /** {@code POST /keys/{name}/{version}/sign}: the signature of {@code digest}, exactly one request. */
    byte[] sign(String name, String version, JwsAlgorithm algorithm, byte[] digest, Duration timeout);
}
