package dev.jwkadapter.core.provider;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One version of a signing key as a provider exposes it: its {@code kid}, public JWK, the
 * algorithms it signs with, and its lifecycle attributes.
 *
 * <p>Holds public material only. Instances are immutable and thread-safe.
 */
public final class KeyVersion {

    private final String kid;
    private final Jwk jwk;
    private final Set<JwsAlgorithm> algorithms;
    private final boolean enabled;
    private final @Nullable Instant notBefore;
    private final @Nullable Instant expiresOn;
    private final @Nullable Instant createdOn;

    private KeyVersion(Builder b) {
        this.kid = Objects.requireNonNull(b.kid, "kid");
        Jwk j = Objects.requireNonNull(b.jwk, "jwk");
        if (!j.kid().map(kid::equals).orElse(false)) {
            j = j.withKid(kid);
        }
        this.jwk = j;
        if (b.algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms: a key version needs at least one algorithm");
        }
        for (JwsAlgorithm a : b.algorithms) {
            if (!a.keyType().equals(jwk.kty()) || (a.curve().isPresent() && !a.curve().equals(jwk.curve()))) {
                throw new IllegalArgumentException("algorithms: " + a + " does not fit a " + jwk.kty() + " key");
            }
        }
        this.algorithms = Set.copyOf(b.algorithms);
        this.enabled = b.enabled;
        this.notBefore = b.notBefore;
        this.expiresOn = b.expiresOn;
        this.createdOn = b.createdOn;
    }

    /** A builder for a version with this kid and public key. */
    public static Builder builder(String kid, Jwk jwk) {
        return new Builder(kid, jwk);
    }

    /** The key id that tokens signed with this version carry. */
    public String kid() {
        return kid;
    }

    /** The public key, with {@code kid} set to {@link #kid()}. */
    public Jwk jwk() {
        return jwk;
    }

    /** The algorithms this version signs with. */
    public Set<JwsAlgorithm> algorithms() {
        return algorithms;
    }

    /** Whether the key store reports the version as enabled. */
    public boolean enabled() {
        return enabled;
    }

    /** Not valid before this instant, when the store says so. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /** Not valid from this instant on, when the store says so. */
    public Optional<Instant> expiresOn() {
        return Optional.ofNullable(expiresOn);
    }

    /** When the version was created, when known. */
    public Optional<Instant> createdOn() {
        return Optional.ofNullable(createdOn);
    }

    /** Whether the version may sign at {@code now}: enabled and within its validity window. */
    public boolean isUsableAt(Instant now) {
        return enabled && (notBefore == null || !now.isBefore(notBefore)) && (expiresOn == null || now.isBefore(expiresOn));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyVersion)) {
            return false;
        }
        KeyVersion v = (KeyVersion) o;
        return kid.equals(v.kid) && jwk.equals(v.jwk) && algorithms.equals(v.algorithms) && enabled == v.enabled
                && Objects.equals(notBefore, v.notBefore) && Objects.equals(expiresOn, v.expiresOn)
                && Objects.equals(createdOn, v.createdOn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, jwk, algorithms, enabled, notBefore, expiresOn, createdOn);
    }

    @Override
    public String toString() {
        return "KeyVersion[kid=" + kid + ", kty=" + jwk.kty() + jwk.curve().map(c -> "/" + c).orElse("")
                + ", algorithms=" + algorithms + ", enabled=" + enabled
                + (createdOn == null ? "" : ", createdOn=" + createdOn)
                + (notBefore == null ? "" : ", notBefore=" + notBefore)
                + (expiresOn == null ? "" : ", expiresOn=" + expiresOn) + "]";
    }

    /** Builds a {@link KeyVersion}. Not thread-safe. */
    public static final class Builder {
        private final String kid;
        private final Jwk jwk;
        private final Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        private boolean enabled = true;
        private @Nullable Instant notBefore;
        private @Nullable Instant expiresOn;
        private @Nullable Instant createdOn;

        private Builder(String kid, Jwk jwk) {
            this.kid = Objects.requireNonNull(kid, "kid");
            this.jwk = Objects.requireNonNull(jwk, "jwk");
        }

        /** Adds algorithms this version signs with. */
        public Builder algorithms(JwsAlgorithm... algs) {
            for (JwsAlgorithm a : algs) {
                algorithms.add(Objects.requireNonNull(a, "algorithm"));
            }
            return this;
        }

        /** Adds algorithms this version signs with. */
        public Builder algorithms(Set<JwsAlgorithm> algs) {
            algs.forEach(a -> algorithms.add(Objects.requireNonNull(a, "algorithm")));
            return this;
        }

        /** Sets the enabled flag (default true). */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** Sets the start of validity, or {@code null}. */
        public Builder notBefore(@Nullable Instant value) {
            this.notBefore = value;
            return this;
        }

        /** Sets the end of validity, or {@code null}. */
        public Builder expiresOn(@Nullable Instant value) {
            this.expiresOn = value;
            return this;
        }

        /** Sets the creation time, or {@code null}. */
        public Builder createdOn(@Nullable Instant value) {
            this.createdOn = value;
            return this;
        }

        /**
         * Builds the version.
         *
         * @throws IllegalArgumentException naming the bad setting
         */
        public KeyVersion build() {
            return new KeyVersion(this);
        }
    }
}
