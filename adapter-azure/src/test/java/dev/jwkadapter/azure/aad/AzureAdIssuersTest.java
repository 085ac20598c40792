package dev.jwkadapter.azure.aad;

import static dev.jwkadapter.azure.aad.AadFixtures.CLIENT;
import static dev.jwkadapter.azure.aad.AadFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.azure.AzureAdDiscovery;
import dev.jwkadapter.azure.AzureAdTokenVersion;
import dev.jwkadapter.azure.AzureCloud;
import dev.jwkadapter.azure.internal.AzureAdIssuers;
import dev.jwkadapter.azure.internal.AzureAdIssuers.TenantKind;
import dev.jwkadapter.azure.internal.AzureAdMetadata;
import dev.jwkadapter.core.oidc.OpenIdConfiguration;
import dev.jwkadapter.core.oidc.OpenIdDiscoveryException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Clouds, metadata URLs, tenant forms and the metadata trust rules (H9) without any network. */
class AzureAdIssuersTest {

    private static OpenIdConfiguration doc(String issuer, String jwksUri) {
        return OpenIdConfiguration.parse("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri
                + "\",\"cloud_instance_name\":\"microsoftonline.com\"}");
    }

    private static final AzureAdIssuers PUBLIC = AzureAdIssuers.forCloud(AzureCloud.PUBLIC);

    @Test
    void cloudsWhenReadThenAuthorityAndV1IssuerHostsAsPublishedByMicrosoft() {
        assertThat(AzureCloud.PUBLIC.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(AzureCloud.PUBLIC.v1IssuerHost()).isEqualTo("sts.windows.net");
        assertThat(AzureCloud.US_GOVERNMENT.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.us"));
        assertThat(AzureCloud.CHINA.authorityHost()).isEqualTo(URI.create("https://login.partner.microsoftonline.cn"));
        assertThat(AzureCloud.CHINA.v1IssuerHost()).isEqualTo("sts.chinacloudapi.cn");
        assertThat(AzureCloud.ofHost("STS.windows.net")).contains(AzureCloud.PUBLIC);
        assertThat(AzureCloud.ofHost("login.usgovcloudapi.net")).contains(AzureCloud.US_GOVERNMENT);
        assertThat(AzureCloud.ofHost("login.microsoftonline.de")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "PUBLIC, contoso.onmicrosoft.com, V2, https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
        "PUBLIC, common, V1, https://login.microsoftonline.com/common/.well-known/openid-configuration",
        "PUBLIC, Organizations, V2, https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration",
        "US_GOVERNMENT, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V1, https://login.microsoftonline.us/3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f/.well-known/openid-configuration",
        "CHINA, consumers, V2, https://login.partner.microsoftonline.cn/consumers/v2.0/.well-known/openid-configuration"
    })
    void metadataUrlWhenCloudTenantAndVersionThenMicrosoftsLayout(AzureCloud cloud, String tenant,
            AzureAdTokenVersion version, String expected) {
        AzureAdDiscovery d = AzureAdDiscovery.builder().cloud(cloud).build();

        assertThat(d.metadataUrl(tenant, version)).isEqualTo(URI.create(expected));
    }

    @Test
    void metadataUrlWhenAppIdConfiguredThenAppIdQueryAdded() {
        AzureAdDiscovery d = AzureAdDiscovery.builder().appId(CLIENT).build();

        assertThat(d.metadataUrl(TENANT, AzureAdTokenVersion.V2)).hasToString("https://login.microsoftonline.com/"
                + TENANT + "/v2.0/.well-known/openid-configuration?appid=" + CLIENT);
        assertThat(d.appId()).contains(CLIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.microsoftonline.com", "https://login.microsoftonline.com/common",
        "https://login.microsoftonline.com?x=1", "ftp://127.0.0.1", "https://user@login.microsoftonline.com", "login.microsoftonline.com"})
    void buildWhenAuthorityHostNotBareHttpsOriginThenRefused(String url) {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> AzureAdDiscovery.builder().authorityHost(URI.create(url)).build())
                .withMessageContaining("authorityHost");
    }

    @Test
    void buildWhenAuthorityHostLoopbackHttpOrHttpsThenAccepted() {
        assertThat(AzureAdDiscovery.builder().authorityHost(URI.create("http://127.0.0.1:8080")).build().authorityHost())
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(AzureAdDiscovery.builder().authorityHost(URI.create("https://login.microsoftonline.us/")).build().cloud())
                .contains(AzureCloud.US_GOVERNMENT);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> AzureAdDiscovery.builder()
                .cloud(AzureCloud.CHINA).authorityHost(URI.create("https://login.partner.microsoftonline.cn")).build());
    }

