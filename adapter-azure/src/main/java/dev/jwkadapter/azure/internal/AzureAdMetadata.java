package dev.jwkadapter.azure.internal;

import dev.jwkadapter.core.oidc.OpenIdConfiguration;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tenant metadata that passed the Azure AD trust checks ({@link AzureAdIssuers#check}).
 *
 * @param config the document as parsed
 * @param issuer the published issuer: concrete ({@code https://host/{guid}/v2.0}) or the {@code {tenantid}} template
 * @param tenantId the tenant GUID named by a concrete issuer, or {@code null} for the template
 * @param jwksUri where the keys are fetched ({@code jwks_uri}, with {@code appid} added for app-specific keys)
 * @param cloudInstanceName the document's {@code cloud_instance_name}, or {@code null}
 */
public record AzureAdMetadata(OpenIdConfiguration config, String issuer, @Nullable String tenantId, URI jwksUri,
        @Nullable String cloudInstanceName) {

    /** Checks the required members. */
    public AzureAdMetadata {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
    }

    /** Whether the issuer is the multi-tenant {@code {tenantid}} template. */
    public boolean isTemplate() {
        return issuer.contains(AzureAdIssuers.TENANT_ID_TEMPLATE);
    }

    /** The issuer a token of tenant {@code tid} must carry: the template with {@code tid} substituted, or the concrete issuer. */
    public String issuerFor(String tid) {
        return issuer.replace(AzureAdIssuers.TENANT_ID_TEMPLATE, tid);
    }
}
