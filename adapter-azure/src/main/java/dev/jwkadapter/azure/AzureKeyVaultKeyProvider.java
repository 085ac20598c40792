package dev.jwkadapter.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import dev.jwkadapter.azure.internal.SdkVaultOperations;
import dev.jwkadapter.azure.internal.Sleeper;
import dev.jwkadapter.azure.internal.VaultErrors;
import dev.jwkadapter.azure.internal.VaultJwkMapper;
import dev.jwkadapter.azure.internal.VaultOperations;
import dev.jwkadapter.azure.internal.VaultRetry;
import dev.jwkadapter.azure.internal.VersionProperties;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyProvider} over Azure Key Vault (or Managed HSM) keys: the public parts of every usable version
 * are published as standard JWKs, and tokens are signed in the vault, so private keys never leave it.
 *
 * <pre>{@code
 * KeyProvider vault = AzureKeyVaultKeyProvider.builder()
 *         .vaultUrl("https://myvault.vault.azure.net").keyName("token-signing")
 *         .build();                                   // DefaultAzureCredential
 * String token = JwtSigner.of(vault).sign(claims);   // one "sign" request to the vault
 * String jwks = vault.jwks().toJson();               // serve at /.well-known/jwks.json
 * }</pre>
 *
 * <p><b>Publishing.</b> Every enabled, unexpired version of the configured keys whose key type can sign
 * (RSA, RSA-HSM, EC and EC-HSM on P-256/384/521) is published, newest first, through
 * {@code VaultJwkMapper}: {@code kty}/{@code crv} in their registered names, minimal RSA members, {@code use:
 * sig}, {@code alg}, and a {@code kid} chosen by {@link KidStrategy} (RFC 7638 thumbprint by default). Versions
 * whose {@code nbf} is in the future are published but do not sign yet. Symmetric keys, secp256k1 keys and
 * RSA keys under 2048 bits are never published.
 *
 * <p><b>Active key.</b> The newest usable version created at least {@link Builder#publishLeadTime} ago (default
 * {@value #DEFAULT_PUBLISH_LEAD_HOURS} h), so that consumers caching the JWKS have seen it; if none is that old,
 * the newest usable version. RSA keys sign with RS256 unless {@link Builder#algorithm} says otherwise; EC keys
 * with the algorithm of their curve.
 *
 * <p><b>Signing.</b> The digest is computed locally and sent in exactly one {@code sign} request for the
 * versioned key id; the signature is verified locally with the cached public key before it is returned
 * ({@code INVALID_SIGNATURE} otherwise). Versions, attributes and public keys are cached and reloaded every
 * {@link Builder#refreshInterval} (default {@value #DEFAULT_REFRESH_MINUTES} min), and once when an unknown kid
 * is asked for, so the hot path is one HTTP request. The identity needs {@code keys/get}, {@code keys/list} and
 * {@code keys/sign} (RBAC: "Key Vault Crypto User"; Managed HSM: "Managed HSM Crypto User").
 *
 * <p><b>Failures</b> are {@link KeyProviderException}s: 401/403 → {@code UNAUTHORIZED}; 404 →
 * {@code KEY_NOT_FOUND}; a disabled, expired or not-yet-valid version → {@code KEY_DISABLED} (no request);
 * an algorithm the version does not sign with → {@code UNSUPPORTED_ALGORITHM} (no request); 429 after retries →
 * {@code THROTTLED} with the last {@code Retry-After}; 5xx, timeouts and I/O errors → {@code UNAVAILABLE}.
 * Each call is tried at most {@value dev.jwkadapter.azure.internal.VaultRetry#MAX_ATTEMPTS} times within the
 * caller deadline (default {@value #DEFAULT_DEADLINE_SECONDS} s), honouring {@code Retry-After}.
 *
 * <p>Instances are immutable after {@code build()} (apart from their caches) and thread-safe.
 */
public final class AzureKeyVaultKeyProvider implements KeyProvider {

    /** Default lead time, in hours, a new version spends in the JWKS before it signs. */
    public static final long DEFAULT_PUBLISH_LEAD_HOURS = 24;
    /** Default lead time a new version spends in the JWKS before it signs. */
    public static final Duration DEFAULT_PUBLISH_LEAD_TIME = Duration.ofHours(DEFAULT_PUBLISH_LEAD_HOURS);
    /** Default refresh interval of the version cache, in minutes. */
    public static final long DEFAULT_REFRESH_MINUTES = 5;
    /** Default refresh interval of the version cache. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(DEFAULT_REFRESH_MINUTES);
    /** Default timeout of one request to the vault. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Default caller deadline, in seconds, for one operation with all its retries. */
    public static final long DEFAULT_DEADLINE_SECONDS = 30;
    /** Default caller deadline for one operation with all its retries. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(DEFAULT_DEADLINE_SECONDS);
    /** Default attempts per operation (1 + 3 retries), also the maximum. */
    public static final int DEFAULT_MAX_ATTEMPTS = VaultRetry.MAX_ATTEMPTS;
    /** Default algorithm of RSA keys. */
    public static final JwsAlgorithm DEFAULT_RSA_ALGORITHM = JwsAlgorithm.RS256;
    /** Shortest time between two reloads caused by unknown kids. */
    public static final Duration UNKNOWN_KID_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** Wait before trying again after a failed reload, while the last good versions are served. */
    public static final Duration FAILED_REFRESH_RETRY = Duration.ofSeconds(30);
    /** How long the last good versions are served while reloads fail; then calls fail. */
    public static final Duration MAX_STALE = Duration.ofHours(24);
    /** Most versions read per key. */
    public static final int MAX_VERSIONS_PER_KEY = 500;

    private static final System.Logger LOG = System.getLogger(AzureKeyVaultKeyProvider.class.getName());
    private static final Pattern KEY_NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");

    /** How the {@code kid} of a published version is made. */
    public enum KidStrategy {
        /** The RFC 7638 JWK thumbprint (SHA-256, base64url): stable, opaque, independent of the vault. */
        THUMBPRINT,
        /** The Key Vault version id (32 hex digits). */
        VERSION,
        /** The full key id URL, {@code https://{vault}/keys/{name}/{version}}. */
        KEY_ID
    }

    private final String vaultUrl;
    private final List<String> keyNames;
    private final Duration publishLeadTime;
    private final KidStrategy kidStrategy;
    private final Duration refreshInterval;
    private final JwsAlgorithm rsaAlgorithm;
    private final Clock clock;
    private final VaultOperations vault;
    private final VaultRetry retry;
    private final boolean managedHsm;
    private final Duration callTimeout;
    private final Duration deadline;
    private final int maxAttempts;

    /** Public keys by key id URL: a version's key never changes, so entries live as long as the provider. */
    private final Map<String, Material> materials = new ConcurrentHashMap<>();
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile @Nullable Snapshot snapshot;
    private volatile @Nullable Instant lastUnknownKidRefresh;

    private AzureKeyVaultKeyProvider(Builder b, String vaultUrl, VaultOperations vault) {
        this.vaultUrl = vaultUrl;
        this.keyNames = List.copyOf(b.keyNames);
        this.publishLeadTime = b.publishLeadTime;
        this.kidStrategy = b.kidStrategy;
        this.refreshInterval = b.refreshInterval;
        this.rsaAlgorithm = b.algorithm;
        this.clock = b.clock;
        this.vault = vault;
        this.managedHsm = isManagedHsm(vaultUrl);
        this.callTimeout = b.callTimeout;
        this.deadline = b.deadline;
        this.maxAttempts = b.maxAttempts;
        this.retry = new VaultRetry(b.maxAttempts, b.callTimeout, b.deadline, b.sleeper, managedHsm);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- KeyProvider

    /** Every published version, newest first (enabled and unexpired; maybe not yet signing). */
    @Override
    public List<KeyVersion> keys() {
        try {
            Instant now = clock.instant();
            List<KeyVersion> out = new ArrayList<>();
            for (Entry e : snapshot().entries) {
                if (e.publishedAt(now)) {
                    out.add(e.keyVersion);
                }
            }
            return List.copyOf(out);
        } catch (KeyProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyProviderException(Reason.FAILED, "could not list the Key Vault key versions: " + e, e);
        }
    }

    @Override
    public KeyVersion activeKey() {
        try {
            Instant now = clock.instant();
            Snapshot s = snapshot();
            Entry newestUsable = null;
            for (Entry e : s.entries) {
                if (!e.usableAt(now)) {
                    continue;
                }
                if (newestUsable == null) {
                    newestUsable = e;
                }
                if (e.createdOn == null || !now.isBefore(e.createdOn.plus(publishLeadTime))) {
                    return e.keyVersion;
                }
            }
            if (newestUsable != null) {
                return newestUsable.keyVersion;
            }
            if (s.entries.isEmpty() && s.listed == 0) {
                throw new KeyProviderException(Reason.KEY_NOT_FOUND, "vault " + vaultUrl + " has no version of key(s) "
                        + keyNames + " that this provider can read: create the key, or check the key name(s)");
            }
            throw new KeyProviderException(Reason.KEY_DISABLED, "no version of key(s) " + keyNames + " in vault "
                    + vaultUrl + " can sign now (all are disabled, expired, not yet valid, or of a type that cannot"
                    + " sign): enable a version or create a new one");
        } catch (KeyProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyProviderException(Reason.FAILED, "could not choose the active Key Vault key version: " + e, e);
        }
    }

    @Override
    public byte[] sign(String kid, JwsAlgorithm algorithm, byte[] signingInput) {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(signingInput, "signingInput");
        try {
            return doSign(kid, algorithm, signingInput);
        } catch (KeyProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyProviderException(Reason.FAILED, "signing with Key Vault key " + kid + " failed: " + e, e);
        }
    }

    private byte[] doSign(String kid, JwsAlgorithm algorithm, byte[] signingInput) {
        Entry e = snapshot().byKid.get(kid);
        if (e == null) {
            e = refreshForUnknownKid().byKid.get(kid);
            if (e == null) {
                throw new KeyProviderException(Reason.KEY_NOT_FOUND, "no version of key(s) " + keyNames + " in vault "
                        + vaultUrl + " has kid " + printable(kid) + " (or it was disabled before this provider saw it)");
            }
        }
        Instant now = clock.instant();
        if (!e.usableAt(now)) {
            throw new KeyProviderException(Reason.KEY_DISABLED, "Key Vault key " + e.ref() + " (kid " + e.kid + ") "
                    + e.unusableBecause(now) + "; no request was sent");
        }
        if (algorithm != e.algorithm) {
            String why = e.jwk.mismatch(algorithm).orElse("the version signs with " + e.algorithm + " only");
            throw new KeyProviderException(Reason.UNSUPPORTED_ALGORITHM, "Key Vault key " + e.ref()
                    + " cannot sign with " + algorithm + ": " + why + "; no request was sent");
        }
        byte[] digest = digest(algorithm, signingInput);
        Entry entry = e;
        byte[] signature;
        try {
            signature = retry.execute(VaultErrors.Operation.SIGN, e.ref(),
                    t -> vault.sign(entry.name, entry.version, algorithm, digest, t));
        } catch (KeyProviderException failure) {
            if (failure.reason() == Reason.KEY_NOT_FOUND || failure.reason() == Reason.KEY_DISABLED) {
                markStale();
            }
            throw failure;
        }
        boolean valid;
        try {
            valid = JcaSignatures.verify(algorithm, e.publicKey, signingInput, signature);
        } catch (JcaSignatures.KeyRejectedException rejected) {
            throw new KeyProviderException(Reason.FAILED, "the cached public key of " + e.ref()
                    + " cannot verify " + algorithm + " signatures", rejected);
        }
        if (!valid) {
            throw new KeyProviderException(Reason.INVALID_SIGNATURE, "Key Vault returned a signature ("
                    + signature.length + " bytes) for " + e.ref() + " that does not verify with that version's public"
                    + " key as " + algorithm + "; no token was emitted");
        }
        return signature;
    }

    /**
     * Reloads the versions, attributes and new public keys from the vault now (for example after a rotation
     * event), instead of waiting for the refresh interval.
     *
     * @throws KeyProviderException if the vault cannot be read
     */
    public void refresh() {
        try {
            refreshNow(true);
        } catch (KeyProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyProviderException(Reason.FAILED, "could not reload the Key Vault key versions: " + e, e);
        }
    }

    /** The vault URL, without a trailing slash. */
    public String vaultUrl() {
        return vaultUrl;
    }

    /** The configured key names. */
    public List<String> keyNames() {
        return keyNames;
    }

    @Override
    public String toString() {
        return "AzureKeyVaultKeyProvider[vault=" + vaultUrl + ", keys=" + keyNames + ", kid=" + kidStrategy
                + ", rsaAlgorithm=" + rsaAlgorithm + ", publishLeadTime=" + publishLeadTime + ", refreshInterval="
                + refreshInterval + ", callTimeout=" + callTimeout + ", deadline=" + deadline + ", maxAttempts="
                + maxAttempts + "]";
    }

    // ---------------------------------------------------------------- cache

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && !s.dueAt(now)) {
            return s;
        }
        if (s == null) {
            return refreshNow(false);
        }
        if (refreshLock.tryLock()) {
            try {
                Snapshot current = Objects.requireNonNull(snapshot);
                if (!current.dueAt(clock.instant())) {
                    return current;
                }
                return reloadKeepingStale(current);
            } finally {
                refreshLock.unlock();
            }
        }
        return s;
    }

    /** Reloads, or on failure keeps {@code current} (within {@link #MAX_STALE}) and tries again later. */
    private Snapshot reloadKeepingStale(Snapshot current) {
        Instant now = clock.instant();
        try {
            Snapshot fresh = load();
            snapshot = fresh;
            return fresh;
        } catch (KeyProviderException e) {
            Instant failingSince = current.failingSince != null ? current.failingSince : now;
            if (now.isAfter(failingSince.plus(MAX_STALE))) {
                throw e;
            }
            LOG.log(Level.WARNING, "reloading Key Vault key versions failed ({0}: {1}); serving the versions loaded at"
                    + " {2} and trying again in {3}", e.reason(), e.getMessage(), current.loadedAt, FAILED_REFRESH_RETRY);
            Snapshot kept = current.retryLater(now.plus(min(refreshInterval, FAILED_REFRESH_RETRY)), failingSince);
            snapshot = kept;
            return kept;
        }
    }

    private Snapshot refreshNow(boolean force) {
        try {
            if (!refreshLock.tryLock(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new KeyProviderException(Reason.UNAVAILABLE,
                        "timed out waiting for another thread to load the Key Vault key versions");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyProviderException(Reason.UNAVAILABLE, "interrupted while loading Key Vault key versions", e);
        }
        try {
            Snapshot s = snapshot;
            if (!force && s != null && !s.dueAt(clock.instant())) {
                return s;
            }
            if (s != null && !force) {
                return reloadKeepingStale(s);
            }
            Snapshot fresh = load();
            snapshot = fresh;
            return fresh;
        } finally {
            refreshLock.unlock();
        }
    }

    private Snapshot refreshForUnknownKid() {
        Instant now = clock.instant();
        Instant last = lastUnknownKidRefresh;
        if (last != null && now.isBefore(last.plus(UNKNOWN_KID_REFRESH_INTERVAL)) && !now.isBefore(last)) {
            return snapshot();
        }
        lastUnknownKidRefresh = now;
        try {
            return refreshNow(true);
        } catch (KeyProviderException e) {
            Snapshot s = snapshot;
            if (s == null) {
                throw e;
            }
            LOG.log(Level.WARNING, "reloading Key Vault key versions for an unknown kid failed ({0})", e.reason());
            return s;
        }
    }

    private void markStale() {
        Snapshot s = snapshot;
        if (s != null) {
            snapshot = s.retryLater(clock.instant(), s.failingSince);
        }
    }

    private Snapshot load() {
        Instant now = clock.instant();
        List<Entry> entries = new ArrayList<>();
        int listed = 0;
        int missing = 0;
        for (String name : keyNames) {
            List<VersionProperties> versions;
            try {
                versions = retry.execute(VaultErrors.Operation.LIST, name,
                        t -> vault.listVersions(name, MAX_VERSIONS_PER_KEY, t));
            } catch (KeyProviderException e) {
                if (e.reason() != Reason.KEY_NOT_FOUND) {
                    throw e;
                }
                missing++;
                LOG.log(Level.WARNING, "Key Vault {0} has no key named {1}; it is skipped", vaultUrl, name);
                continue;
            }
            listed += versions.size();
            for (VersionProperties p : versions) {
                Material m = material(p, now);
                if (m == null || m.jwk == null) {
                    continue;
                }
                entries.add(entry(p, m));
            }
        }
        if (missing == keyNames.size()) {
            throw new KeyProviderException(Reason.KEY_NOT_FOUND, "vault " + vaultUrl + " has none of the keys "
                    + keyNames + ": check the vault URL and key names");
        }
        entries.sort(NEWEST_FIRST);
        Map<String, Entry> byKid = new HashMap<>();
        List<Entry> unique = new ArrayList<>();
        for (Entry e : entries) {
            if (byKid.putIfAbsent(e.kid, e) == null) {
                unique.add(e);
            } else {
                LOG.log(Level.WARNING, "Key Vault versions {0} and {1} hold the same key (kid {2}); only the newer"
                        + " is used", byKid.get(e.kid).ref(), e.ref(), e.kid);
            }
        }
        return new Snapshot(List.copyOf(unique), Map.copyOf(byKid), listed, now, now.plus(refreshInterval), null);
    }

    /** The cached public key of a version, read once; {@code null} when it cannot be read now. */
    private @Nullable Material material(VersionProperties p, Instant now) {
        Material m = materials.get(p.keyId());
        if (m != null) {
            return m;
        }
        if (!p.enabled() || p.expiredAt(now)) {
            return null;
        }
        String ref = p.name() + "/" + p.version();
        JsonWebKey key;
        try {
            key = retry.execute(VaultErrors.Operation.GET, ref, t -> vault.getKey(p.name(), p.version(), t));
        } catch (KeyProviderException e) {
            if (e.reason() == Reason.KEY_NOT_FOUND || e.reason() == Reason.KEY_DISABLED) {
                return null;
            }
            throw e;
        }
        try {
            if (!VaultJwkMapper.allowsSign(key)) {
                m = Material.unusable("its key_ops do not include sign");
            } else {
                m = Material.of(VaultJwkMapper.toPublicJwk(key));
            }
        } catch (JwkException e) {
            m = Material.unusable(e.getMessage());
        }
        if (m.jwk == null) {
            LOG.log(Level.INFO, "Key Vault key {0} is not published: {1}", ref, m.unusable);
        }
        materials.put(p.keyId(), m);
        return m;
    }

    private Entry entry(VersionProperties p, Material m) {
        Jwk base = Objects.requireNonNull(m.jwk);
        JwsAlgorithm alg = algorithmFor(base);
        String kid;
        switch (kidStrategy) {
            case VERSION:
                kid = p.version();
                break;
            case KEY_ID:
                kid = p.keyId();
                break;
            default:
                kid = base.thumbprint();
                break;
        }
        Jwk jwk = VaultJwkMapper.stamp(base, kid, alg);
        KeyVersion kv = KeyVersion.builder(kid, jwk).algorithms(alg).enabled(p.enabled()).notBefore(p.notBefore())
                .expiresOn(p.expiresOn()).createdOn(p.createdOn()).build();
        return new Entry(p.name(), p.version(), kid, jwk, jwk.toPublicKey(), alg, p.enabled(), p.notBefore(),
                p.expiresOn(), p.createdOn(), kv);
    }

    private JwsAlgorithm algorithmFor(Jwk key) {
        if ("RSA".equals(key.kty())) {
            return rsaAlgorithm;
        }
        return JwsAlgorithm.forCurve(key.curve().orElse("")).filter(a -> a.isEcdsa()).orElseThrow(
                () -> new JwkException(JwkException.Reason.UNSUPPORTED_CURVE, "no JWS algorithm for " + key));
    }

    private static byte[] digest(JwsAlgorithm alg, byte[] input) {
        String name = alg.digestAlgorithm().orElseThrow(() -> new KeyProviderException(Reason.UNSUPPORTED_ALGORITHM,
                "Key Vault does not sign with " + alg + " (it signs digests: RS, PS and ES 256/384/512)"));
        try {
            return MessageDigest.getInstance(name).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new KeyProviderException(Reason.FAILED, "the JDK lacks " + name, e);
        }
    }

    private static final Comparator<Entry> NEWEST_FIRST = Comparator
            .comparing((Entry e) -> e.createdOn == null ? Instant.MIN : e.createdOn, Comparator.reverseOrder())
            .thenComparing(e -> e.version, Comparator.reverseOrder());

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static boolean isManagedHsm(String url) {
        String host = URI.create(url).getHost();
        return host != null && host.toLowerCase(Locale.ROOT).contains(".managedhsm.");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /** The public key of one version, or why it is not published. */
    private static final class Material {
        final @Nullable Jwk jwk;
        final @Nullable String unusable;

        private Material(@Nullable Jwk jwk, @Nullable String unusable) {
            this.jwk = jwk;
            this.unusable = unusable;
        }

        static Material of(Jwk jwk) {
            if (!jwk.isUsable() || JwsAlgorithm.forCurve(jwk.curve().orElse("")).isEmpty() && !"RSA".equals(jwk.kty())) {
                return unusable("no JWS algorithm of this library signs with " + jwk.kty()
                        + jwk.curve().map(c -> " " + c).orElse(""));
            }
            return new Material(jwk, null);
        }

        static Material unusable(@Nullable String why) {
            return new Material(null, why == null ? "unusable" : why);
        }
    }

    /** One version as the provider knows it. */
    private static final class Entry {
        final String name;
        final String version;
        final String kid;
        final Jwk jwk;
        final PublicKey publicKey;
        final JwsAlgorithm algorithm;
        final boolean enabled;
        final @Nullable Instant notBefore;
        final @Nullable Instant expiresOn;
        final @Nullable Instant createdOn;
        final KeyVersion keyVersion;

        Entry(String name, String version, String kid, Jwk jwk, PublicKey publicKey, JwsAlgorithm algorithm,
                boolean enabled, @Nullable Instant notBefore, @Nullable Instant expiresOn, @Nullable Instant createdOn,
                KeyVersion keyVersion) {
            this.name = name;
            this.version = version;
            this.kid = kid;
            this.jwk = jwk;
            this.publicKey = publicKey;
            this.algorithm = algorithm;
            this.enabled = enabled;
            this.notBefore = notBefore;
            this.expiresOn = expiresOn;
            this.createdOn = createdOn;
            this.keyVersion = keyVersion;
        }

        boolean publishedAt(Instant now) {
            return enabled && (expiresOn == null || now.isBefore(expiresOn));
        }

        boolean usableAt(Instant now) {
            return publishedAt(now) && (notBefore == null || !now.isBefore(notBefore));
        }

        String unusableBecause(Instant now) {
            if (!enabled) {
                return "is disabled";
            }
            if (expiresOn != null && !now.isBefore(expiresOn)) {
                return "expired at " + expiresOn;
            }
            return "is not valid before " + notBefore;
        }

        String ref() {
            return name + "/" + version;
        }
    }

    /** An immutable view of the versions at one load. */
    private static final class Snapshot {
        final List<Entry> entries;
        final Map<String, Entry> byKid;
        final int listed;
        final Instant loadedAt;
        final Instant refreshDue;
        final @Nullable Instant failingSince;

        Snapshot(List<Entry> entries, Map<String, Entry> byKid, int listed, Instant loadedAt, Instant refreshDue,
                @Nullable Instant failingSince) {
            this.entries = entries;
            this.byKid = byKid;
            this.listed = listed;
            this.loadedAt = loadedAt;
            this.refreshDue = refreshDue;
            this.failingSince = failingSince;
        }

        boolean dueAt(Instant now) {
            return !now.isBefore(refreshDue) || now.isBefore(loadedAt.minus(Duration.ofMinutes(1)));
        }

        Snapshot retryLater(Instant due, @Nullable Instant failing) {
            return new Snapshot(entries, byKid, listed, loadedAt, due, failing);
        }
    }

    // ---------------------------------------------------------------- builder

    /**
     * Builds an {@link AzureKeyVaultKeyProvider}. Not thread-safe; build once, then share the result.
     * {@link #vaultUrl} and at least one {@link #keyName} are required.
     */
    public static final class Builder {
        private @Nullable String vaultUrl;
        private final Set<String> keyNames = new LinkedHashSet<>();
        private @Nullable TokenCredential credential;
        private @Nullable HttpClient httpClient;
        private Duration publishLeadTime = DEFAULT_PUBLISH_LEAD_TIME;
        private KidStrategy kidStrategy = KidStrategy.THUMBPRINT;
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration deadline = DEFAULT_DEADLINE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private JwsAlgorithm algorithm = DEFAULT_RSA_ALGORITHM;
        private boolean disableChallengeResourceVerification;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private @Nullable VaultOperations operations;

        private Builder() {}

        /**
         * The vault or Managed HSM URL, for example {@code https://myvault.vault.azure.net} (also
         * {@code .vault.azure.cn}, {@code .vault.usgovcloudapi.net}, {@code https://myhsm.managedhsm.azure.net}).
         * Any {@code https} URL without path, query or credentials is accepted (loopback stand-ins in tests).
         */
        public Builder vaultUrl(String value) {
            this.vaultUrl = Objects.requireNonNull(value, "vaultUrl");
            return this;
        }

        /** Adds a key whose versions are published and may sign (call again, or use {@link #keyNames}, for more). */
        public Builder keyName(String value) {
            keyNames.add(Objects.requireNonNull(value, "keyName"));
            return this;
        }

        /** Adds keys whose versions are published and may sign. */
        public Builder keyNames(String... values) {
            for (String v : values) {
                keyName(v);
            }
            return this;
        }

        /** Adds keys whose versions are published and may sign. */
        public Builder keyNames(Collection<String> values) {
            values.forEach(this::keyName);
            return this;
        }

        /** The Entra ID credential (default: {@code DefaultAzureCredential}). */
        public Builder credential(TokenCredential value) {
            this.credential = Objects.requireNonNull(value, "credential");
            return this;
        }

        /** The azure-core HTTP client (proxies, TLS settings, tests); default: the SDK's. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** How long a new version is published before it signs (default 24 h; zero: at once). */
        public Builder publishLeadTime(Duration value) {
            this.publishLeadTime = Objects.requireNonNull(value, "publishLeadTime");
            return this;
        }

        /** How kids are made (default {@link KidStrategy#THUMBPRINT}). */
        public Builder kidStrategy(KidStrategy value) {
            this.kidStrategy = Objects.requireNonNull(value, "kidStrategy");
            return this;
        }

        /** How often versions and attributes are reloaded (default 5 min). */
        public Builder refreshInterval(Duration value) {
            this.refreshInterval = Objects.requireNonNull(value, "refreshInterval");
            return this;
        }

        /** The timeout of one request to the vault (default 10 s; capped by the deadline). */
        public Builder callTimeout(Duration value) {
            this.callTimeout = Objects.requireNonNull(value, "callTimeout");
            return this;
        }

        /** The most one operation may take with all its retries and waits (default 30 s). */
        public Builder deadline(Duration value) {
            this.deadline = Objects.requireNonNull(value, "deadline");
            return this;
        }

        /** Attempts per operation, 1 to 4 (default 4: one try and three retries). */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        /**
         * The algorithm RSA keys sign with (default RS256; any of RS256/384/512, PS256/384/512). EC keys always
         * sign with the algorithm of their curve (P-256 → ES256, P-384 → ES384, P-521 → ES512).
         */
        public Builder algorithm(JwsAlgorithm value) {
            this.algorithm = Objects.requireNonNull(value, "algorithm");
            return this;
        }

        /**
         * Skips the SDK's check that the vault's authentication challenge names a resource in the vault's own
         * domain, as the SDK's builders offer: for loopback stand-ins only, never for a real vault.
         */
        public Builder disableChallengeResourceVerification() {
            this.disableChallengeResourceVerification = true;
            return this;
        }

        /** The clock for validity windows, lead times and the refresh interval (tests). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The time source and waits of the retry loop (tests). */
        Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Replaces the SDK calls (tests). */
        Builder operations(VaultOperations value) {
            this.operations = Objects.requireNonNull(value, "operations");
            return this;
        }

        /**
         * Builds the provider; nothing is fetched until the first call.
         *
         * @throws IllegalArgumentException naming the missing or bad setting
         */
        public AzureKeyVaultKeyProvider build() {
            String url = normalizeVaultUrl(vaultUrl);
            if (keyNames.isEmpty()) {
                throw new IllegalArgumentException("keyName: at least one key name is required");
            }
            for (String n : keyNames) {
                if (!KEY_NAME.matcher(n).matches()) {
                    throw new IllegalArgumentException("keyName: '" + printable(n)
                            + "' is not a Key Vault key name (1-127 letters, digits and '-')");
                }
            }
            if (publishLeadTime.isNegative()) {
                throw new IllegalArgumentException("publishLeadTime: must not be negative");
            }
            requirePositive(refreshInterval, "refreshInterval");
            requirePositive(callTimeout, "callTimeout");
            requirePositive(deadline, "deadline");
            if (maxAttempts < 1 || maxAttempts > VaultRetry.MAX_ATTEMPTS) {
                throw new IllegalArgumentException("maxAttempts: must be 1 to " + VaultRetry.MAX_ATTEMPTS);
            }
            if (!algorithm.isRsa()) {
                throw new IllegalArgumentException("algorithm: " + algorithm + " is not an RSA algorithm; EC keys sign"
                        + " with the algorithm of their curve, and Key Vault does not offer EdDSA");
            }
            VaultOperations ops = operations;
            if (ops == null) {
                TokenCredential cred = credential != null ? credential : new DefaultAzureCredentialBuilder().build();
                ops = new SdkVaultOperations(url, cred, httpClient, disableChallengeResourceVerification);
            }
            return new AzureKeyVaultKeyProvider(this, url, ops);
        }

        private static void requirePositive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": must be positive");
            }
        }

        static String normalizeVaultUrl(@Nullable String raw) {
            if (raw == null || raw.isBlank()) {
                throw new IllegalArgumentException("vaultUrl: required, for example https://myvault.vault.azure.net");
            }
            URI uri;
            try {
                uri = new URI(raw.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("vaultUrl: not a URL: " + printable(raw), e);
            }
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("vaultUrl: must be an https URL, for example https://myvault.vault.azure.net");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("vaultUrl: has no host");
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath()))) {
                throw new IllegalArgumentException("vaultUrl: must be the vault's base URL, without user info, path,"
                        + " query or fragment (got " + printable(raw) + ")");
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return "https://" + host + (uri.getPort() == -1 || uri.getPort() == 443 ? "" : ":" + uri.getPort());
        }
    }
}
