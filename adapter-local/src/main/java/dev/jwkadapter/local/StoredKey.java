package dev.jwkadapter.local;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyVersion;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One key version held by a {@link LocalKeyProvider}: the loaded private key (cached, so signing needs
 * no I/O), its public {@link KeyVersion}, and where it lives in the PKCS#12 store. Immutable;
 * {@link #toString()} never shows the private key.
 */
final class StoredKey {

    /** Newest first: highest sequence number first (then creation time, then kid, for foreign entries). */
    static final Comparator<StoredKey> NEWEST_FIRST = Comparator.comparingLong(StoredKey::sequence).reversed()
            .thenComparing(StoredKey::createdOn, Comparator.reverseOrder())
            .thenComparing(StoredKey::kid);

    private final KeyVersion version;
    private final JwsAlgorithm algorithm;
    private final long sequence;
    private final Instant createdOn;
    private final PrivateKey privateKey;
    private final @Nullable X509Certificate certificate;
    private final @Nullable String alias;

    StoredKey(KeyVersion version, JwsAlgorithm algorithm, long sequence, Instant createdOn, PrivateKey privateKey,
            @Nullable X509Certificate certificate, @Nullable String alias) {
        this.version = Objects.requireNonNull(version, "version");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.sequence = sequence;
        this.createdOn = Objects.requireNonNull(createdOn, "createdOn");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.certificate = certificate;
        this.alias = alias;
    }

    /** A copy that records the alias the entry has in a store. */
    StoredKey withAlias(String newAlias) {
        return new StoredKey(version, algorithm, sequence, createdOn, privateKey, certificate, newAlias);
    }

    String kid() {
        return version.kid();
    }

    KeyVersion version() {
        return version;
    }

    JwsAlgorithm algorithm() {
        return algorithm;
    }

    long sequence() {
        return sequence;
    }

    Instant createdOn() {
        return createdOn;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Nullable X509Certificate certificate() {
        return certificate;
    }

    @Nullable String alias() {
        return alias;
    }

    @Override
    public String toString() {
        return "StoredKey[kid=" + kid() + ", alg=" + algorithm + ", seq=" + sequence + ", createdOn=" + createdOn + "]";
    }
}
