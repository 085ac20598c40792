package dev.jwkadapter.core.security;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.testing.TestJwts;
import dev.jwkadapter.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/** Small helpers to take compact tokens apart and put them back together. */
final class Tokens {

    /** Every algorithm the library implements (for validators where only the key decides). */
    static final JwsAlgorithm[] ALL = JwsAlgorithm.values();

    private Tokens() {}

    static String[] parts(String token) {
        int d1 = token.indexOf('.');
        int d2 = token.indexOf('.', d1 + 1);
        return new String[] {token.substring(0, d1), token.substring(d1 + 1, d2), token.substring(d2 + 1)};
    }

    static byte[] decoded(String token, int part) {
        return Base64Url.decode(parts(token)[part]);
    }

    static String withPart(String token, int part, String segment) {
        String[] p = parts(token);
        p[part] = segment;
        return p[0] + "." + p[1] + "." + p[2];
    }

    static String withSignature(String token, byte[] signature) {
        return withPart(token, 2, Base64Url.encode(signature));
    }

    /** An HMAC token as an attacker makes it: HMAC-SHA-256 over the signing input with {@code secret}. */
    static String hs256(TestJwts.Builder builder, byte[] secret) {
        byte[] mac = TestKeys.hmacSha256(secret, builder.signingInput().getBytes(StandardCharsets.US_ASCII));
        return builder.signature(mac).build();
    }

    static Set<JwsAlgorithm> rsaAlgorithms() {
        return EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512, JwsAlgorithm.PS256,
                JwsAlgorithm.PS384, JwsAlgorithm.PS512);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
