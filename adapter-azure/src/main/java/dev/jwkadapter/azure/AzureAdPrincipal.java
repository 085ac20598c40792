package dev.jwkadapter.azure;

import java.util.Locale;
import java.util.Objects;

/**
 * The stable identity of an Azure AD principal: its tenant id ({@code tid}) and object id ({@code oid}).
 *
 * <p>Key users, permissions and data on this pair, never on {@code email}, {@code preferred_username},
 * {@code upn} or {@code unique_name}: those are mutable and, across tenants, not unique ("nOAuth",
 * SECURITY-CASES H8). Both ids are compared in lower case.
 *
 * @param tenantId the tenant id, lower case
 * @param objectId the object id, lower case
 */
public record AzureAdPrincipal(String tenantId, String objectId) {

    /** Normalizes the ids to lower case. */
    public AzureAdPrincipal {
        tenantId = Objects.requireNonNull(tenantId, "tenantId").toLowerCase(Locale.ROOT);
        objectId = Objects.requireNonNull(objectId, "objectId").toLowerCase(Locale.ROOT);
    }

    /** {@code {tenantId}/{objectId}}: a single string key for maps and databases. */
    public String key() {
        return tenantId + "/" + objectId;
    }
}
