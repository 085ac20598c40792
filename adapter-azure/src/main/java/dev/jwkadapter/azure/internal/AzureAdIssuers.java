package dev.jwkadapter.azure.internal;

import dev.jwkadapter.azure.AzureAdTokenVersion;
import dev.jwkadapter.azure.AzureCloud;
import dev.jwkadapter.core.internal.HttpFetch;
import dev.jwkadapter.core.oidc.OpenIdConfiguration;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Azure AD issuer and metadata rules for one authority (cloud): metadata URLs for v1.0/v2.0 and any tenant
 * form, and the trust checks a fetched metadata document must pass (SECURITY-CASES H9, FS-11):
 * {@code issuer} is the tenant's own issuer on this cloud, or the documented {@code {tenantid}} template for
 * {@code common}/{@code organizations}; {@code jwks_uri} is on the authority's host with the authority's
 * scheme. Immutable and thread-safe.
 */
public final class AzureAdIssuers {

    /** The placeholder in multi-tenant issuers, replaced by the token's {@code tid}. */
    public static final String TENANT_ID_TEMPLATE = "{tenantid}";
    /** The tenant of personal Microsoft accounts (MSA, "consumers"). */
    public static final String MSA_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    /** How a tenant is named in an authority URL. */
    public enum TenantKind {
        /** A tenant id (GUID). */
        GUID,
        /** A verified domain such as {@code contoso.onmicrosoft.com}. */
        DOMAIN,
        /** {@code common}: work, school and personal accounts. */
        COMMON,
        /** {@code organizations}: work and school accounts. */
        ORGANIZATIONS,
        /** {@code consumers}: personal Microsoft accounts. */
        CONSUMERS
    }

    private final String authority;
    private final boolean loopback;
    private final @Nullable AzureCloud cloud;
    private final Set<String> v2IssuerBases;
    private final Set<String> v1IssuerBases;
    private final Set<String> jwksAuthorities;

    private AzureAdIssuers(String authority, boolean loopback, @Nullable AzureCloud cloud) {
        this.authority = authority;
        this.loopback = loopback;
        this.cloud = cloud;
        String scheme = loopback ? "http://" : "https://";
        String own = authority.substring(scheme.length());
        Set<String> v2 = new LinkedHashSet<>();
        Set<String> jwks = new LinkedHashSet<>();
        v2.add(authority);
        jwks.add(own);
        Set<String> v1 = new LinkedHashSet<>();
        if (cloud != null) {
            v2.add("https://" + cloud.authorityHost().getHost());
            jwks.add(cloud.authorityHost().getHost());
            v1.add("https://" + cloud.v1IssuerHost());
        } else {
            v1.add(authority);
        }
        this.v2IssuerBases = Set.copyOf(v2);
        this.v1IssuerBases = Set.copyOf(v1);
        this.jwksAuthorities = Set.copyOf(jwks);
    }

    /** The rules for a cloud. */
    public static AzureAdIssuers forCloud(AzureCloud cloud) {
        Objects.requireNonNull(cloud, "cloud");
        return new AzureAdIssuers("https://" + cloud.authorityHost().getHost(), false, cloud);
    }

