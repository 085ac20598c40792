package dev.jwkadapter.core.vectors;

import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a JOSE vector must give: accepted up to the signature, or rejected (optionally with a pinned
 * reason). An entry with a {@code deviation} text overrides the Wycheproof label and is one of the
 * documented exceptions of the harness.
 *
 * @param accept whether the token must pass the signature check
 * @param reason the pinned rejection reason, or {@code null} for "any rejection"
 * @param deviation why this overrides the label, or {@code null} when it follows the label
 */
record JoseExpectation(boolean accept, @Nullable Reason reason, @Nullable String deviation) {

    static JoseExpectation fromLabel(WycheproofCase c) {
        return new JoseExpectation(c.isValid(), null, null);
    }

    static JoseExpectation rejected(Reason reason) {
        return new JoseExpectation(false, Objects.requireNonNull(reason), null);
    }

    /** A label override: the vector is rejected with {@code reason}, for the reason {@code why}. */
    static JoseExpectation deviation(Reason reason, String why) {
        return new JoseExpectation(false, Objects.requireNonNull(reason), Objects.requireNonNull(why));
    }

    /** A label override: the vector is accepted, for the reason {@code why} (optional checks we omit). */
    static JoseExpectation acceptedDeviation(String why) {
        return new JoseExpectation(true, null, Objects.requireNonNull(why));
    }

    /** Adds {@code expectation} for every listed tcId to {@code map}. */
    static void put(Map<Integer, JoseExpectation> map, JoseExpectation expectation, int... tcIds) {
        for (int id : tcIds) {
            if (map.put(id, expectation) != null) {
                throw new IllegalStateException("tcId " + id + " listed twice");
            }
        }
    }

    static Map<Integer, JoseExpectation> newTable() {
        return new HashMap<>();
    }
}
