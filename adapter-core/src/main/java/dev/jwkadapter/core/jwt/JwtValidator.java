package dev.jwkadapter.core.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.internal.JsonValues;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jws.JwsHeader;
import dev.jwkadapter.core.jws.JwsHeaderException;
import dev.jwkadapter.core.jwt.JwtValidationException.Failure;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Validates compact JWS JWTs (RFC 7519) against trusted keys, following RFC 8725.
 *
 * <p>Order of checks: size → three strict base64url parts → header (strict JSON, {@code alg} on the
 * allow-list, {@code crit}, {@code typ}) → key by {@code kid} from the {@link JwksSource} (on an
 * unknown kid, one rate-limited refresh) and the key's fit for the algorithm → signature → claims
 * (strict JSON; {@code exp}, {@code nbf}, {@code iat} with clock skew; {@code iss}; {@code aud};
 * required claims; custom checks). Claim failures are all collected.
 *
 * <p>Secure defaults: the algorithm allow-list is mandatory; {@code exp} is required; issuer and
 * audience must be configured or explicitly waived ({@link Builder#anyIssuer()},
 * {@link Builder#anyAudience()}); {@code typ} must be absent or {@code JWT} unless
 * {@link Builder#type(String)} or {@link Builder#ignoreType()} says otherwise; clock skew 60 s, at most
 * 10 min; tokens up to 256 KiB. Header members {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} are
 * never used to find a key. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * JwtValidator validator = JwtValidator.builder()
 *         .jwks(jwksSource)
 *         .issuer("https://issuer.example")
 *         .audience("api://x")
 *         .algorithms(JwsAlgorithm.RS256, JwsAlgorithm.ES256)
 *         .build();
 * VerifiedJwt jwt = validator.validate(token);   // or JwtValidationException with reason()
 * }</pre>
 */
public final class JwtValidator {

    /** Default clock skew for exp/nbf/iat. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Largest clock skew a validator accepts. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);
    /** Default largest token, in characters (256 KiB). */
    public static final int DEFAULT_MAX_TOKEN_SIZE = 256 * 1024;
    /** JSON nesting limit for header and claims. */
    public static final int MAX_JSON_DEPTH = Json.DEFAULT_MAX_DEPTH;

    /** A custom check run on a token whose signature verified; returns a failure or empty. */
    @FunctionalInterface
    public interface Check {
        /**
         * Checks a verified token.
         *
         * @param jwt the token whose signature verified (its standard claims may still be failing)
         * @return a failure, or empty when the token passes
         */
        Optional<Failure> check(VerifiedJwt jwt);
    }

    private static final int HEADER_CACHE_SIZE = 16;
    private static final int MAX_CACHED_HEADER_LENGTH = 1024;

    private final JwksSource jwks;
    private final Set<JwsAlgorithm> algorithms;
    /** Parsed headers by segment text: parsing is a pure function of the text, so this never changes a result. */
    private final AtomicReferenceArray<@Nullable HeaderEntry> headerCache = new AtomicReferenceArray<>(HEADER_CACHE_SIZE);
    private final @Nullable Predicate<String> issuerCheck;
    private final String issuerDescription;
    private final @Nullable Set<String> audiences;
    private final Duration clockSkew;
    private final Clock clock;
    private final int maxTokenSize;
    private final boolean requireExpiration;
    private final boolean requireKid;
    private final @Nullable String expectedType;
    private final boolean ignoreType;
    private final @Nullable Duration maxAge;
    private final List<String> requiredClaims;
    private final List<Check> checks;

    private JwtValidator(Builder b) {
        this.jwks = b.jwks;
        this.algorithms = Set.copyOf(b.algorithms);
        this.issuerCheck = b.issuerCheck;
        this.issuerDescription = b.issuerDescription;
        this.audiences = b.audiences == null ? null : Set.copyOf(b.audiences);
        this.clockSkew = b.clockSkew;
        this.clock = b.clock;
        this.maxTokenSize = b.maxTokenSize;
        this.requireExpiration = b.requireExpiration;
        this.requireKid = b.requireKid;
        this.expectedType = b.expectedType;
        this.ignoreType = b.ignoreType;
        this.maxAge = b.maxAge;
        this.requiredClaims = List.copyOf(b.requiredClaims);
        this.checks = List.copyOf(b.checks);
    }

    /** A builder with the secure defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a compact JWS JWT.
     *
     * @param token the token, exactly as received (no whitespace trimming)
     * @return the verified token
     * @throws JwtValidationException with a stable reason when the token is not accepted
     */
    public VerifiedJwt validate(@Nullable String token) {
        if (token == null) {
            throw fail(Reason.MALFORMED, "no token");
        }
        if (token.length() > maxTokenSize) {
            throw fail(Reason.TOKEN_TOO_LARGE, "token is longer than " + maxTokenSize + " characters");
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 < 0 || dot2 < 0) {
            throw fail(Reason.MALFORMED, "not a compact JWS: expected three parts separated by '.'");
        }
        if (token.indexOf('.', dot2 + 1) >= 0) {
            throw fail(Reason.MALFORMED, "not a compact JWS: more than three parts (JWE and nested forms are not accepted)");
        }
        if (dot1 == 0) {
            throw fail(Reason.MALFORMED, "the header part is empty");
        }
        if (dot1 > JwsHeader.MAX_HEADER_LENGTH * 4 / 3 + 4) {
            throw fail(Reason.TOKEN_TOO_LARGE, "the header is longer than " + JwsHeader.MAX_HEADER_LENGTH + " characters");
        }
        // Every character of a valid token is ASCII; anything else becomes '?', which base64url refuses.
        byte[] ascii = token.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length != token.length()) {
            throw fail(Reason.MALFORMED, "the token holds characters outside ASCII");
        }
        int headerHash = 0;
        for (int i = 0; i < dot1; i++) {
            headerHash = 31 * headerHash + ascii[i];
        }
        JwsHeader header = cachedHeader(ascii, dot1, headerHash);
        byte[] headerBytes = header == null ? decode(ascii, 0, dot1, "header") : null;
        byte[] payload = decode(ascii, dot1 + 1, dot2, "payload");
        byte[] signature = decode(ascii, dot2 + 1, ascii.length, "signature");

        if (header == null) {
            header = parseHeader(Objects.requireNonNull(headerBytes));
            cacheHeader(ascii, dot1, headerHash, header);
        }
        JwsAlgorithm alg = header.algorithm();
        if (!algorithms.contains(alg)) {
            throw fail(Reason.UNSUPPORTED_ALGORITHM, "algorithm " + alg + " is not allowed by this validator (allowed: "
                    + algorithms + ")");
        }
        checkType(header);
        header.contentType().ifPresent(cty -> {
            if (cty.equalsIgnoreCase("JWT") || cty.equalsIgnoreCase("application/jwt")) {
                throw fail(Reason.MALFORMED, "nested JWTs (cty JWT) are not accepted (RFC 8725 §3.3)");
            }
        });

        Jwk key = selectKey(header, alg);
        boolean valid;
        try {
            valid = JcaSignatures.verify(alg, key.toPublicKey(), ascii, 0, dot2, signature);
        } catch (JcaSignatures.KeyRejectedException e) {
            throw new JwtValidationException(Reason.INVALID_KEY, "the key was refused by the JCA for " + alg, e);
        } catch (JwkException e) {
            throw new JwtValidationException(Reason.INVALID_KEY, e.getMessage(), e);
        }
        if (!valid) {
            throw fail(Reason.BAD_SIGNATURE, "the signature does not verify with the key (alg " + alg + ")");
        }

        if (payload.length == 0) {
            throw fail(Reason.MALFORMED, "the payload is empty: a JWT needs a claims set");
        }
        ObjectNode claimsNode;
        try {
            claimsNode = Json.strict().parseObject(payload);
        } catch (Json.JsonFormatException e) {
            throw fail(Reason.MALFORMED, "claims: " + e.getMessage());
        }
        JwtClaims claims = JwtClaims.wrap(claimsNode);
        VerifiedJwt result = new VerifiedJwt(header, claims, key);
        List<Failure> failures = checkClaims(claims);
        for (Check c : checks) {
            Optional<Failure> f;
            try {
                f = c.check(result);
            } catch (JwtValidationException e) {
                f = Optional.of(new Failure(e.reason(), e.getMessage()));
            }
            f.ifPresent(failures::add);
        }
        if (!failures.isEmpty()) {
            throw new JwtValidationException(failures);
        }
        return result;
    }

    /** A header parsed earlier from the same segment text (headers repeat across a key's tokens). */
    private @Nullable JwsHeader cachedHeader(byte[] ascii, int length, int hash) {
        HeaderEntry e = headerCache.get(hash & (HEADER_CACHE_SIZE - 1));
        if (e != null && e.hash == hash && Arrays.equals(e.segment, 0, e.segment.length, ascii, 0, length)) {
            return e.header;
        }
        return null;
    }

    private void cacheHeader(byte[] ascii, int length, int hash, JwsHeader header) {
        if (length <= MAX_CACHED_HEADER_LENGTH) {
            headerCache.set(hash & (HEADER_CACHE_SIZE - 1), new HeaderEntry(Arrays.copyOf(ascii, length), hash, header));
        }
    }

    /** A header segment (its exact ASCII bytes) and the header it parses to. */
    private static final class HeaderEntry {
        final byte[] segment;
        final int hash;
        final JwsHeader header;

        HeaderEntry(byte[] segment, int hash, JwsHeader header) {
            this.segment = segment;
            this.hash = hash;
            this.header = header;
        }
    }

    private static byte[] decode(byte[] ascii, int from, int to, String part) {
        try {
            return Base64Url.decode(ascii, from, to);
        } catch (Base64Url.InvalidBase64Exception e) {
            throw fail(Reason.MALFORMED, "the " + part + " is not strict base64url: " + e.getMessage());
        }
    }

    private static JwsHeader parseHeader(byte[] headerBytes) {
        String text;
        try {
            text = Json.strictUtf8(headerBytes);
        } catch (Json.JsonFormatException e) {
            throw fail(Reason.MALFORMED, "header: " + e.getMessage());
        }
        try {
            return JwsHeader.parse(text);
        } catch (JwsHeaderException e) {
            switch (e.reason()) {
                case UNSUPPORTED_ALGORITHM: throw fail(Reason.UNSUPPORTED_ALGORITHM, e.getMessage());
                case UNSUPPORTED_CRITICAL_HEADER: throw fail(Reason.UNSUPPORTED_CRITICAL_HEADER, e.getMessage());
                case LIMIT_EXCEEDED:
                    // size → TOKEN_TOO_LARGE; nesting depth or number length → MALFORMED (SECURITY-CASES C6, I3)
                    throw fail(text.length() > JwsHeader.MAX_HEADER_LENGTH ? Reason.TOKEN_TOO_LARGE : Reason.MALFORMED,
                            e.getMessage());
                default: throw fail(Reason.MALFORMED, e.getMessage());
            }
        }
    }

    private void checkType(JwsHeader header) {
        if (ignoreType) {
            return;
        }
        Optional<String> typ = header.type();
        if (expectedType == null) {
            if (typ.isPresent() && !sameMediaType(typ.get(), "JWT")) {
                throw fail(Reason.TYPE_MISMATCH, "typ is not JWT; configure type(...) to accept another type");
            }
            return;
        }
        if (typ.isEmpty() || !sameMediaType(typ.get(), expectedType)) {
            throw fail(Reason.TYPE_MISMATCH, "typ must be " + expectedType + " (RFC 8725 §3.11)");
        }
    }

    /** RFC 7515 §4.1.9: compared case-insensitively, with an optional "application/" prefix. */
    static boolean sameMediaType(String actual, String expected) {
        String a = actual.regionMatches(true, 0, "application/", 0, 12) ? actual.substring(12) : actual;
        String e = expected.regionMatches(true, 0, "application/", 0, 12) ? expected.substring(12) : expected;
        return a.equalsIgnoreCase(e) && a.indexOf('/') < 0;
    }

    private Jwk selectKey(JwsHeader header, JwsAlgorithm alg) {
        JwkSet set = keys();
        Optional<String> kid = header.keyId();
        if (kid.isEmpty()) {
            return keyWithoutKid(set, alg);
        }
        String k = kid.get();
        List<Jwk> candidates = set.findAll(k);
        if (candidates.isEmpty()) {
            JwkSet refreshed;
            try {
                refreshed = jwks.refreshForUnknownKid(k);
            } catch (JwksUnavailableException e) {
                throw new JwtValidationException(Reason.UNKNOWN_KEY, "no trusted key has kid " + printable(k)
                        + ", and the key set could not be refreshed (" + e.getMessage() + ")", e);
            } catch (RuntimeException e) {
                throw new JwtValidationException(Reason.KEYS_UNAVAILABLE, "the key source failed: " + e.getClass().getSimpleName(), e);
            }
            set = refreshed;
            candidates = set.findAll(k);
        }
        if (candidates.isEmpty()) {
            Optional<JwkSet.Rejected> rejected = set.findRejected(k);
            if (rejected.isPresent()) {
                JwkException.Reason r = rejected.get().reason();
                boolean mismatch = r == JwkException.Reason.UNSUPPORTED_CURVE || r == JwkException.Reason.UNSUPPORTED_KEY_TYPE;
                throw fail(mismatch ? Reason.KEY_MISMATCH : Reason.INVALID_KEY,
                        "the key with kid " + printable(k) + " was refused: " + rejected.get().message());
            }
            throw fail(Reason.UNKNOWN_KEY, "no trusted key has kid " + printable(k));
        }
        List<Jwk> sameType = new ArrayList<>(candidates.size());
        for (Jwk c : candidates) {
            if (c.kty().equals(alg.keyType())) {
                sameType.add(c);
            }
        }
        if (sameType.size() > 1) {
            throw fail(Reason.UNKNOWN_KEY, "kid " + printable(k) + " is ambiguous: " + sameType.size()
                    + " trusted keys of type " + alg.keyType() + " share it");
        }
        Jwk key = sameType.isEmpty() ? candidates.get(0) : sameType.get(0);
        Optional<String> mismatch = key.mismatch(alg);
        if (mismatch.isPresent()) {
            throw fail(Reason.KEY_MISMATCH, "the key with kid " + printable(k) + " cannot verify " + alg + ": " + mismatch.get());
        }
        return key;
    }

    private Jwk keyWithoutKid(JwkSet set, JwsAlgorithm alg) {
        if (requireKid) {
            throw fail(Reason.UNKNOWN_KEY, "the token has no kid, and this validator requires one");
        }
        Jwk only = null;
        int fitting = 0;
        for (Jwk k : set.keys()) {
            if (k.supports(alg)) {
                fitting++;
                only = k;
            }
        }
        if (fitting == 1) {
            return only;
        }
        throw fail(Reason.UNKNOWN_KEY, fitting == 0
                ? "the token has no kid and no trusted key fits " + alg
                : "the token has no kid and " + fitting + " trusted keys fit " + alg + "; a kid is required");
    }

    private JwkSet keys() {
        try {
            return jwks.get();
        } catch (JwksUnavailableException e) {
            throw new JwtValidationException(Reason.KEYS_UNAVAILABLE,
                    "the trusted keys could not be obtained: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new JwtValidationException(Reason.KEYS_UNAVAILABLE,
                    "the key source failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private List<Failure> checkClaims(JwtClaims claims) {
        List<Failure> failures = new ArrayList<>(2);
        Instant now = clock.instant();

        Instant exp = date(claims, "exp", failures);
        if (exp != null) {
            // valid iff now < exp + skew
            if (!now.isBefore(plus(exp, clockSkew))) {
                failures.add(new Failure(Reason.EXPIRED, "the token expired (exp), allowing " + clockSkew.getSeconds() + " s of clock skew"));
            }
        } else if (requireExpiration && !claims.has("exp")) {
            failures.add(new Failure(Reason.MISSING_CLAIM, "the token has no exp; this validator requires one"));
        }
        Instant nbf = date(claims, "nbf", failures);
        if (nbf != null && now.isBefore(minus(nbf, clockSkew))) {
            failures.add(new Failure(Reason.NOT_YET_VALID, "the token is not valid yet (nbf)"));
        }
        Instant iat = date(claims, "iat", failures);
        if (iat != null) {
            if (minus(iat, clockSkew).isAfter(now)) {
                failures.add(new Failure(Reason.INVALID_ISSUED_AT, "the token was issued in the future (iat)"));
            } else if (maxAge != null && plus(plus(iat, maxAge), clockSkew).isBefore(now)) {
                failures.add(new Failure(Reason.INVALID_ISSUED_AT, "the token is older than the allowed " + maxAge));
            }
        } else if (maxAge != null && !claims.has("iat")) {
            failures.add(new Failure(Reason.MISSING_CLAIM, "the token has no iat; a maximum age is configured"));
        }

        if (issuerCheck != null) {
            JsonNode iss = claims.node("iss");
            if (iss == null) {
                failures.add(new Failure(Reason.MISSING_CLAIM, "the token has no iss; expected " + issuerDescription));
            } else if (!iss.isTextual()) {
                failures.add(new Failure(Reason.INVALID_CLAIM, "iss must be a string"));
            } else if (!issuerCheck.test(iss.textValue())) {
                failures.add(new Failure(Reason.ISSUER_MISMATCH, "iss is not " + issuerDescription));
            }
        }
        if (audiences != null) {
            checkAudience(claims, failures);
        } else {
            JsonNode aud = claims.node("aud");
            if (aud != null && !aud.isTextual() && !(aud.isArray())) {
                failures.add(new Failure(Reason.INVALID_CLAIM, "aud must be a string or an array of strings"));
            }
        }
        for (String name : List.of("sub", "jti")) {
            JsonNode v = claims.node(name);
            if (v != null && !v.isTextual()) {
                failures.add(new Failure(Reason.INVALID_CLAIM, name + " must be a string"));
            }
        }
        for (String name : requiredClaims) {
            JsonNode v = claims.node(name);
            if (v == null) {
                failures.add(new Failure(Reason.MISSING_CLAIM, "the token has no " + printable(name) + " claim; it is required"));
            } else if (v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
                failures.add(new Failure(Reason.INVALID_CLAIM, "the required claim " + printable(name) + " is null or empty"));
            }
        }
        return failures;
    }

    private static @Nullable Instant date(JwtClaims claims, String name, List<Failure> failures) {
        JsonNode v = claims.node(name);
        if (v == null) {
            return null;
        }
        Instant i = JsonValues.numericDate(v);
        if (i == null) {
            failures.add(new Failure(Reason.INVALID_CLAIM, name + " must be a NumericDate (seconds since the epoch)"));
        }
        return i;
    }

    private void checkAudience(JwtClaims claims, List<Failure> failures) {
        Set<String> expected = Objects.requireNonNull(audiences);
        JsonNode aud = claims.node("aud");
        if (aud == null) {
            failures.add(new Failure(Reason.AUDIENCE_MISMATCH, "the token has no aud; expected one of " + expected));
            return;
        }
        if (aud.isNull() || aud.isObject()) {
            failures.add(new Failure(Reason.INVALID_CLAIM, "aud must be a string or an array of strings"));
            return;
        }
        if (aud.isTextual()) {
            if (!expected.contains(aud.textValue())) {
                failures.add(new Failure(Reason.AUDIENCE_MISMATCH, "aud is not one of " + expected));
            }
            return;
        }
        if (aud.isArray()) {
            boolean match = false;
            for (JsonNode a : aud) {
                if (!a.isTextual()) {
                    failures.add(new Failure(Reason.AUDIENCE_MISMATCH, "aud holds a value that is not a string"));
                    return;
                }
                match |= expected.contains(a.textValue());
            }
            if (!match) {
                failures.add(new Failure(Reason.AUDIENCE_MISMATCH, aud.isEmpty()
                        ? "aud is empty; expected one of " + expected : "aud does not contain one of " + expected));
            }
            return;
        }
        failures.add(new Failure(Reason.AUDIENCE_MISMATCH, "aud is not a string; expected one of " + expected));
    }

    private static Instant plus(Instant i, Duration d) {
        return i.getEpochSecond() > Instant.MAX.getEpochSecond() - d.getSeconds() - 1 ? Instant.MAX : i.plus(d);
    }

    private static Instant minus(Instant i, Duration d) {
        return i.getEpochSecond() < Instant.MIN.getEpochSecond() + d.getSeconds() + 1 ? Instant.MIN : i.minus(d);
    }

    private static JwtValidationException fail(Reason reason, String message) {
        return new JwtValidationException(reason, message);
    }

    /** A kid or claim name made safe for messages: printable ASCII, at most 64 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64) + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            if (b.length() > 64) { // bound the output, not the input: escapes are 6 characters each
                b.append("…");
                break;
            }
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }

    /** The configuration; never keys. */
    @Override
    public String toString() {
        return "JwtValidator[algorithms=" + algorithms + ", issuer=" + issuerDescription + ", audiences="
                + (audiences == null ? "any" : audiences) + ", clockSkew=" + clockSkew + ", maxTokenSize=" + maxTokenSize
                + ", requireExpiration=" + requireExpiration + ", type=" + (ignoreType ? "ignored" : expectedType == null ? "JWT or absent" : expectedType)
                + ", jwks=" + jwks + "]";
    }

    /** Builds a {@link JwtValidator}. Not thread-safe; build once, then share the validator. */
    public static final class Builder {
        private @Nullable JwksSource jwks;
        private final Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        private @Nullable Predicate<String> issuerCheck;
        private String issuerDescription = "unset";
        private boolean anyIssuer;
        private @Nullable Set<String> audiences;
        private boolean anyAudience;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private int maxTokenSize = DEFAULT_MAX_TOKEN_SIZE;
        private boolean requireExpiration = true;
        private boolean requireKid;
        private @Nullable String expectedType;
        private boolean ignoreType;
        private @Nullable Duration maxAge;
        private final List<String> requiredClaims = new ArrayList<>();
        private final List<Check> checks = new ArrayList<>();

        private Builder() {}

        /** The trusted keys (required). */
        public Builder jwks(JwksSource source) {
            this.jwks = Objects.requireNonNull(source, "jwks");
            return this;
        }

        /** Accepts exactly this issuer. */
        public Builder issuer(String issuer) {
            return issuers(List.of(Objects.requireNonNull(issuer, "issuer")));
        }

        /** Accepts exactly these issuers (exact string match). */
        public Builder issuers(Collection<String> issuers) {
            Set<String> set = Set.copyOf(new LinkedHashSet<>(issuers));
            if (set.isEmpty()) {
                throw new IllegalArgumentException("issuers: at least one issuer");
            }
            this.issuerCheck = set::contains;
            this.issuerDescription = set.size() == 1 ? "\"" + set.iterator().next() + "\"" : "one of " + set;
            return this;
        }

        /** Accepts an issuer when {@code check} says so (for issuer templates). */
        public Builder issuerValidator(Predicate<String> check) {
            this.issuerCheck = Objects.requireNonNull(check, "issuerValidator");
            this.issuerDescription = "accepted by the issuer validator";
            return this;
        }

        /** Waives the issuer check (explicit opt-out). */
        public Builder anyIssuer() {
            this.anyIssuer = true;
            return this;
        }

        /** Accepts tokens whose {@code aud} contains one of these values (exact match). */
        public Builder audience(String... audience) {
            return audiences(List.of(audience));
        }

        /** Accepts tokens whose {@code aud} contains one of these values (exact match). */
        public Builder audiences(Collection<String> values) {
            Set<String> set = Set.copyOf(values);
            if (set.isEmpty() || set.contains("")) {
                throw new IllegalArgumentException("audience: at least one non-empty audience");
            }
            this.audiences = set;
            return this;
        }

        /** Waives the audience check (explicit opt-out). */
        public Builder anyAudience() {
            this.anyAudience = true;
            return this;
        }

        /** The allowed algorithms (required; RFC 8725 §3.1). */
        public Builder algorithms(JwsAlgorithm... algs) {
            for (JwsAlgorithm a : algs) {
                algorithms.add(Objects.requireNonNull(a, "algorithm"));
            }
            return this;
        }

        /** The allowed algorithms (required; RFC 8725 §3.1). */
        public Builder algorithms(Collection<JwsAlgorithm> algs) {
            algs.forEach(a -> algorithms.add(Objects.requireNonNull(a, "algorithm")));
            return this;
        }

        /** Clock skew for exp/nbf/iat: 0 to 10 minutes (default 60 s). */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew");
            return this;
        }

        /** The clock for time checks (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Largest token accepted, in characters (default 256 KiB). */
        public Builder maxTokenSize(int chars) {
            this.maxTokenSize = chars;
            return this;
        }

        /** Accepts tokens without {@code exp} (explicit opt-out; RFC 8725 recommends expiry). */
        public Builder allowMissingExpiration() {
            this.requireExpiration = false;
            return this;
        }

        /** Refuses tokens without {@code kid}, even when only one key would fit. */
        public Builder requireKid() {
            this.requireKid = true;
            return this;
        }

        /** Requires this {@code typ} (compared as RFC 7515 §4.1.9 says, e.g. {@code at+jwt}). */
        public Builder type(String typ) {
            this.expectedType = Objects.requireNonNull(typ, "type");
            return this;
        }

        /** Accepts any {@code typ} (explicit opt-out). */
        public Builder ignoreType() {
            this.ignoreType = true;
            return this;
        }

        /** Refuses tokens whose {@code iat} is older than this (iat then required). */
        public Builder maxAge(Duration age) {
            this.maxAge = Objects.requireNonNull(age, "maxAge");
            return this;
        }

        /** Claims that must be present, non-null and (for strings) non-empty. */
        public Builder requiredClaims(String... names) {
            for (String n : names) {
                requiredClaims.add(Objects.requireNonNull(n, "claim name"));
            }
            return this;
        }

        /** Adds a custom check run after the signature verified. */
        public Builder check(Check check) {
            checks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /**
         * Builds the validator.
         *
         * @throws IllegalStateException naming the missing or contradictory setting
         */
        public JwtValidator build() {
            if (jwks == null) {
                throw new IllegalStateException("jwks: a JwksSource is required");
            }
            if (algorithms.isEmpty()) {
                throw new IllegalStateException("algorithms: an allow-list is required (RFC 8725 §3.1)");
            }
            if (issuerCheck == null && !anyIssuer) {
                throw new IllegalStateException("issuer: set issuer(...), issuers(...) or issuerValidator(...), or call anyIssuer()");
            }
            if (issuerCheck != null && anyIssuer) {
                throw new IllegalStateException("issuer: anyIssuer() contradicts a configured issuer");
            }
            if (audiences == null && !anyAudience) {
                throw new IllegalStateException("audience: set audience(...), or call anyAudience()");
            }
            if (audiences != null && anyAudience) {
                throw new IllegalStateException("audience: anyAudience() contradicts a configured audience");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalStateException("clockSkew: must be between 0 and " + MAX_CLOCK_SKEW);
            }
            if (maxTokenSize < 16) {
                throw new IllegalStateException("maxTokenSize: must be at least 16");
            }
            if (expectedType != null && ignoreType) {
                throw new IllegalStateException("type: ignoreType() contradicts type(...)");
            }
            if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
                throw new IllegalStateException("maxAge: must be positive");
            }
            return new JwtValidator(this);
        }
    }
}