    /**
     * The rules for an authority host given as a URL (https; http only for a loopback host, for tests). A
     * host of a known cloud gets that cloud's issuer hosts; any other host is its own v1.0 and v2.0 issuer host.
     *
     * @throws IllegalArgumentException if the URL is not a bare https (or loopback http) origin
     */
    public static AzureAdIssuers forAuthority(URI authorityHost) {
        Objects.requireNonNull(authorityHost, "authorityHost");
        String scheme = authorityHost.getScheme();
        String host = authorityHost.getHost();
        if (scheme == null || host == null || !authorityHost.isAbsolute()) {
            throw new IllegalArgumentException("authorityHost must be an absolute URL such as https://login.microsoftonline.com");
        }
        String path = authorityHost.getRawPath();
        if (authorityHost.getRawUserInfo() != null || authorityHost.getRawQuery() != null
                || authorityHost.getRawFragment() != null || (path != null && !path.isEmpty() && !path.equals("/"))) {
            throw new IllegalArgumentException("authorityHost must be a bare origin (scheme, host, optional port): "
                    + "no path, query, fragment or user info; the tenant is configured separately");
        }
        boolean loop = HttpFetch.isLoopback(host);
        if (scheme.equalsIgnoreCase("http") && !loop) {
            throw new IllegalArgumentException("authorityHost must use https (http is allowed only for loopback hosts, in tests)");
        }
        if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http")) {
            throw new IllegalArgumentException("authorityHost must use https");
        }
        boolean http = scheme.equalsIgnoreCase("http");
        String origin = (http ? "http://" : "https://") + authorityHost.getRawAuthority().toLowerCase(Locale.ROOT);
        AzureCloud c = authorityHost.getPort() < 0 && !http ? AzureCloud.ofHost(host).orElse(null) : null;
        return new AzureAdIssuers(origin, http, c);
    }

    /** The authority origin, for example {@code https://login.microsoftonline.com}. */
    public String authority() {
        return authority;
    }

    /** The cloud of the authority, if it is a known one. */
    public Optional<AzureCloud> cloud() {
        return Optional.ofNullable(cloud);
    }

    /** Whether {@code s} is a GUID (8-4-4-4-12 hex digits, any case). */
    public static boolean isGuid(@Nullable String s) {
        return s != null && GUID.matcher(s).matches();
    }

    /**
     * Classifies a tenant as written in an authority URL.
     *
     * @throws IllegalArgumentException if it is none of a GUID, a domain name, common, organizations or consumers
     */
    public static TenantKind classify(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        if (isGuid(tenant)) {
            return TenantKind.GUID;
        }
        switch (tenant.toLowerCase(Locale.ROOT)) {
            case "common": return TenantKind.COMMON;
            case "organizations": return TenantKind.ORGANIZATIONS;
            case "consumers": return TenantKind.CONSUMERS;
            default: break;
        }
        if (DOMAIN.matcher(tenant).matches()) {
            return TenantKind.DOMAIN;
        }
        throw new IllegalArgumentException("tenant must be a tenant id (GUID), a verified domain name, "
                + "'common', 'organizations' or 'consumers'");
    }

    /** The tenant as it goes into URLs and cache keys: GUIDs and keywords lower case, domains lower case. */
    public static String normalizeTenant(String tenant) {
        classify(tenant);
        return tenant.toLowerCase(Locale.ROOT);
    }

    /**
     * The metadata URL: {@code {authority}/{tenant}/.well-known/openid-configuration} (v1.0) or
     * {@code {authority}/{tenant}/v2.0/.well-known/openid-configuration} (v2.0), with {@code ?appid=} for
     * app-specific signing keys.
     */
    public URI metadataUrl(String tenant, AzureAdTokenVersion version, @Nullable String appId) {
        String t = normalizeTenant(tenant);
        String url = authority + "/" + t + (version == AzureAdTokenVersion.V2 ? "/v2.0" : "")
                + "/.well-known/openid-configuration";
        if (appId != null) {
            url += "?appid=" + URLEncoder.encode(appId, StandardCharsets.UTF_8);
        }
        return URI.create(url);
    }

    /** The v2.0 issuer of tenant {@code tid} on this cloud: {@code https://{authority host}/{tid}/v2.0}. */
    public String v2IssuerFor(String tid) {
        String base = cloud != null ? "https://" + cloud.authorityHost().getHost() : authority;
        return base + "/" + tid + "/v2.0";
    }

    /** The multi-tenant issuer template of {@code version} on this cloud, for messages. */
    public String issuerTemplate(AzureAdTokenVersion version) {
        return version == AzureAdTokenVersion.V2 ? v2IssuerFor(TENANT_ID_TEMPLATE)
                : v1IssuerBases.iterator().next() + "/" + TENANT_ID_TEMPLATE + "/";
    }

    /**
     * The tenant segment of an issuer URL ({@code https://host/{segment}/…}), if it has that shape.
     */
    public static Optional<String> tenantSegment(String issuer) {
        int scheme = issuer.indexOf("://");
        if (scheme < 0) {
            return Optional.empty();
        }
        int start = issuer.indexOf('/', scheme + 3);
        if (start < 0) {
            return Optional.empty();
        }
        int end = issuer.indexOf('/', start + 1);
        String seg = end < 0 ? issuer.substring(start + 1) : issuer.substring(start + 1, end);
        return seg.isEmpty() ? Optional.empty() : Optional.of(seg);
    }

    /** The host of an issuer URL, if it parses as one. */
    public static Optional<String> host(String issuer) {
        try {
            URI u = new URI(issuer);
            return Optional.ofNullable(u.getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code issuer} has the v1.0 shape of this cloud (any tenant segment). */
    public boolean isV1Shape(String issuer) {
        return segmentAfter(issuer, v1IssuerBases, "/") != null;
    }

    /** Whether {@code issuer} has the v2.0 shape of this cloud (any tenant segment). */
    public boolean isV2Shape(String issuer) {
        return segmentAfter(issuer, v2IssuerBases, "/v2.0") != null;
    }

    /**
     * Checks a metadata document fetched for {@code tenant} and {@code version} and returns what the
     * validator needs from it.
     *
     * @throws OpenIdDiscoveryException {@code UNTRUSTED_METADATA} when the issuer or {@code jwks_uri} cannot be trusted
     */
    public AzureAdMetadata check(OpenIdConfiguration cfg, String tenant, AzureAdTokenVersion version, @Nullable String appId) {
        Objects.requireNonNull(cfg, "cfg");
        TenantKind kind = classify(tenant);
        String issuer = cfg.issuer();
        String segment = version == AzureAdTokenVersion.V2
                ? segmentAfter(issuer, v2IssuerBases, "/v2.0") : segmentAfter(issuer, v1IssuerBases, "/");
        if (segment == null) {
            throw untrusted("its issuer " + quote(issuer) + " is not a " + version.claimValue() + " issuer of "
                    + cloudName() + " (expected " + issuerTemplate(version) + " with the tenant)");
        }
        String tenantId;
        switch (kind) {
            case GUID:
                if (!segment.equalsIgnoreCase(tenant)) {
                    throw untrusted("its issuer " + quote(issuer) + " names another tenant than the requested " + tenant);
                }
                tenantId = segment;
                break;
            case DOMAIN:
                if (!isGuid(segment)) {
                    throw untrusted("its issuer " + quote(issuer) + " does not name a tenant id");
                }
                tenantId = segment;
                break;
            case CONSUMERS:
                if (segment.equals(TENANT_ID_TEMPLATE)) {
                    tenantId = null;
                } else if (segment.equalsIgnoreCase(MSA_TENANT_ID)) {
                    tenantId = segment;
                } else {
                    throw untrusted("its issuer " + quote(issuer) + " is not the personal-account (consumers) tenant's");
                }
                break;
            default:
                if (!segment.equals(TENANT_ID_TEMPLATE)) {
                    throw untrusted("its issuer " + quote(issuer) + " is neither the documented " + TENANT_ID_TEMPLATE
                            + " template for '" + tenant.toLowerCase(Locale.ROOT) + "' nor allowed to name a single tenant");
                }
                tenantId = null;
                break;
        }
        URI jwks = checkJwksUri(cfg.jwksUri());
        if (appId != null) {
            jwks = withAppId(jwks, appId);
        }
        return new AzureAdMetadata(cfg, issuer, tenantId, jwks, cfg.stringMember("cloud_instance_name").orElse(null));
    }

    private URI checkJwksUri(URI jwks) {
        String scheme = jwks.getScheme() == null ? "" : jwks.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(loopback ? "http" : "https")) {
            throw untrusted("its jwks_uri does not use " + (loopback ? "http (loopback authority)" : "https"));
        }
        if (jwks.getRawUserInfo() != null || jwks.getRawFragment() != null || jwks.getRawAuthority() == null) {
            throw untrusted("its jwks_uri has user info, a fragment or no host");
        }
        String auth = jwks.getRawAuthority().toLowerCase(Locale.ROOT);
        if (!loopback && auth.endsWith(":443")) {
            auth = auth.substring(0, auth.length() - 4);
        }
        if (!jwksAuthorities.contains(auth)) {
            throw untrusted("its jwks_uri " + quote(jwks.toString()) + " is on another host than the authority "
                    + authority);
        }
        return jwks;
    }

    private static URI withAppId(URI jwks, String appId) {
        String q = jwks.getRawQuery();
        if (q != null && (q.startsWith("appid=") || q.contains("&appid="))) {
            return jwks;
        }
        String s = jwks.toString();
        return URI.create(s + (q == null ? "?" : "&") + "appid=" + URLEncoder.encode(appId, StandardCharsets.UTF_8));
    }

    private static @Nullable String segmentAfter(String issuer, Set<String> bases, String suffix) {
        for (String base : bases) {
            if (issuer.length() > base.length() + 1 + suffix.length() && issuer.startsWith(base)
                    && issuer.charAt(base.length()) == '/' && issuer.endsWith(suffix)) {
                String seg = issuer.substring(base.length() + 1, issuer.length() - suffix.length());
                if (!seg.isEmpty() && seg.indexOf('/') < 0 && seg.indexOf('?') < 0 && seg.indexOf('#') < 0) {
                    return seg;
                }
            }
        }
        return null;
    }

    private String cloudName() {
        return cloud != null ? "the " + cloud + " cloud" : "the authority " + authority;
    }

    private static OpenIdDiscoveryException untrusted(String what) {
        return new OpenIdDiscoveryException(Reason.UNTRUSTED_METADATA, "Azure AD metadata refused: " + what
                + "; the last good metadata (if any) stays in use", null);
    }

    /** A metadata value made safe for messages: quoted, control characters replaced, at most 120 characters. */
    public static String quote(String s) {
        String t = s.length() > 120 ? s.substring(0, 120) + "…" : s;
        return "\"" + t.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    @Override
    public String toString() {
        return "AzureAdIssuers[" + authority + (cloud != null ? ", " + cloud : "") + "]";
    }
}
