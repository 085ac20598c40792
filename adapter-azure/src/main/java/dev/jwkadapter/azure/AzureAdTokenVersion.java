package dev.jwkadapter.azure;

import java.util.Optional;

/**
 * The two Azure AD token formats, named by the {@code ver} claim. An API receives the version its app
 * registration asks for ({@code requestedAccessTokenVersion}, called {@code accessTokenAcceptedVersion}
 * in the manifest; {@code null} means 1), whichever endpoint the client used.
 */
public enum AzureAdTokenVersion {

    /** {@code ver} "1.0": issuer {@code https://sts.windows.net/{tid}/}, metadata {@code {authority}/{tenant}/.well-known/openid-configuration}. */
    V1("1.0"),

    /** {@code ver} "2.0": issuer {@code https://login.microsoftonline.com/{tid}/v2.0}, metadata {@code {authority}/{tenant}/v2.0/.well-known/openid-configuration}. */
    V2("2.0");

    private final String claimValue;

    AzureAdTokenVersion(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The {@code ver} claim value: "1.0" or "2.0". */
    public String claimValue() {
        return claimValue;
    }

    /** The version a {@code ver} claim value names, if it names one (exact match). */
    public static Optional<AzureAdTokenVersion> fromClaim(String ver) {
        for (AzureAdTokenVersion v : values()) {
            if (v.claimValue.equals(ver)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
