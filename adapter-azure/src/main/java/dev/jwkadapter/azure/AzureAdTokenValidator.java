package dev.jwkadapter.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.azure.internal.AzureAdIssuers;
import dev.jwkadapter.azure.internal.AzureAdIssuers.TenantKind;
import dev.jwkadapter.azure.internal.AzureAdMetadata;
import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Failure;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Validates Azure AD (Microsoft Entra ID) access tokens for an API, with Microsoft's own rules
 * (Microsoft.IdentityModel's {@code AadIssuerValidator} and signing-key issuer validation, and
 * Microsoft.Identity.Web's audience defaults), on top of the core {@link JwtValidator}.
 *
 * <p>Checks, in order (the first failing one gives {@link JwtValidationException#reason()}):
 * <ol>
 *   <li>A {@code nonce} header means a Microsoft Graph token, never meant for this API
 *       ({@code AUDIENCE_MISMATCH}).</li>
 *   <li>{@code ver} picks the metadata (v1.0 or v2.0); a version this validator does not accept is
 *       {@code ISSUER_MISMATCH}.</li>
 *   <li>{@code tid} must be one GUID ({@code ISSUER_MISMATCH}) and the tenant segment of {@code iss}
 *       ({@code ISSUER_MISMATCH}); an issuer of another cloud is {@code ISSUER_MISMATCH}.</li>
 *   <li>The tenant must be allowed: the configured tenant, or the multi-tenant allow-list
 *       ({@code TENANT_NOT_ALLOWED}); personal accounts (tenant {@code 9188040d-…}) only with
 *       {@link Builder#allowPersonalAccounts()}.</li>
 *   <li>Metadata and keys of the tenant (single-tenant) or of {@code organizations}/{@code common}
 *       (multi-tenant: never per-tenant fetches) via {@link AzureAdDiscovery}: {@code UNTRUSTED_METADATA}
 *       or {@code KEYS_UNAVAILABLE}.</li>
 *   <li>The core checks: RS256 only (by default), {@code kid} required, signature, {@code exp}/{@code nbf}/
 *       {@code iat} with clock skew, {@code aud}.</li>
 *   <li>On the verified claims, again: {@code tid}, tenant, and {@code iss} equal to the metadata issuer with
 *       {@code {tenantid}} replaced by {@code tid}, exactly ({@code ISSUER_MISMATCH}); the signing key's
 *       {@code issuer} (and {@code cloud_instance_name}) must fit the token ({@code KEY_ISSUER_MISMATCH});
 *       {@code scp} or {@code roles} must be present ({@code TYPE_MISMATCH}: an ID token is not an access
 *       token).</li>
 * </ol>
 * Checks on unverified claims only ever reject; every acceptance rests on the verified claims.
 *
 * <p>Audience: the values given to {@link Builder#audience(String...)}. When they are all client ids
 * (GUIDs), v2.0 tokens must carry the client id and v1.0 tokens {@code api://{client id}}, as
 * Microsoft.Identity.Web does; otherwise every token must carry one of the values as given. A missing or
 * empty {@code aud} is always rejected. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * AzureAdTokenValidator single = AzureAdTokenValidator.builder()
 *         .tenantId("3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f")
 *         .audience("5d3a7c2e-1f4b-4a6d-8e9c-0b1a2c3d4e5f")      // client id: v2 aud, and api://… for v1
 *         .build();
 * AzureAdTokenValidator multi = AzureAdTokenValidator.builder()
 *         .multiTenant().allowedTenants(Set.of(customerA, customerB))
 *         .audience("api://my-api")
 *         .build();
 * VerifiedJwt jwt = single.validate(bearer);             // or JwtValidationException with reason()
 * }</pre>
 */
public final class AzureAdTokenValidator {

    /** The tenant id of personal Microsoft accounts (consumers). */
    public static final String PERSONAL_ACCOUNTS_TENANT_ID = AzureAdIssuers.MSA_TENANT_ID;

    private static final String GRAPH_HINT = "this is a Microsoft Graph token (its header has a nonce): it is meant "
            + "for Graph, not for this API, and cannot be validated here; the client must request a token for this "
            + "API's own scope (for example api://{client id}/.default)";

    private final AzureAdDiscovery discovery;
    private final @Nullable String tenant;
    private final @Nullable String tenantGuid;
    private final @Nullable Predicate<String> allowedTenants;
    private final String tenantDescription;
    private final boolean personalAccounts;
    private final Set<AzureAdTokenVersion> versions;
    private final Map<AzureAdTokenVersion, Set<String>> audiences;
    private final Map<AzureAdTokenVersion, JwtValidator> validators;
    private final boolean requireScopeOrRole;
    private final Set<JwsAlgorithm> algorithms;

    private AzureAdTokenValidator(Builder b, AzureAdDiscovery discovery, Set<AzureAdTokenVersion> versions) {
        this.discovery = discovery;
        this.tenant = b.tenant == null ? null : AzureAdIssuers.normalizeTenant(b.tenant);
        this.tenantGuid = tenant != null && AzureAdIssuers.isGuid(tenant) ? tenant
                : tenant != null && tenant.equals("consumers") ? AzureAdIssuers.MSA_TENANT_ID : null;
        this.allowedTenants = b.allowAnyTenant ? t -> true : b.allowedTenants;
        this.tenantDescription = tenant != null ? "tenant " + tenant
                : b.allowAnyTenant ? "any tenant" : b.allowedDescription;
        this.personalAccounts = b.personalAccounts;
        this.versions = Set.copyOf(versions);
        this.requireScopeOrRole = b.requireScopeOrRole;
        this.algorithms = Set.copyOf(b.algorithms);
        boolean onlyClientIds = b.audiences.stream().allMatch(AzureAdIssuers::isGuid);
        Map<AzureAdTokenVersion, Set<String>> aud = new EnumMap<>(AzureAdTokenVersion.class);
        Map<AzureAdTokenVersion, JwtValidator> v = new EnumMap<>(AzureAdTokenVersion.class);
        for (AzureAdTokenVersion version : versions) {
            Set<String> a = new LinkedHashSet<>();
            for (String s : b.audiences) {
                a.add(onlyClientIds && version == AzureAdTokenVersion.V1 ? "api://" + s : s);
            }
            aud.put(version, Set.copyOf(a));
            JwtValidator.Builder jb = JwtValidator.builder()
                    .jwks(new TenantKeys(authorityTenant(version), version))
                    .anyIssuer()
                    .audiences(a)
                    .algorithms(b.algorithms)
                    .clockSkew(b.clockSkew)
                    .clock(b.clock)
                    .requireKid()
                    .check(jwt -> verifiedCheck(jwt, version));
            b.checks.forEach(jb::check);
            v.put(version, jb.build());
        }
        this.audiences = aud;
        this.validators = v;
    }

    /** A builder: set {@code tenantId(...)} or {@code multiTenant()}, and {@code audience(...)}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The discovery client that supplies metadata and keys. */
    public AzureAdDiscovery discovery() {
        return discovery;
    }

    /** The token versions accepted. */
    public Set<AzureAdTokenVersion> tokenVersions() {
        return versions;
    }

    /** The audiences {@code version} tokens must carry one of. */
    public Set<String> audiences(AzureAdTokenVersion version) {
        return audiences.getOrDefault(version, Set.of());
    }

    /**
     * Validates an Azure AD access token.
     *
     * @param token the bearer token, exactly as received
     * @return the verified token (see {@link AzureAdToken#of(VerifiedJwt)} for the Azure AD claims)
     * @throws JwtValidationException with a stable reason; {@code KEYS_UNAVAILABLE} means "could not check now"
     */
    public VerifiedJwt validate(@Nullable String token) {
        JwtValidator fallback = validators.get(versions.contains(AzureAdTokenVersion.V2)
                ? AzureAdTokenVersion.V2 : AzureAdTokenVersion.V1);
        if (token == null || token.length() > JwtValidator.DEFAULT_MAX_TOKEN_SIZE) {
            return fallback.validate(token);
        }
        ObjectNode header = null;
        JwtClaims claims = null;
        int d1 = token.indexOf('.');
        int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
        if (d1 > 0 && d2 > 0 && token.indexOf('.', d2 + 1) < 0) {
            try {
                header = Json.strict().parseObject(Base64Url.decode(token, 0, d1));
                byte[] payload = Base64Url.decode(token, d1 + 1, d2);
                try {
                    claims = JwtClaims.parse(Json.strictUtf8(payload));
                } catch (IllegalArgumentException e) {
                    throw new JwtValidationException(Reason.MALFORMED, "the claims are not a strict JSON object");
                }
            } catch (Base64Url.InvalidBase64Exception | Json.JsonFormatException e) {
                header = null;
            }
        }
        if (header == null || claims == null) {
            // structurally broken: the core validator reports it before any key lookup
            fallback.validate(token);
            throw new JwtValidationException(Reason.MALFORMED, "not a compact JWS with a JSON header and claims");
        }
        if (header.has("nonce")) {
            throw new JwtValidationException(Reason.AUDIENCE_MISMATCH, GRAPH_HINT);
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !JwsAlgorithm.fromName(alg.textValue()).map(algorithms::contains).orElse(false)) {
            // refused by the core validator before any key lookup (UNSUPPORTED_ALGORITHM or MALFORMED)
            fallback.validate(token);
            throw new JwtValidationException(Reason.UNSUPPORTED_ALGORITHM, "the algorithm is not allowed by this validator");
        }
        JsonNode kid = header.get("kid");
        if (kid == null) {
            throw new JwtValidationException(Reason.UNKNOWN_KEY, "the token has no kid, and Azure AD validation requires one");
        }
        if (!kid.isTextual()) {
            fallback.validate(token);
            throw new JwtValidationException(Reason.MALFORMED, "kid must be a string");
        }
        AzureAdTokenVersion version = versionOf(claims);
        if (!versions.contains(version)) {
            throw new JwtValidationException(Reason.ISSUER_MISMATCH, "the token is a v" + version.claimValue()
                    + " token, and this validator accepts only " + describe(versions) + " tokens: set "
                    + "requestedAccessTokenVersion (accessTokenAcceptedVersion in the manifest) of the API's app "
                    + "registration to " + (version == AzureAdTokenVersion.V1 ? "2" : "1")
                    + ", or accept both with tokenVersions(V1, V2)");
        }
        Optional<Failure> early = claimChecks(claims, version, null, null);
        if (early.isPresent()) {
            throw new JwtValidationException(early.get().reason(), early.get().message());
        }
        AzureAdMetadata metadata = metadata(version);
        if (tenant != null && tenantGuid == null && metadata.tenantId() != null) {
            String tid = claims.stringClaim("tid").orElse("");
            if (!tid.equalsIgnoreCase(metadata.tenantId())) {
                throw new JwtValidationException(Reason.TENANT_NOT_ALLOWED, wrongTenant());
            }
        }
        try {
            return validators.get(version).validate(token);
        } catch (JwtValidationException e) {
            throw explain(e, version);
        }
    }

    private static AzureAdTokenVersion versionOf(JwtClaims claims) {
        if (!claims.has("ver")) {
            throw new JwtValidationException(Reason.MISSING_CLAIM, "the token has no ver claim: Azure AD tokens carry "
                    + "ver 1.0 or 2.0");
        }
        return AzureAdTokenVersion.fromClaim(claims.stringClaim("ver").orElse(""))
                .orElseThrow(() -> new JwtValidationException(Reason.INVALID_CLAIM,
                        "ver is neither \"1.0\" nor \"2.0\": not an Azure AD access token this validator understands"));
    }

    private String authorityTenant(AzureAdTokenVersion version) {
        if (tenant != null) {
            return tenant;
        }
        return version == AzureAdTokenVersion.V1 || personalAccounts ? "common" : "organizations";
    }

    private AzureAdMetadata metadata(AzureAdTokenVersion version) {
        try {
            return discovery.trustedMetadata(authorityTenant(version), version);
        } catch (OpenIdDiscoveryException e) {
            Reason r = e.reason() == OpenIdDiscoveryException.Reason.UNTRUSTED_METADATA
                    ? Reason.UNTRUSTED_METADATA : Reason.KEYS_UNAVAILABLE;
            throw new JwtValidationException(r, "Azure AD metadata of " + authorityTenant(version) + " (v"
                    + version.claimValue() + ") could not be used: " + e.getMessage(), e);
        }
    }

    /** The checks on {@code tid}, {@code iss}, the tenant, and (verified only) the metadata issuer and the key. */
    private Optional<Failure> claimChecks(JwtClaims claims, AzureAdTokenVersion version,
            @Nullable AzureAdMetadata metadata, @Nullable Jwk key) {
        int tids = 0;
        for (String n : claims.names()) {
            if (n.equalsIgnoreCase("tid")) {
                tids++;
            }
        }
        if (tids > 1) {
            return fail(Reason.ISSUER_MISMATCH, "the token has several tid claims differing only in case");
        }
        if (!claims.has("tid")) {
            return fail(Reason.ISSUER_MISMATCH, "the token has no tid claim: an Azure AD token names its tenant in tid");
        }
        String tid = claims.stringClaim("tid").orElse("");
        if (!AzureAdIssuers.isGuid(tid)) {
            return fail(Reason.ISSUER_MISMATCH, "tid is not a tenant id (GUID)");
        }
        if (!claims.has("iss")) {
            return fail(Reason.MISSING_CLAIM, "the token has no iss");
        }
        Optional<String> issOpt = claims.stringClaim("iss");
        if (issOpt.isEmpty()) {
            return fail(Reason.INVALID_CLAIM, "iss must be a string");
        }
        String iss = issOpt.get();
        AzureAdIssuers rules = discovery.issuers();
        Optional<AzureCloud> issCloud = AzureAdIssuers.host(iss).flatMap(AzureCloud::ofHost);
        if (issCloud.isPresent() && !issCloud.equals(rules.cloud())) {
            return fail(Reason.ISSUER_MISMATCH, "the token was issued by the " + issCloud.get() + " cloud, and this "
                    + "validator trusts " + rules.cloud().map(c -> "the " + c + " cloud").orElse(rules.authority())
                    + (rules.cloud().isPresent() ? "; configure cloud(AzureCloud." + issCloud.get() + ") for that cloud" : ""));
        }
        if (!AzureAdIssuers.tenantSegment(iss).map(tid::equals).orElse(false)) {
            return fail(Reason.ISSUER_MISMATCH, "iss does not name the tenant in tid: the issuer and the tenant disagree");
        }
        if (version == AzureAdTokenVersion.V2 && rules.isV1Shape(iss) && !rules.isV2Shape(iss)) {
            return fail(Reason.ISSUER_MISMATCH, "iss is a v1.0 issuer but ver says 2.0: the token is inconsistent");
        }
        if (version == AzureAdTokenVersion.V1 && rules.isV2Shape(iss)) {
            return fail(Reason.ISSUER_MISMATCH, "iss is a v2.0 issuer but ver says 1.0: the token is inconsistent");
        }
        Optional<Failure> tenantFailure = tenantCheck(tid, metadata);
        if (tenantFailure.isPresent()) {
            return tenantFailure;
        }
        if (requireScopeOrRole && !claims.has("scp") && !claims.has("roles")) {
            return fail(Reason.TYPE_MISMATCH, "the token has neither scp nor roles, so it grants nothing: it is not an "
                    + "access token for this API (an ID token?); an API that authorizes app-only callers by its own "
                    + "list must call allowTokensWithoutScopesOrRoles()");
        }
        if (metadata != null) {
            String expected = metadata.issuerFor(tid);
            if (!iss.equals(expected)) {
                return fail(Reason.ISSUER_MISMATCH, "iss is not exactly the issuer in the metadata of "
                        + authorityTenant(version) + " (" + metadata.issuer() + (metadata.isTemplate()
                        ? " with the token's tid" : "") + "); issuers are compared as exact strings");
            }
        }
        if (key != null && metadata != null) {
            Optional<String> keyIssuer = key.member("issuer").filter(s -> !s.isBlank());
            if (keyIssuer.isPresent()) {
                String effective = keyIssuer.get().replace(AzureAdIssuers.TENANT_ID_TEMPLATE, tid);
                // a v1.0 token may be checked against the v2.0 form of its issuer (Microsoft.IdentityModel does the same)
                if (!effective.equals(iss)
                        && !(version == AzureAdTokenVersion.V1 && effective.equals(rules.v2IssuerFor(tid)))) {
                    return fail(Reason.KEY_ISSUER_MISMATCH, "the signing key is published for another issuer ("
                            + AzureAdIssuers.quote(keyIssuer.get()) + ") than the token names: a key of one tenant or "
                            + "account type cannot sign tokens of another");
                }
            }
            Optional<String> keyCloud = key.member("cloud_instance_name");
            if (keyCloud.isPresent() && metadata.cloudInstanceName() != null
                    && !keyCloud.get().equalsIgnoreCase(metadata.cloudInstanceName())) {
                return fail(Reason.KEY_ISSUER_MISMATCH, "the signing key belongs to the cloud instance "
                        + AzureAdIssuers.quote(keyCloud.get()) + ", not to " + AzureAdIssuers.quote(metadata.cloudInstanceName()));
            }
        }
        return Optional.empty();
    }

    private Optional<Failure> tenantCheck(String tid, @Nullable AzureAdMetadata metadata) {
        if (tenant != null) {
            String guid = tenantGuid != null ? tenantGuid : metadata != null ? metadata.tenantId() : null;
            if (guid != null && !tid.equalsIgnoreCase(guid)) {
                return fail(Reason.TENANT_NOT_ALLOWED, wrongTenant());
            }
            return Optional.empty();
        }
        if (tid.equalsIgnoreCase(AzureAdIssuers.MSA_TENANT_ID) && !personalAccounts) {
            return fail(Reason.TENANT_NOT_ALLOWED, "the token is from a personal Microsoft account (consumers tenant), "
                    + "and this validator accepts work and school accounts only; call allowPersonalAccounts() to accept them");
        }
        Predicate<String> allowed = Objects.requireNonNull(allowedTenants);
        if (!allowed.test(tid.toLowerCase(Locale.ROOT))) {
            return fail(Reason.TENANT_NOT_ALLOWED, "the token's tenant is not on this validator's allow-list ("
                    + tenantDescription + ")");
        }
        return Optional.empty();
    }

    private String wrongTenant() {
        return "the token is from another tenant; this validator accepts " + tenantDescription + " only";
    }

    private Optional<Failure> verifiedCheck(VerifiedJwt jwt, AzureAdTokenVersion version) {
        JwtClaims claims = jwt.claims();
        Optional<AzureAdTokenVersion> ver = AzureAdTokenVersion.fromClaim(claims.stringClaim("ver").orElse(""));
        if (ver.isEmpty() || ver.get() != version) {
            return fail(Reason.ISSUER_MISMATCH, "ver changed between parsing and verification");
        }
        AzureAdMetadata metadata;
        try {
            metadata = metadata(version);
        } catch (JwtValidationException e) {
            return fail(e.reason(), e.getMessage());
        }
        return claimChecks(claims, version, metadata, jwt.key());
    }

    private JwtValidationException explain(JwtValidationException e, AzureAdTokenVersion version) {
        if (e.reason() == Reason.UNKNOWN_KEY && e.getMessage() != null && e.getMessage().startsWith("no trusted key has kid")) {
            String hint = discovery.appId().isPresent()
                    ? "; the keys are the app-specific keys of application " + discovery.appId().get()
                            + ": check that the token was issued for that application, by this cloud and tenant"
                    : "; if the API's app registration has its own signing key (custom signing key or claims mapping), "
                            + "its tokens are signed with app-specific keys: configure appId(\"<application id>\") so "
                            + "keys are read with ?appid=; otherwise check that the token comes from this cloud and tenant";
            return new JwtValidationException(e.reason(), e.getMessage() + hint, e);
        }
        boolean audience = false;
        for (Failure f : e.failures()) {
            audience |= f.reason() == Reason.AUDIENCE_MISMATCH;
        }
        if (!audience) {
            return e;
        }
        List<Failure> out = new ArrayList<>(e.failures().size());
        for (Failure f : e.failures()) {
            out.add(f.reason() != Reason.AUDIENCE_MISMATCH ? f : new Failure(f.reason(), f.message()
                    + " (v" + version.claimValue() + " tokens of this validator must carry one of " + audiences(version)
                    + "; v1.0 access tokens usually carry the App ID URI, v2.0 tokens the client id: configure "
                    + "audience(...) with what the API's app registration issues)"));
        }
        return new JwtValidationException(out);
    }

    private static Optional<Failure> fail(Reason reason, String message) {
        return Optional.of(new Failure(reason, message));
    }

    private static String describe(Set<AzureAdTokenVersion> vs) {
        List<String> s = new ArrayList<>();
        for (AzureAdTokenVersion v : AzureAdTokenVersion.values()) {
            if (vs.contains(v)) {
                s.add("v" + v.claimValue());
            }
        }
        return String.join(" and ", s);
    }

    /** The configuration; never keys. */
    @Override
    public String toString() {
        return "AzureAdTokenValidator[" + tenantDescription + (tenant == null && personalAccounts ? " incl. personal accounts" : "")
                + ", versions=" + describe(versions) + ", audiences=" + audiences + ", algorithms=" + algorithms
                + ", requireScopeOrRole=" + requireScopeOrRole + ", " + discovery + "]";
    }

    /** The keys of the authority tenant, looked up per use so that the discovery's LRU stays in charge. */
    private final class TenantKeys implements JwksSource {
        private final String authorityTenant;
        private final AzureAdTokenVersion version;

        TenantKeys(String authorityTenant, AzureAdTokenVersion version) {
            this.authorityTenant = authorityTenant;
            this.version = version;
        }

        @Override
        public JwkSet get() {
            return discovery.keys(authorityTenant, version).get();
        }

        @Override
        public JwkSet refreshForUnknownKid(String kid) {
            return discovery.keys(authorityTenant, version).refreshForUnknownKid(kid);
        }

        @Override
        public String toString() {
            return "AzureAdKeys[" + authorityTenant + " v" + version.claimValue() + "]";
        }
    }

    /** Builds an {@link AzureAdTokenValidator}. Not thread-safe; build once, then share the validator. */
    public static final class Builder {
        private @Nullable String tenant;
        private boolean multiTenant;
        private @Nullable Predicate<String> allowedTenants;
        private String allowedDescription = "";
        private boolean allowAnyTenant;
        private boolean personalAccounts;
        private final List<String> audiences = new ArrayList<>();
        private @Nullable AzureCloud cloud;
        private @Nullable URI authorityHost;
        private @Nullable String appId;
        private @Nullable HttpClient httpClient;
        private @Nullable AzureAdDiscovery discovery;
        private final Set<AzureAdTokenVersion> versions = EnumSet.allOf(AzureAdTokenVersion.class);
        private final Set<JwsAlgorithm> algorithms = EnumSet.of(JwsAlgorithm.RS256);
        private Duration clockSkew = JwtValidator.DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private boolean requireScopeOrRole = true;
        private final List<JwtValidator.Check> checks = new ArrayList<>();

        private Builder() {}

        /**
         * Single-tenant: accepts tokens of this tenant only. A tenant id (GUID), a verified domain
         * ({@code contoso.onmicrosoft.com}), or {@code consumers} (personal accounts).
         */
        public Builder tenantId(String value) {
            this.tenant = Objects.requireNonNull(value, "tenantId");
            return this;
        }

        /**
         * Multi-tenant: keys and issuer template of {@code organizations} (or {@code common} with
         * {@link #allowPersonalAccounts()}); requires {@link #allowedTenants(Set)},
         * {@link #allowedTenants(Predicate)} or {@link #allowAnyTenant()}.
         */
        public Builder multiTenant() {
            this.multiTenant = true;
            return this;
        }

        /** Multi-tenant: the tenant ids (GUIDs) whose tokens are accepted. */
        public Builder allowedTenants(Set<String> tenantIds) {
            Set<String> copy = new LinkedHashSet<>();
            for (String t : tenantIds) {
                if (!AzureAdIssuers.isGuid(t)) {
                    throw new IllegalArgumentException("allowedTenants: tenant ids (GUIDs) only; a domain name "
                            + "cannot be compared with a token's tid");
                }
                copy.add(t.toLowerCase(Locale.ROOT));
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("allowedTenants: at least one tenant id");
            }
            Set<String> set = Set.copyOf(copy);
            this.allowedTenants = set::contains;
            this.allowedDescription = set.size() + " allowed tenant" + (set.size() == 1 ? "" : "s");
            return this;
        }

        /**
         * Multi-tenant: accepts a tenant when {@code allowed} says so; it receives the token's {@code tid} in
         * lower case and must be fast and thread-safe (it runs on every validation).
         */
        public Builder allowedTenants(Predicate<String> allowed) {
            this.allowedTenants = Objects.requireNonNull(allowed, "allowedTenants");
            this.allowedDescription = "tenants accepted by the allow-list predicate";
            return this;
        }

        /**
         * Multi-tenant: accepts tokens of any tenant (explicit opt-out of the allow-list; SECURITY-CASES H1).
         * Only for APIs that authorize each caller by other means.
         */
        public Builder allowAnyTenant() {
            this.allowAnyTenant = true;
            return this;
        }

        /**
         * Multi-tenant: also accepts personal Microsoft accounts (the consumers tenant, which must still pass
         * the allow-list); keys and issuer template then come from {@code common}.
         */
        public Builder allowPersonalAccounts() {
            this.personalAccounts = true;
            return this;
        }

        /** The accepted audiences: client ids and/or App ID URIs (at least one). */
        public Builder audience(String... values) {
            return audiences(List.of(values));
        }

        /** The accepted audiences: client ids and/or App ID URIs (at least one). */
        public Builder audiences(Collection<String> values) {
            for (String v : values) {
                if (Objects.requireNonNull(v, "audience").isBlank()) {
                    throw new IllegalArgumentException("audience: must not be empty");
                }
                audiences.add(v);
            }
            return this;
        }

        /** The cloud (default {@link AzureCloud#PUBLIC}). */
        public Builder cloud(AzureCloud value) {
            this.cloud = Objects.requireNonNull(value, "cloud");
            return this;
        }

        /** The authority origin (https; http only for a loopback host, in tests). */
        public Builder authorityHost(URI value) {
            this.authorityHost = Objects.requireNonNull(value, "authorityHost");
            return this;
        }

        /** Reads the app-specific signing keys of this application (client) id ({@code ?appid=}). */
        public Builder appId(String value) {
            this.appId = Objects.requireNonNull(value, "appId");
            return this;
        }

        /** The HTTP client for metadata and keys. */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * A discovery client to use (and share between validators) instead of one built from
         * {@link #cloud}, {@link #authorityHost}, {@link #appId} and {@link #httpClient}.
         */
        public Builder discovery(AzureAdDiscovery value) {
            this.discovery = Objects.requireNonNull(value, "discovery");
            return this;
        }

        /** The token versions accepted (default both). */
        public Builder tokenVersions(AzureAdTokenVersion... values) {
            versions.clear();
            for (AzureAdTokenVersion v : values) {
                versions.add(Objects.requireNonNull(v, "tokenVersion"));
            }
            return this;
        }

        /** The allowed algorithms (default RS256 only, the one Azure AD uses). */
        public Builder algorithms(JwsAlgorithm... values) {
            algorithms.clear();
            for (JwsAlgorithm a : values) {
                algorithms.add(Objects.requireNonNull(a, "algorithm"));
            }
            return this;
        }

        /** Clock skew for exp/nbf/iat: 0 to 10 minutes (default 60 s). */
        public Builder clockSkew(Duration value) {
            this.clockSkew = Objects.requireNonNull(value, "clockSkew");
            return this;
        }

        /** The clock for time checks (default system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Accepts tokens with neither {@code scp} nor {@code roles} (explicit opt-out, for APIs that authorize
         * app-only callers by their own access-control list, as Microsoft.Identity.Web's
         * {@code AllowWebApiToBeAuthorizedByACL}).
         */
        public Builder allowTokensWithoutScopesOrRoles() {
            this.requireScopeOrRole = false;
            return this;
        }

        /** Adds a check run on every verified token after the Azure AD checks. */
        public Builder check(JwtValidator.Check value) {
            checks.add(Objects.requireNonNull(value, "check"));
            return this;
        }

        /**
         * Builds the validator (no network access here).
         *
         * @throws IllegalStateException naming the missing or contradictory setting
         */
        public AzureAdTokenValidator build() {
            if (tenant == null && !multiTenant) {
                throw new IllegalStateException("tenantId: set tenantId(...) for a single-tenant API, or multiTenant() "
                        + "with allowedTenants(...)");
            }
            if (tenant != null && multiTenant) {
                throw new IllegalStateException("tenantId: tenantId(...) contradicts multiTenant()");
            }
            Set<AzureAdTokenVersion> effective = versions.isEmpty() ? EnumSet.noneOf(AzureAdTokenVersion.class)
                    : EnumSet.copyOf(versions);
            if (tenant != null) {
                TenantKind kind;
                try {
                    kind = AzureAdIssuers.classify(tenant);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("tenantId: " + e.getMessage());
                }
                if (kind == TenantKind.COMMON || kind == TenantKind.ORGANIZATIONS) {
                    throw new IllegalStateException("tenantId: '" + tenant + "' is not one tenant; use multiTenant() "
                            + "with allowedTenants(...)");
                }
                if (allowedTenants != null || allowAnyTenant || personalAccounts) {
                    throw new IllegalStateException("allowedTenants: allow-lists and personal accounts are multi-tenant "
                            + "settings; a single-tenant validator accepts its tenant only");
                }
                if (kind == TenantKind.CONSUMERS) {
                    effective.remove(AzureAdTokenVersion.V1); // personal accounts get v2.0 tokens only
                }
            } else {
                if (allowedTenants == null && !allowAnyTenant) {
                    throw new IllegalStateException("allowedTenants: a multi-tenant validator needs allowedTenants(...), "
                            + "or an explicit allowAnyTenant() (SECURITY-CASES H1: any Entra tenant can get tokens for a "
                            + "multi-tenant app)");
                }
                if (allowedTenants != null && allowAnyTenant) {
                    throw new IllegalStateException("allowedTenants: allowAnyTenant() contradicts allowedTenants(...)");
                }
            }
            if (audiences.isEmpty()) {
                throw new IllegalStateException("audience: set the API's client id and/or App ID URI");
            }
            if (effective.isEmpty()) {
                throw new IllegalStateException("tokenVersions: at least one version (personal accounts: V2)");
            }
            if (algorithms.isEmpty()) {
                throw new IllegalStateException("algorithms: at least one algorithm");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(JwtValidator.MAX_CLOCK_SKEW) > 0) {
                throw new IllegalStateException("clockSkew: must be between 0 and " + JwtValidator.MAX_CLOCK_SKEW);
            }
            AzureAdDiscovery d = discovery;
            if (d != null) {
                if (cloud != null || authorityHost != null || appId != null || httpClient != null) {
                    throw new IllegalStateException("discovery: cloud, authorityHost, appId and httpClient belong to the "
                            + "discovery client given with discovery(...)");
                }
            } else {
                AzureAdDiscovery.Builder db = AzureAdDiscovery.builder();
                if (cloud != null) {
                    db.cloud(cloud);
                }
                if (authorityHost != null) {
                    db.authorityHost(authorityHost);
                }
                if (appId != null) {
                    db.appId(appId);
                }
                if (httpClient != null) {
                    db.httpClient(httpClient);
                }
                d = db.build();
            }
            return new AzureAdTokenValidator(this, d, effective);
        }
    }
}
