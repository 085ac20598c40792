package dev.jwkadapter.core.jwks;

import dev.jwkadapter.core.jwk.JwkSet;
import java.util.Objects;

/**
 * Where a validator gets the keys it trusts.
 *
 * <p>Implementer's duties: be thread-safe and fast on {@link #get()} (validators call it for every
 * token; a remote source serves a cached set and never blocks readers on network I/O once it has one);
 * throw {@link JwksUnavailableException}, never another unchecked exception, when no set can be had;
 * keep {@link #refreshForUnknownKid(String)} rate-limited, since any caller can present any kid.
 */
@FunctionalInterface
public interface JwksSource {

    /**
     * The current key set.
     *
     * @throws JwksUnavailableException when no usable set can be provided
     */
    JwkSet get();

    /**
     * Called when a token names a {@code kid} absent from {@link #get()}: a source may refresh (at most
     * as often as its rate limit allows) and return the newer set. The default returns {@link #get()}.
     *
     * @throws JwksUnavailableException when no usable set can be provided
     */
    default JwkSet refreshForUnknownKid(String kid) {
        return get();
    }

    /** A source that always returns {@code keys}. */
    static JwksSource of(JwkSet keys) {
        Objects.requireNonNull(keys, "keys");
        return new JwksSource() {
            @Override
            public JwkSet get() {
                return keys;
            }

            @Override
            public String toString() {
                return "JwksSource.of(" + keys + ")";
            }
        };
    }
}
