package dev.jwkadapter.azure.internal;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of one key version as the vault lists them (no key material).
 *
 * @param name the key name
 * @param version the version id
 * @param keyId the full key id URL of this version
 * @param enabled whether the version is enabled
 * @param notBefore start of validity, or {@code null}
 * @param expiresOn end of validity, or {@code null}
 * @param createdOn creation time, or {@code null}
 */
public record VersionProperties(String name, String version, String keyId, boolean enabled,
        @Nullable Instant notBefore, @Nullable Instant expiresOn, @Nullable Instant createdOn) {

    /** Checks the required components. */
    public VersionProperties {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(keyId, "keyId");
    }

    /** Whether the version has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresOn != null && !now.isBefore(expiresOn);
    }
}
