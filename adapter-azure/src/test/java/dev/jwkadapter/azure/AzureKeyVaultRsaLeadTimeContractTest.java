package dev.jwkadapter.azure;

import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import java.time.Duration;

/** The provider contract with RSA-HSM keys and the default 24 h lead time (new versions publish before signing). */
class AzureKeyVaultRsaLeadTimeContractTest extends AzureKeyVaultContractTestBase {

    @Override
    KeyKind kind() {
        return KeyKind.RSA_HSM_2048;
    }

    @Override
    Duration leadTime() {
        return AzureKeyVaultKeyProvider.DEFAULT_PUBLISH_LEAD_TIME;
    }
}
