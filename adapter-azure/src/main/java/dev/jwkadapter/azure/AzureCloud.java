package dev.jwkadapter.azure;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Azure AD (Microsoft Entra ID) cloud instances: each is a separate identity service with its own
 * authority host, keys and token issuers (Microsoft's "national clouds" page).
 *
 * <p>v2.0 tokens are issued as {@code https://{authority host}/{tenant id}/v2.0}; v1.0 tokens as
 * {@code https://{v1 issuer host}/{tenant id}/}. The issuer a validator accepts is always the one read from
 * the tenant's metadata; these hosts are what that metadata may name (anything else is
 * {@code UNTRUSTED_METADATA}). {@link #hosts()} lists every host name Microsoft's instance discovery
 * reports for the cloud, so that a token from another cloud can be recognised and reported as such.
 */
public enum AzureCloud {

    /** The global Azure cloud: {@code login.microsoftonline.com}; v1.0 issuer host {@code sts.windows.net}. */
    PUBLIC("login.microsoftonline.com", "sts.windows.net",
            List.of("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net")),

    /** Azure Government (US): {@code login.microsoftonline.us}, which is also its v1.0 issuer host. */
    US_GOVERNMENT("login.microsoftonline.us", "login.microsoftonline.us",
            List.of("login.microsoftonline.us", "login.usgovcloudapi.net")),

    /** Azure operated by 21Vianet (China): {@code login.partner.microsoftonline.cn}; v1.0 issuer host {@code sts.chinacloudapi.cn}. */
    CHINA("login.partner.microsoftonline.cn", "sts.chinacloudapi.cn",
            List.of("login.partner.microsoftonline.cn", "login.chinacloudapi.cn", "sts.chinacloudapi.cn"));

    private final String authorityHostName;
    private final String v1IssuerHostName;
    private final List<String> hosts;

    AzureCloud(String authorityHostName, String v1IssuerHostName, List<String> hosts) {
        this.authorityHostName = authorityHostName;
        this.v1IssuerHostName = v1IssuerHostName;
        this.hosts = hosts;
    }

    /** The authority (login) host URL, for example {@code https://login.microsoftonline.com}. */
    public URI authorityHost() {
        return URI.create("https://" + authorityHostName);
    }

    /** The host in v1.0 token issuers, for example {@code sts.windows.net}. */
    public String v1IssuerHost() {
        return v1IssuerHostName;
    }

    /** Every host name of this cloud's identity service (authority aliases and the v1.0 issuer host). */
    public List<String> hosts() {
        return hosts;
    }

    /** The cloud a host name belongs to (case-insensitive), if it is one of the known hosts. */
    public static Optional<AzureCloud> ofHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (AzureCloud c : values()) {
            if (c.hosts.contains(h)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
