package dev.jwkadapter.azure;

import dev.jwkadapter.azure.standin.KeyVaultStandIn;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.azure.standin.MutableClock;
import dev.jwkadapter.azure.standin.StandInCredential;
import dev.jwkadapter.core.jwk.Jwk;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One stand-in vault, its clock and credential, a fake sleeper, and providers built against them; close it
 * after the test.
 */
final class VaultFixture implements AutoCloseable {

    static final String KEY = "token-signing";

    final MutableClock clock = MutableClock.startingAt2026();
    final KeyVaultStandIn standIn = KeyVaultStandIn.start(clock);
    final StandInCredential credential = standIn.credential();
    final FakeSleeper sleeper = new FakeSleeper();

    /** A builder wired to the stand-in (lead time zero unless changed). */
    AzureKeyVaultKeyProvider.Builder builder() {
        return AzureKeyVaultKeyProvider.builder().vaultUrl(standIn.vaultUrl()).keyName(KEY).credential(credential)
                .httpClient(standIn.httpClient()).disableChallengeResourceVerification().clock(clock)
                .sleeper(sleeper).publishLeadTime(Duration.ZERO);
    }

    AzureKeyVaultKeyProvider provider() {
        return builder().build();
    }

    AzureKeyVaultKeyProvider provider(Consumer<AzureKeyVaultKeyProvider.Builder> settings) {
        AzureKeyVaultKeyProvider.Builder b = builder();
        settings.accept(b);
        return b.build();
    }

    /** Creates a version of {@link #KEY}, one second after the last (so creation times order them). */
    String create(KeyKind kind) {
        clock.advance(Duration.ofSeconds(1));
        return standIn.createKey(KEY, kind);
    }

    /** The RFC 7638 thumbprint (the default kid) of a version of {@link #KEY}. */
    String thumbprint(String version) {
        return Jwk.fromPublicKey(standIn.publicKey(KEY, version), null).thumbprint();
    }

    @Override
    public void close() {
        standIn.close();
    }
}
