package dev.jwkadapter.azure;

import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.testing.KeyProviderContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The core {@link KeyProviderContractTest} against the Key Vault stand-in. Rotation creates a new version in
 * the stand-in, retirement disables one; both move the shared clock past the refresh interval, so every
 * provider over the vault (also a reopened one) reloads on its next call, as it would after 5 minutes.
 */
abstract class AzureKeyVaultContractTestBase extends KeyProviderContractTest {

    private static final Duration REFRESH = AzureKeyVaultKeyProvider.DEFAULT_REFRESH_INTERVAL;

    private VaultFixture vault;

    /** The key type the vault holds. */
    abstract KeyKind kind();

    /** The lead time the providers are built with. */
    abstract Duration leadTime();

    @BeforeEach
    void startVault() {
        vault = new VaultFixture();
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    @Override
    protected KeyProvider newProvider() {
        vault.create(kind());
        return build();
    }

    private KeyProvider build() {
        return vault.provider(b -> b.publishLeadTime(leadTime()));
    }

    @Override
    protected void rotate(KeyProvider provider) {
        vault.clock.advance(REFRESH.plusSeconds(1));
        vault.standIn.createKey(VaultFixture.KEY, kind());
    }

    @Override
    protected void retire(KeyProvider provider, String kid) {
        for (String version : vault.standIn.versions(VaultFixture.KEY)) {
            if (vault.thumbprint(version).equals(kid)) {
                vault.standIn.setEnabled(VaultFixture.KEY, version, false);
                vault.clock.advance(REFRESH.plusSeconds(1));
                return;
            }
        }
        throw new KeyProviderException(KeyProviderException.Reason.KEY_NOT_FOUND, "no version has kid " + kid);
    }

    @Override
    protected KeyProvider reopen(KeyProvider provider) {
        return build();
    }

    @Override
    protected boolean rotatedKeyIsActive() {
        return leadTime().isZero();
    }

    @Override
    protected int signaturesPerThread() {
        return 25;
    }
}
