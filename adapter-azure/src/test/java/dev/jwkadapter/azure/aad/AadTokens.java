package dev.jwkadapter.azure.aad;

import static dev.jwkadapter.azure.aad.AadFixtures.CALLER;
import static dev.jwkadapter.azure.aad.AadFixtures.CLIENT;
import static dev.jwkadapter.azure.aad.AadFixtures.NOW;
import static dev.jwkadapter.azure.aad.AadFixtures.TENANT;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Mints Azure AD-shaped access tokens (claims as in Microsoft's "access tokens" samples) signed with the
 * fixture keys. Not thread-safe; one builder per token.
 */
final class AadTokens {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private TestKey key;
    private final String origin;

    private AadTokens(String origin, TestKey key) {
        this.origin = origin;
        this.key = key;
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("kid", key.kid());
    }

    /** A v2.0 access token of {@link AadFixtures#TENANT} for the API {@link AadFixtures#CLIENT}, signed by {@code aad-1}. */
    static AadTokens v2(String origin) {
        AadTokens t = new AadTokens(origin, AadFixtures.key("aad-1"));
        t.claims.put("aud", CLIENT);
        t.claims.put("iss", origin + "/" + TENANT + "/v2.0");
        t.times();
        t.claims.put("aio", "AXQAi/8IAAAAtAaZLo3ChMif6KOnttRB7eBq4/DccQzjcJGxPYy");
        t.claims.put("azp", CALLER);
        t.claims.put("azpacr", "0");
        t.claims.put("name", "Abe Lincoln");
        t.claims.put("oid", "690222be-ff1a-4d56-abd1-7e4f7d38e474");
        t.claims.put("preferred_username", "abeli@contoso.example");
        t.claims.put("rh", "I");
        t.claims.put("scp", "access_as_user Files.Read");
        t.claims.put("sub", "HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ");
        t.claims.put("tid", TENANT);
        t.claims.put("uti", "fqiBqXLPj0eQa82S-IYFAA");
        t.claims.put("ver", "2.0");
        return t;
    }

    /** A v1.0 access token of {@link AadFixtures#TENANT} for {@code api://{CLIENT}}, signed by {@code aad-1}. */
    static AadTokens v1(String origin) {
        AadTokens t = new AadTokens(origin, AadFixtures.key("aad-1"));
        t.header.put("x5t", t.key.kid());
        t.claims.put("aud", "api://" + CLIENT);
        t.claims.put("iss", origin + "/" + TENANT + "/");
        t.times();
        t.claims.put("acr", "1");
        t.claims.put("amr", new String[] {"pwd"});
        t.claims.put("appid", CALLER);
        t.claims.put("appidacr", "0");
        t.claims.put("name", "abeli");
        t.claims.put("oid", "02223b6b-aa1d-42d4-9ec0-1b2bb9194438");
        t.claims.put("scp", "user_impersonation");
        t.claims.put("sub", "l3_roISQU222bULS9yi2k0XpqpOiMz5H3ZACo1GeXA");
        t.claims.put("tid", TENANT);
        t.claims.put("unique_name", "abeli@contoso.example");
        t.claims.put("uti", "FVsGxYXI30-TuikuuUoFAA");
        t.claims.put("ver", "1.0");
        return t;
    }

    private void times() {
        claims.put("iat", NOW.getEpochSecond() - 300);
        claims.put("nbf", NOW.getEpochSecond() - 300);
        claims.put("exp", NOW.getEpochSecond() + 3600);
    }

    /** Sets {@code tid} and the tenant segment of {@code iss} consistently (v2 or v1 shape kept). */
    AadTokens tenant(String tid) {
        boolean v2 = "2.0".equals(claims.get("ver"));
        claims.put("tid", tid);
        claims.put("iss", origin + "/" + tid + (v2 ? "/v2.0" : "/"));
        return this;
    }

    /** Sets or replaces a claim ({@code null} writes JSON null). */
    AadTokens claim(String name, @Nullable Object value) {
        claims.put(name, value);
        return this;
    }

    /** Removes a claim. */
    AadTokens without(String name) {
        claims.remove(name);
        return this;
    }

    /** Sets or replaces a header member. */
    AadTokens header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    /** Removes a header member. */
    AadTokens withoutHeader(String name) {
        header.remove(name);
        return this;
    }

    /** Signs with another fixture key (header kid follows). */
    AadTokens key(TestKey k) {
        this.key = k;
        header.put("kid", k.kid());
        if (header.containsKey("x5t")) {
            header.put("x5t", k.kid());
        }
        return this;
    }

    /** Signs with {@code signer} but keeps the current header kid (a forged signature). */
    String signedBy(TestKey signer) {
        return signer.compact(JwsAlgorithm.RS256, AadFixtures.json(header), AadFixtures.json(claims));
    }

    /** A random object id, for principal tests. */
    static String randomOid() {
        return UUID.randomUUID().toString();
    }

    /** Signs with {@code alg} (the header says so) using the current key. */
    String build(JwsAlgorithm alg) {
        header.put("alg", alg.name());
        return key.compact(alg, AadFixtures.json(header), AadFixtures.json(claims));
    }

    /** The compact token. */
    String build() {
        return key.compact(JwsAlgorithm.RS256, AadFixtures.json(header), AadFixtures.json(claims));
    }
}
