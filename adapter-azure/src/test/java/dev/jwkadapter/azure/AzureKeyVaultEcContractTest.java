package dev.jwkadapter.azure;

import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import java.time.Duration;

/** The provider contract with EC-HSM P-256 keys and no publish lead time (a new version signs at once). */
class AzureKeyVaultEcContractTest extends AzureKeyVaultContractTestBase {

    @Override
    KeyKind kind() {
        return KeyKind.EC_HSM_P256;
    }

    @Override
    Duration leadTime() {
        return Duration.ZERO;
    }
}