    @ParameterizedTest
    @CsvSource({
        "3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, GUID",
        "3B6E4F1A-8C2D-4E7F-9A10-5D6C7B8A9E0F, GUID",
        "contoso.onmicrosoft.com, DOMAIN",
        "fabrikam.partner.onmschina.cn, DOMAIN",
        "common, COMMON",
        "ORGANIZATIONS, ORGANIZATIONS",
        "consumers, CONSUMERS"
    })
    void classifyWhenTenantFormKnownThenKind(String tenant, TenantKind kind) {
        assertThat(AzureAdIssuers.classify(tenant)).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "contoso", "../common", "common/v2.0", "a b.com", "contoso.onmicrosoft.com?x", "{tenantid}"})
    void classifyWhenNotATenantThenRefused(String tenant) {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> AzureAdIssuers.classify(tenant));
    }

    @Test
    void checkWhenTenantMetadataOfPublicCloudThenTrusted() {
        AzureAdMetadata m = PUBLIC.check(doc("https://login.microsoftonline.com/" + TENANT + "/v2.0",
                "https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys"), TENANT, AzureAdTokenVersion.V2, null);

        assertThat(m.tenantId()).isEqualTo(TENANT);
        assertThat(m.isTemplate()).isFalse();
        assertThat(m.cloudInstanceName()).isEqualTo("microsoftonline.com");
        AzureAdMetadata v1 = PUBLIC.check(doc("https://sts.windows.net/" + TENANT + "/",
                "https://login.microsoftonline.com/common/discovery/keys"), "contoso.onmicrosoft.com", AzureAdTokenVersion.V1, null);
        assertThat(v1.tenantId()).isEqualTo(TENANT);
    }

    @Test
    void checkWhenCommonTemplateThenTrustedAndIssuerSubstitutedPerTid() {
        AzureAdMetadata m = PUBLIC.check(doc("https://login.microsoftonline.com/{tenantid}/v2.0",
                "https://login.microsoftonline.com/common/discovery/v2.0/keys"), "common", AzureAdTokenVersion.V2, CLIENT);

        assertThat(m.isTemplate()).isTrue();
        assertThat(m.issuerFor(TENANT)).isEqualTo("https://login.microsoftonline.com/" + TENANT + "/v2.0");
        assertThat(m.jwksUri()).hasToString("https://login.microsoftonline.com/common/discovery/v2.0/keys?appid=" + CLIENT);
    }

    /** H9: issuers that are not the requested tenant's, not this cloud's, or not the documented template. */
    @ParameterizedTest
    @CsvSource({
        "https://login.microsoftonline.com/c0ffee00-1234-4abc-8def-0123456789ab/v2.0, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V2",
        "https://login.microsoftonline.com/3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f/v2.0/, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V2",
        "https://evil.example/3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f/v2.0, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V2",
        "https://login.microsoftonline.us/3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f/v2.0, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V2",
        "https://login.microsoftonline.com/3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f/, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V1",
        "https://sts.windows.net/3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f/v2.0, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V2",
        "https://login.microsoftonline.com/3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f/v2.0, common, V2",
        "https://login.microsoftonline.com/{tenantid}/v2.0, 3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f, V2",
        "https://login.microsoftonline.com/{tenantid}/v2.0, contoso.onmicrosoft.com, V2",
        "https://login.microsoftonline.com/{TENANTID}/v2.0, organizations, V2",
        "https://login.microsoftonline.com/c0ffee00-1234-4abc-8def-0123456789ab/v2.0, consumers, V2"
    })
    void checkWhenIssuerNotTheTenantsThenUntrustedMetadataH9(String issuer, String tenant, AzureAdTokenVersion version) {
        OpenIdConfiguration cfg = doc(issuer, "https://login.microsoftonline.com/common/discovery/keys");

        assertThatExceptionOfType(OpenIdDiscoveryException.class)
                .isThrownBy(() -> PUBLIC.check(cfg, tenant, version, null))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(OpenIdDiscoveryException.Reason.UNTRUSTED_METADATA));
    }

    /** H9: jwks_uri on another host. */
    @ParameterizedTest
    @ValueSource(strings = {"https://login.microsoftonline.com.evil.example/common/discovery/keys",
        "https://evil.example/common/discovery/keys", "https://login.microsoftonline.us/common/discovery/keys",
        "https://login.microsoftonline.com:8443/common/discovery/keys"})
    void checkWhenJwksUriOnAnotherHostThenUntrustedMetadataH9(String jwks) {
        OpenIdConfiguration cfg = doc("https://login.microsoftonline.com/{tenantid}/v2.0", jwks);

        assertThatExceptionOfType(OpenIdDiscoveryException.class)
                .isThrownBy(() -> PUBLIC.check(cfg, "common", AzureAdTokenVersion.V2, null))
                .withMessageContaining("another host");
    }

    @Test
    void checkWhenPersonalAccountTenantThenFixedMsaIssuerTrusted() {
        AzureAdMetadata m = PUBLIC.check(doc("https://login.microsoftonline.com/" + AadFixtures.MSA + "/v2.0",
                "https://login.microsoftonline.com/consumers/discovery/v2.0/keys"), "consumers", AzureAdTokenVersion.V2, null);

        assertThat(m.tenantId()).isEqualTo(AadFixtures.MSA);
    }

    @Test
    void tenantSegmentWhenIssuerShapesThenFirstPathSegment() {
        assertThat(AzureAdIssuers.tenantSegment("https://sts.windows.net/" + TENANT + "/")).contains(TENANT);
        assertThat(AzureAdIssuers.tenantSegment("https://login.microsoftonline.com/" + TENANT + "/v2.0")).contains(TENANT);
        assertThat(AzureAdIssuers.tenantSegment("https://login.microsoftonline.com")).isEmpty();
        assertThat(AzureAdIssuers.tenantSegment("not a url")).isEmpty();
    }
}
