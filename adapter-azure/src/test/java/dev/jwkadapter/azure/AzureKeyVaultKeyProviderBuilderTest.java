package dev.jwkadapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.jwkadapter.azure.standin.StandInCredential;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AzureKeyVaultKeyProviderBuilderTest {

    private static AzureKeyVaultKeyProvider.Builder valid() {
        return AzureKeyVaultKeyProvider.builder().vaultUrl("https://myvault.vault.azure.net").keyName("token-signing")
                .credential(StandInCredential.returning("t"));
    }

    private static void rejects(Consumer<AzureKeyVaultKeyProvider.Builder> change, String setting) {
        AzureKeyVaultKeyProvider.Builder b = valid();
        change.accept(b);
        assertThatIllegalArgumentException().isThrownBy(b::build).withMessageStartingWith(setting + ":");
    }

    @Test
    void buildWhenDefaultsThenPublishedConstants() {
        AzureKeyVaultKeyProvider p = valid().build();

        assertThat(AzureKeyVaultKeyProvider.DEFAULT_PUBLISH_LEAD_TIME).isEqualTo(Duration.ofHours(24));
        assertThat(AzureKeyVaultKeyProvider.DEFAULT_REFRESH_INTERVAL).isEqualTo(Duration.ofMinutes(5));
        assertThat(AzureKeyVaultKeyProvider.DEFAULT_DEADLINE).isEqualTo(Duration.ofSeconds(30));
        assertThat(AzureKeyVaultKeyProvider.DEFAULT_MAX_ATTEMPTS).isEqualTo(4);
        assertThat(p.toString()).contains("https://myvault.vault.azure.net").contains("THUMBPRINT")
                .contains("publishLeadTime=PT24H").contains("RS256");
    }

    @ParameterizedTest
    @CsvSource({"https://myvault.vault.azure.net/, https://myvault.vault.azure.net",
            "https://MyVault.vault.azure.cn, https://myvault.vault.azure.cn",
            "https://myvault.vault.usgovcloudapi.net:443, https://myvault.vault.usgovcloudapi.net",
            "https://myhsm.managedhsm.azure.net, https://myhsm.managedhsm.azure.net",
            "https://127.0.0.1:8443, https://127.0.0.1:8443"})
    void buildWhenVaultUrlOfAnyCloudThenNormalized(String url, String expected) {
        assertThat(valid().vaultUrl(url).build().vaultUrl()).isEqualTo(expected);
    }

    @Test
    void managedHsmWhenHostIsManagedHsmThenDetected() {
        assertThat(AzureKeyVaultKeyProvider.isManagedHsm("https://myhsm.managedhsm.azure.net")).isTrue();
        assertThat(AzureKeyVaultKeyProvider.isManagedHsm("https://myvault.vault.azure.net")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://myvault.vault.azure.net", "https://myvault.vault.azure.net/keys/x",
            "https://user@myvault.vault.azure.net", "https://myvault.vault.azure.net?x=1", "not a url", "https:///x", ""})
    void buildWhenVaultUrlBadThenRejectedNamingVaultUrl(String url) {
        rejects(b -> b.vaultUrl(url), "vaultUrl");
    }

    @Test
    void buildWhenRequiredSettingsMissingThenNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> AzureKeyVaultKeyProvider.builder().keyName("k").build())
                .withMessageStartingWith("vaultUrl:");
        assertThatIllegalArgumentException().isThrownBy(() -> AzureKeyVaultKeyProvider.builder()
                .vaultUrl("https://v.vault.azure.net").build()).withMessageStartingWith("keyName:");
    }

    @Test
    void buildWhenSettingsOutOfRangeThenNamed() {
        rejects(b -> b.keyName("bad_name"), "keyName");
        rejects(b -> b.maxAttempts(0), "maxAttempts");
        rejects(b -> b.maxAttempts(5), "maxAttempts");
        rejects(b -> b.algorithm(JwsAlgorithm.ES256), "algorithm");
        rejects(b -> b.algorithm(JwsAlgorithm.EdDSA), "algorithm");
        rejects(b -> b.publishLeadTime(Duration.ofSeconds(-1)), "publishLeadTime");
        rejects(b -> b.refreshInterval(Duration.ZERO), "refreshInterval");
        rejects(b -> b.callTimeout(Duration.ofMillis(-1)), "callTimeout");
        rejects(b -> b.deadline(Duration.ZERO), "deadline");
    }

    @Test
    void buildWhenNoCredentialThenDefaultAzureCredentialWithoutNetworkCall() {
        AzureKeyVaultKeyProvider p = AzureKeyVaultKeyProvider.builder().vaultUrl("https://myvault.vault.azure.net")
                .keyNames("a", "b").algorithm(JwsAlgorithm.PS384).build();

        assertThat(p.keyNames()).containsExactly("a", "b");
        assertThat(p.toString()).contains("PS384");
    }
}
