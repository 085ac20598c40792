package dev.jwkadapter.local;

import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyProvider} whose signing keys live in this process: generated or imported, kept in a
 * password-protected PKCS#12 file, and rotated on request.
 *
 * <pre>{@code
 * LocalKeyProvider keys = LocalKeyProvider.builder()
 *         .directory(Path.of(".jwk-adapter"))   // the default
 *         .algorithm(JwsAlgorithm.ES256)        // the default
 *         .build();                             // first use: creates the directory, the store and one key
 * String token = JwtSigner.of(keys).sign(claims);
 * String jwks = keys.jwks().toJson();           // serve at /.well-known/jwks.json
 * keys.rotate();                                // a new key signs; the old one stays published
 * keys.retire(oldKid);                          // once tokens signed with it have expired
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>Keys.</b> Every version is bound to exactly one algorithm (RFC 8725 §3.1), its {@code kid} is
 *       the RFC 7638 thumbprint of its public key, and its published JWK carries {@code kid}, {@code alg}
 *       and {@code use: "sig"}. {@link #keys()} lists every version newest first; the newest is the
 *       {@link #activeKey() active} one. Older versions stay published and can still sign until
 *       {@link #retire(String) retired}; the last version can never be retired.</li>
 *   <li><b>Files.</b> The directory holds {@value #STORE_FILE} (PKCS#12), a lock file and, when the
 *       password was generated, {@value #PASSWORD_FILE}. The directory is created 0700 and the files 0600
 *       where the file system is POSIX. The store is replaced only atomically (temporary file, fsync,
 *       atomic rename), so a crash never leaves a half-written store.</li>
 *   <li><b>Sharing.</b> Several instances, in this or other processes, may use one directory: changes
 *       are made under an exclusive file lock after re-reading the store, so no rotation is lost, and
 *       every instance notices a replaced store (file identity, time and size) on its next call and
 *       reloads it.</li>
 *   <li><b>Speed.</b> Private keys are decrypted once and cached; {@link #sign} reads no file unless the
 *       store changed on disk (each call only checks the file's attributes).</li>
 *   <li><b>Secrets.</b> Private keys and the password never appear in a JWK, a message or
 *       {@link #toString()}, which shows the configuration only.</li>
 * </ul>
 *
 * <p>Failures are {@link KeyProviderException}s: {@code KEY_NOT_FOUND} for an unknown kid,
 * {@code UNSUPPORTED_ALGORITHM} when a version is asked to sign with an algorithm other than its own,
 * {@code UNAUTHORIZED} when the password does not open the store, {@code FAILED} (with the cause) for
 * I/O and JCA failures and for retiring the last version. Instances are thread-safe.
 */
public final class LocalKeyProvider implements KeyProvider {

    /** Environment variable read for the store password when the builder was given none. */
    public static final String PASSWORD_ENV = "JWK_ADAPTER_KEYSTORE_PASSWORD";
    /** Name of the PKCS#12 store inside the directory. */
    public static final String STORE_FILE = "keys.p12";
    /** Name of the generated password file (owner-only), used when neither the builder nor the environment gives one. */
    public static final String PASSWORD_FILE = "keystore.password";
    /** The directory used when none is set: {@code .jwk-adapter} under the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of(".jwk-adapter");
    /** The algorithm used when none is set. */
    public static final JwsAlgorithm DEFAULT_ALGORITHM = JwsAlgorithm.ES256;
    /** The RSA modulus size used when none is set, in bits. */
    public static final int DEFAULT_RSA_KEY_SIZE = 2048;

    /** How each private key is encrypted in the store, whatever the JDK's {@code keystore.pkcs12.*} defaults say. */
    private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";

    private final @Nullable Pkcs12Store store;
    private final char @Nullable [] password;
    private final JwsAlgorithm algorithm;
    private final int rsaKeySize;
    private final Clock clock;
    private final SecureRandom random;
    /** Serializes this instance's reloads and changes; the store adds a JVM-wide and a file lock for changes. */
    private final Object lock = new Object();
    private volatile State state = new State(List.of(), null);

    private LocalKeyProvider(@Nullable Pkcs12Store store, char @Nullable [] password, JwsAlgorithm algorithm,
            int rsaKeySize, Clock clock, SecureRandom random) {
        this.store = store;
        this.password = password;
        this.algorithm = algorithm;
        this.rsaKeySize = rsaKeySize;
        this.clock = clock;
        this.random = random;
    }

    /** A builder with the defaults: {@link #DEFAULT_DIRECTORY}, ES256, RSA 2048 bits. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every version, newest first; the JWKs hold public members only. */
    @Override
    public List<KeyVersion> keys() {
        return current().versions;
    }

    /**
     * The newest version, which new tokens are signed with.
     *
     * @throws KeyProviderException ({@code KEY_NOT_FOUND}) if the store on disk was emptied by hand
     */
    @Override
    public KeyVersion activeKey() {
        State s = current();
        if (s.versions.isEmpty()) {
            throw new KeyProviderException(Reason.KEY_NOT_FOUND, "the local key store holds no key: call rotate() to create one");
        }
        return s.versions.get(0);
    }

    /** The public JWKs of every version, newest first, each with {@code kid}, {@code alg} and {@code use: "sig"}. */
    @Override
    public JwkSet jwks() {
        return current().jwks;
    }

    /**
     * Signs with version {@code kid}, which must be bound to {@code alg}.
     *
     * @return the JOSE signature (R‖S for ECDSA)
     * @throws KeyProviderException {@code KEY_NOT_FOUND} for an unknown (or retired) kid,
     *     {@code UNSUPPORTED_ALGORITHM} when {@code alg} is not the version's algorithm, {@code FAILED}
     *     when the JCA fails (with the cause)
     */
    @Override
    public byte[] sign(String kid, JwsAlgorithm alg, byte[] signingInput) {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(signingInput, "signingInput");
        StoredKey key = current().byKid.get(kid);
        if (key == null) {
            throw new KeyProviderException(Reason.KEY_NOT_FOUND,
                    "no key version with kid " + printable(kid) + " in the local key store (retired, or never created)");
        }
        if (alg != key.algorithm()) {
            throw new KeyProviderException(Reason.UNSUPPORTED_ALGORITHM, "key version " + key.kid() + " is bound to "
                    + key.algorithm() + " (RFC 8725 §3.1) and cannot sign with " + alg);
        }
        try {
            return JcaSignatures.sign(alg, key.privateKey(), signingInput);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyProviderException(Reason.FAILED,
                    "the JCA could not sign with key version " + key.kid() + " (" + alg + "): " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Generates a new version with this provider's algorithm (and RSA key size), stores it, and makes it
     * the active one. Older versions stay published and can still sign until retired.
     *
     * @return the new version
     * @throws KeyProviderException ({@code FAILED}) when the key cannot be generated or stored
     */
    public KeyVersion rotate() {
        return modify(w -> {
            KeyPair pair;
            try {
                pair = Keys.generate(algorithm, rsaKeySize, random);
            } catch (GeneralSecurityException e) {
                throw new KeyProviderException(Reason.FAILED, "cannot generate a " + algorithm + " key: " + e, e);
            }
            return w.add(pair, algorithm).version();
        });
    }

    /**
     * Removes version {@code kid}: it is no longer published and can no longer sign. Other versions,
     * older ones included, are kept.
     *
     * @throws KeyProviderException {@code KEY_NOT_FOUND} for an unknown kid; {@code FAILED} when it is the
     *     last version (rotate first) or the store cannot be written
     */
    public void retire(String kid) {
        Objects.requireNonNull(kid, "kid");
        modify(w -> {
            StoredKey key = w.find(kid);
            if (key == null) {
                throw new KeyProviderException(Reason.KEY_NOT_FOUND,
                        "cannot retire kid " + printable(kid) + ": no such key version in the local key store");
            }
            if (w.entries.size() == 1) {
                throw new KeyProviderException(Reason.FAILED, "cannot retire key version " + key.kid()
                        + ": it is the only one left, and nothing could sign; call rotate() first, then retire it");
            }
            w.remove(key);
            return null;
        });
    }

    /** The key directory (absolute), or empty for an {@link Builder#inMemory() in-memory} provider. */
    public Optional<Path> directory() {
        return store == null ? Optional.empty() : Optional.of(store.directory());
    }

    /** The algorithm {@link #rotate()} generates keys for. Imported and older versions may have others. */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** Directory (or in-memory), algorithm, RSA key size where it applies, and the number of versions. */
    @Override
    public String toString() {
        return "LocalKeyProvider[" + (store == null ? "in-memory" : "directory=" + store.directory())
                + ", algorithm=" + algorithm + (algorithm.isRsa() ? ", rsaKeySize=" + rsaKeySize : "")
                + ", keys=" + state.keys.size() + "]";
    }

    // ---------------------------------------------------------------- state

    /** An immutable snapshot of the versions, with lookups built once. */
    private static final class State {
        final List<StoredKey> keys;
        final Map<String, StoredKey> byKid;
        final List<KeyVersion> versions;
        final JwkSet jwks;
        final Pkcs12Store.@Nullable Stamp stamp;

        State(List<StoredKey> entries, Pkcs12Store.@Nullable Stamp stamp) {
            List<StoredKey> sorted = new ArrayList<>(entries);
            sorted.sort(StoredKey.NEWEST_FIRST);
            Map<String, StoredKey> index = new LinkedHashMap<>();
            for (StoredKey k : sorted) {
                index.putIfAbsent(k.kid(), k);
            }
            this.keys = List.copyOf(index.values());
            this.byKid = Collections.unmodifiableMap(new HashMap<>(index));
            List<KeyVersion> v = new ArrayList<>(keys.size());
            List<Jwk> j = new ArrayList<>(keys.size());
            for (StoredKey k : keys) {
                v.add(k.version());
                j.add(k.version().jwk());
            }
            this.versions = List.copyOf(v);
            this.jwks = JwkSet.of(j);
            this.stamp = stamp;
        }
    }

    /** The current snapshot, reloaded first when the store file was replaced. */
    private State current() {
        State s = state;
        if (store == null) {
            return s;
        }
        Pkcs12Store.Stamp now = store.stamp();
        if (now == null || now.equals(s.stamp)) {
            return s; // unchanged, or deleted by hand: keep serving what was loaded (the next change writes it back)
        }
        synchronized (lock) {
            s = state;
            if (!now.equals(s.stamp)) {
                Pkcs12Store.Loaded loaded = store.load(secret());
                if (loaded != null) {
                    s = new State(read(loaded.keyStore(), s), loaded.stamp());
                    state = s;
                }
            }
            return s;
        }
    }

    private char[] secret() {
        return Objects.requireNonNull(password, "password");
    }

    /** The versions of a store, reusing the already decrypted private keys of {@code previous}. */
    private List<StoredKey> read(KeyStore ks, State previous) {
        Map<String, StoredKey> out = new LinkedHashMap<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) {
                    continue;
                }
                StoredKey k = readEntry(ks, alias, previous);
                StoredKey other = out.get(k.kid());
                if (other == null || StoredKey.NEWEST_FIRST.compare(k, other) < 0) {
                    out.put(k.kid(), k);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException(Reason.FAILED, "cannot read the entries of the key store: " + e, e);
        }
        return new ArrayList<>(out.values());
    }

    private StoredKey readEntry(KeyStore ks, String alias, State previous) throws GeneralSecurityException {
        Certificate c = ks.getCertificate(alias);
        if (!(c instanceof X509Certificate)) {
            throw new KeyProviderException(Reason.FAILED, "key store entry '" + alias + "' has no X.509 certificate");
        }
        X509Certificate cert = (X509Certificate) c;
        PublicKey publicKey = cert.getPublicKey();
        Optional<SelfSignedCertificate.Metadata> meta = SelfSignedCertificate.read(cert);
        JwsAlgorithm alg;
        Jwk jwk;
        try {
            alg = meta.map(SelfSignedCertificate.Metadata::algorithm).orElseGet(() -> Keys.algorithmFor(publicKey, algorithm));
            jwk = Keys.publicJwk(publicKey, alg);
        } catch (JwkException | IllegalArgumentException e) {
            throw new KeyProviderException(Reason.FAILED, "key store entry '" + alias + "' is not usable: " + e.getMessage(), e);
        }
        long sequence = meta.map(SelfSignedCertificate.Metadata::sequence).orElse(0L);
        Instant createdOn = meta.map(SelfSignedCertificate.Metadata::createdOn).orElseGet(() -> cert.getNotBefore().toInstant());
        String kid = jwk.kid().orElseThrow();
        StoredKey cached = previous.byKid.get(kid);
        if (cached != null && cached.sequence() == sequence && cached.algorithm() == alg) {
            return cached.withAlias(alias);
        }
        Key key;
        try {
            key = ks.getKey(alias, secret());
        } catch (UnrecoverableKeyException e) {
            throw new KeyProviderException(Reason.UNAUTHORIZED,
                    "key store entry '" + alias + "' is protected by another password than the store", e);
        }
        if (!(key instanceof PrivateKey)) {
            throw new KeyProviderException(Reason.FAILED, "key store entry '" + alias + "' holds no private key");
        }
        try {
            Keys.check(new KeyPair(publicKey, (PrivateKey) key));
        } catch (IllegalArgumentException e) {
            throw new KeyProviderException(Reason.FAILED, "key store entry '" + alias + "' is not usable: " + e.getMessage(), e);
        }
        return new StoredKey(version(jwk, alg, createdOn), alg, sequence, createdOn, (PrivateKey) key, cert, alias);
    }

    /** The public view of a version: one algorithm, enabled, with its creation time. */
    private static KeyVersion version(Jwk jwk, JwsAlgorithm alg, Instant createdOn) {
        return KeyVersion.builder(jwk.kid().orElseThrow(), jwk).algorithms(alg).enabled(true).createdOn(createdOn).build();
    }

    // ---------------------------------------------------------------- changes

    /** A change applied to the versions as read inside the lock. */
    @FunctionalInterface
    private interface Change<T> {
        @Nullable T apply(Working working) throws GeneralSecurityException;
    }

    /** The versions being changed; {@link #add} and {@link #remove} keep the PKCS#12 store (if any) in step. */
    private final class Working {
        final @Nullable KeyStore keyStore;
        final List<StoredKey> entries;
        boolean changed;

        Working(@Nullable KeyStore keyStore, List<StoredKey> entries) {
            this.keyStore = keyStore;
            this.entries = new ArrayList<>(entries);
        }

        @Nullable StoredKey find(String kid) {
            for (StoredKey k : entries) {
                if (k.kid().equals(kid)) {
                    return k;
                }
            }
            return null;
        }

        StoredKey add(KeyPair pair, JwsAlgorithm alg) throws GeneralSecurityException {
            long sequence = 1;
            for (StoredKey k : entries) {
                sequence = Math.max(sequence, k.sequence() + 1);
            }
            Instant createdOn = clock.instant();
            Jwk jwk = Keys.publicJwk(pair.getPublic(), alg);
            X509Certificate cert = null;
            String alias = null;
            if (keyStore != null) {
                cert = SelfSignedCertificate.create(pair, alg, sequence, createdOn);
                alias = store(pair.getPrivate(), cert, sequence);
            }
            StoredKey key = new StoredKey(version(jwk, alg, createdOn), alg, sequence, createdOn, pair.getPrivate(), cert, alias);
            entries.add(key);
            changed = true;
            return key;
        }

        /** Puts a key entry under a new alias of lowercase ASCII (PKCS#12 implementations fold case). */
        String store(PrivateKey key, X509Certificate cert, long sequence) throws GeneralSecurityException {
            KeyStore ks = Objects.requireNonNull(keyStore);
            String alias = "jwk-adapter-" + sequence;
            for (int i = 2; ks.containsAlias(alias); i++) {
                alias = "jwk-adapter-" + sequence + "-" + i;
            }
            ks.setEntry(alias, new KeyStore.PrivateKeyEntry(key, new Certificate[] {cert}),
                    new KeyStore.PasswordProtection(secret(), KEY_PROTECTION, null));
            return alias;
        }

        void remove(StoredKey key) throws GeneralSecurityException {
            if (keyStore != null && key.alias() != null) {
                keyStore.deleteEntry(key.alias());
            }
            entries.remove(key);
            changed = true;
        }
    }

    private <T> @Nullable T modify(Change<T> change) {
        synchronized (lock) {
            Pkcs12Store files = store;
            if (files == null) {
                Working w = new Working(null, state.keys);
                T result = apply(change, w);
                if (w.changed) {
                    state = new State(w.entries, null);
                }
                return result;
            }
            return files.locked(() -> {
                files.deleteLeftoverTemporaryFiles();
                Pkcs12Store.Loaded loaded = files.load(secret());
                Working w;
                if (loaded != null) {
                    w = new Working(loaded.keyStore(), read(loaded.keyStore(), state));
                } else {
                    w = restore(state.keys); // no store (first use, or deleted by hand): start from what is cached
                }
                T result = apply(change, w);
                Pkcs12Store.Stamp stamp;
                if (w.changed || (loaded == null && !w.entries.isEmpty())) {
                    stamp = files.write(Objects.requireNonNull(w.keyStore), secret());
                } else {
                    stamp = loaded == null ? null : loaded.stamp();
                }
                state = new State(w.entries, stamp);
                return result;
            });
        }
    }

    private Working restore(List<StoredKey> cached) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        Working w = new Working(ks, List.of());
        for (StoredKey k : cached) {
            X509Certificate cert = k.certificate();
            if (cert == null) {
                continue;
            }
            w.entries.add(k.withAlias(w.store(k.privateKey(), cert, k.sequence())));
        }
        return w;
    }

    private static <T> @Nullable T apply(Change<T> change, Working w) {
        try {
            return change.apply(w);
        } catch (GeneralSecurityException e) {
            throw new KeyProviderException(Reason.FAILED, "cannot change the local key store: " + e, e);
        }
    }

    /** Adds the imported keys not yet present (by thumbprint) and, when no key remains, generates one. */
    private void initialize(List<PrivateKeyImport.Imported> imports) {
        modify(w -> {
            for (PrivateKeyImport.Imported imported : imports) {
                PublicKey pub = imported.pair().getPublic();
                JwsAlgorithm alg = imported.algorithm() != null ? imported.algorithm() : Keys.algorithmFor(pub, algorithm);
                if (w.find(Jwk.fromPublicKey(pub, null).thumbprint()) == null) {
                    w.add(imported.pair(), alg);
                }
            }
            if (w.entries.isEmpty()) {
                try {
                    w.add(Keys.generate(algorithm, rsaKeySize, random), algorithm);
                } catch (GeneralSecurityException e) {
                    throw new KeyProviderException(Reason.FAILED, "cannot generate a " + algorithm + " key: " + e, e);
                }
            }
            return null;
        });
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.append(s.length() > 64 ? "…'" : "'").toString();
    }

    // ---------------------------------------------------------------- builder

    /**
     * Builds a {@link LocalKeyProvider}. Setters check their argument for {@code null}; everything else is
     * checked by {@link #build()}, which names the bad setting. Not thread-safe; build once, then share
     * the provider.
     */
    public static final class Builder {

        /** A file to import: a PEM/JWK file ({@code pkcs12Password == null}) or a PKCS#12 file. */
        private static final class ImportSource {
            final Path file;
            final char @Nullable [] pkcs12Password;

            ImportSource(Path file, char @Nullable [] pkcs12Password) {
                this.file = file;
                this.pkcs12Password = pkcs12Password;
            }
        }

        private Path directory = DEFAULT_DIRECTORY;
        private boolean directorySet;
        private boolean inMemory;
        private JwsAlgorithm algorithm = DEFAULT_ALGORITHM;
        private int rsaKeySize = DEFAULT_RSA_KEY_SIZE;
        private char @Nullable [] password;
        private final List<ImportSource> imports = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Function<String, @Nullable String> environment = System::getenv;

        private Builder() {}

        /** The key directory (default {@link #DEFAULT_DIRECTORY}); created with owner-only permissions on first use. */
        public Builder directory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "dir");
            this.directorySet = true;
            return this;
        }

        /** Keep keys in memory only: no directory, no file, no password (for tests and benchmarks). */
        public Builder inMemory() {
            this.inMemory = true;
            return this;
        }

        /**
         * The algorithm new keys are generated for (default ES256): RS256–PS512 give RSA keys of
         * {@link #rsaKeySize(int)} bits, ES256/384/512 keys on P-256/384/521, EdDSA an Ed25519 key.
         */
        public Builder algorithm(JwsAlgorithm alg) {
            this.algorithm = Objects.requireNonNull(alg, "alg");
            return this;
        }

        /** RSA modulus size for generated keys: 2048 (default), 3072 or 4096 bits. */
        public Builder rsaKeySize(int bits) {
            this.rsaKeySize = bits;
            return this;
        }

        /**
         * The store password (copied). Without it, the environment variable {@link #PASSWORD_ENV} is used,
         * else the generated file {@link #PASSWORD_FILE} in the directory.
         */
        public Builder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * A private key file to add at {@link #build()} unless the store already holds that key (same
         * RFC 7638 thumbprint): PEM ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY})
         * or a private JWK (or a JWK Set of them). RSA keys sign with this builder's algorithm when it is
         * an RSA one, else RS256 (a JWK's own {@code alg} wins); EC keys with the algorithm of their
         * curve; Ed25519 keys with EdDSA. RSA keys under 2048 bits are refused.
         */
        public Builder importKey(Path file) {
            imports.add(new ImportSource(Objects.requireNonNull(file, "file"), null));
            return this;
        }

        /** Every private-key entry of a PKCS#12 file (whose entries use the file's password), as for {@link #importKey}. */
        public Builder importPkcs12(Path file, char[] password) {
            imports.add(new ImportSource(Objects.requireNonNull(file, "file"), Objects.requireNonNull(password, "password").clone()));
            return this;
        }

        /** The clock for creation timestamps (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where environment variables are read (tests). */
        Builder environment(Function<String, @Nullable String> env) {
            this.environment = Objects.requireNonNull(env, "env");
            return this;
        }

        /**
         * Validates the settings, reads the files to import, and opens the store: on first use it creates
         * the directory (0700), the password file if needed (0600) and the store (0600) with one key.
         *
         * @throws IllegalArgumentException naming a bad setting or an unusable import file
         * @throws IllegalStateException for contradictory settings ({@code inMemory()} with {@code directory(...)})
         * @throws KeyProviderException {@code UNAUTHORIZED} when the password does not open the store,
         *     {@code FAILED} when files cannot be created, read or written
         */
        public LocalKeyProvider build() {
            if (rsaKeySize != 2048 && rsaKeySize != 3072 && rsaKeySize != 4096) {
                throw new IllegalArgumentException("rsaKeySize: must be 2048, 3072 or 4096 bits, was " + rsaKeySize);
            }
            if (inMemory && directorySet) {
                throw new IllegalStateException("inMemory() contradicts directory(...): choose one");
            }
            if (password != null && password.length == 0) {
                throw new IllegalArgumentException("password: must not be empty");
            }
            SecureRandom rng = new SecureRandom();
            List<PrivateKeyImport.Imported> keys = new ArrayList<>();
            for (ImportSource source : imports) {
                keys.addAll(source.pkcs12Password == null
                        ? PrivateKeyImport.readKeyFile(source.file)
                        : PrivateKeyImport.readPkcs12(source.file, source.pkcs12Password));
            }
            LocalKeyProvider provider;
            if (inMemory) {
                provider = new LocalKeyProvider(null, null, algorithm, rsaKeySize, clock, rng);
            } else {
                Pkcs12Store files = Pkcs12Store.open(directory);
                char[] secret = password != null ? password.clone() : null;
                if (secret == null) {
                    String env = environment.apply(PASSWORD_ENV);
                    if (env != null && !env.isEmpty()) {
                        secret = env.toCharArray();
                    }
                }
                if (secret == null) {
                    secret = files.locked(() -> files.readOrCreatePassword(rng));
                }
                provider = new LocalKeyProvider(files, secret, algorithm, rsaKeySize, clock, rng);
            }
            provider.initialize(keys);
            return provider;
        }

        /** The settings, never the password. */
        @Override
        public String toString() {
            return "LocalKeyProvider.Builder[" + (inMemory ? "in-memory" : "directory=" + directory) + ", algorithm=" + algorithm
                    + ", rsaKeySize=" + rsaKeySize + ", password=" + (password == null ? "unset" : "set")
                    + ", imports=" + imports.size() + "]";
        }

    }
}
