package dev.jwkadapter.core.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.HttpFetch;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.internal.JsonValues;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * OpenID Provider metadata (OpenID Connect Discovery 1.0 §3; RFC 8414 §2), typed.
 *
 * <p>{@code issuer} and {@code jwks_uri} are required; {@code jwks_uri} must be https (http only for
 * loopback hosts). Other members stay available through {@link #raw()}. Instances are immutable and
 * thread-safe.
 */
public final class OpenIdConfiguration {

    private final String issuer;
    private final URI jwksUri;
    private final @Nullable URI tokenEndpoint;
    private final @Nullable URI authorizationEndpoint;
    private final List<String> idTokenSigningAlgValuesSupported;
    private final ObjectNode members;

    private OpenIdConfiguration(String issuer, URI jwksUri, @Nullable URI tokenEndpoint,
            @Nullable URI authorizationEndpoint, List<String> algs, ObjectNode members) {
        this.issuer = issuer;
        this.jwksUri = jwksUri;
        this.tokenEndpoint = tokenEndpoint;
        this.authorizationEndpoint = authorizationEndpoint;
        this.idTokenSigningAlgValuesSupported = algs;
        this.members = members;
    }

    /**
     * Parses a metadata document.
     *
     * @throws OpenIdDiscoveryException ({@code MALFORMED} or {@code UNTRUSTED_METADATA})
     */
    public static OpenIdConfiguration parse(String json) {
        Objects.requireNonNull(json, "json");
        ObjectNode root;
        try {
            root = Json.strict().parseObject(json);
        } catch (Json.JsonFormatException e) {
            throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata is not a JSON object: " + e.getMessage(), e);
        }
        String issuer = requiredString(root, "issuer");
        URI jwksUri = uri(root, "jwks_uri", true);
        try {
            HttpFetch.checkAllowed(Objects.requireNonNull(jwksUri));
        } catch (IllegalArgumentException e) {
            throw new OpenIdDiscoveryException(Reason.UNTRUSTED_METADATA, "metadata jwks_uri: " + e.getMessage(), null);
        }
        List<String> algs = new ArrayList<>();
        JsonNode a = root.get("id_token_signing_alg_values_supported");
        if (a != null) {
            if (!a.isArray()) {
                throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata id_token_signing_alg_values_supported must be an array", null);
            }
            for (JsonNode v : a) {
                if (!v.isTextual()) {
                    throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata id_token_signing_alg_values_supported must hold strings", null);
                }
                algs.add(v.textValue());
            }
        }
        return new OpenIdConfiguration(issuer, jwksUri, uri(root, "token_endpoint", false),
                uri(root, "authorization_endpoint", false), Collections.unmodifiableList(algs), root);
    }

    private static String requiredString(ObjectNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata has no string '" + name + "'", null);
        }
        return v.textValue();
    }

    private static @Nullable URI uri(ObjectNode root, String name, boolean required) {
        JsonNode v = root.get(name);
        if (v == null) {
            if (required) {
                throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata has no '" + name + "'", null);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata '" + name + "' must be a string", null);
        }
        try {
            URI u = new URI(v.textValue());
            if (!u.isAbsolute()) {
                throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata '" + name + "' must be an absolute URL", null);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new OpenIdDiscoveryException(Reason.MALFORMED, "metadata '" + name + "' is not a URL", e);
        }
    }

    /** {@code issuer}, exactly as published (Azure AD multi-tenant documents hold a {@code {tenantid}} template). */
    public String issuer() {
        return issuer;
    }

    /** {@code jwks_uri}. */
    public URI jwksUri() {
        return jwksUri;
    }

    /** {@code token_endpoint}, if published. */
    public Optional<URI> tokenEndpoint() {
        return Optional.ofNullable(tokenEndpoint);
    }

    /** {@code authorization_endpoint}, if published. */
    public Optional<URI> authorizationEndpoint() {
        return Optional.ofNullable(authorizationEndpoint);
    }

    /** {@code id_token_signing_alg_values_supported} (empty when absent). */
    public List<String> idTokenSigningAlgValuesSupported() {
        return idTokenSigningAlgValuesSupported;
    }

    /** A member as a string, if it is one. */
    public Optional<String> stringMember(String name) {
        JsonNode v = members.get(name);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** Every member as plain Java values (String, Boolean, Long, List, Map …), unmodifiable. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> raw() {
        return (Map<String, Object>) Objects.requireNonNull(JsonValues.toJava(members));
    }

    /** The document as compact JSON. */
    public String toJson() {
        return Json.strict().writeString(members);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenIdConfiguration && members.equals(((OpenIdConfiguration) o).members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "OpenIdConfiguration[issuer=" + issuer + ", jwks_uri=" + jwksUri + "]";
    }
}
