package dev.jwkadapter.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.azure.AzureKeyVaultKeyProvider.KidStrategy;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which versions are published, which one signs, and what {@code keys()} reports about them. */
class PublishingRulesTest {

    private final VaultFixture vault = new VaultFixture();

    @AfterEach
    void close() {
        vault.close();
    }

    @Test
    void keysWhenVersionsHaveAttributesThenReportedNewestFirst() {
        String v1 = vault.create(KeyKind.EC_P256);
        String v2 = vault.create(KeyKind.EC_P384);
        Instant exp = vault.clock.instant().plus(Duration.ofDays(90));
        vault.standIn.setExpiresOn(VaultFixture.KEY, v2, exp);
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.kidStrategy(KidStrategy.VERSION));

        List<KeyVersion> keys = p.keys();

        assertThat(keys).extracting(KeyVersion::kid).containsExactly(v2, v1);
        KeyVersion newest = keys.get(0);
        assertThat(newest.enabled()).isTrue();
        assertThat(newest.expiresOn()).contains(exp);
        assertThat(newest.notBefore()).isEmpty();
        assertThat(newest.createdOn()).contains(vault.clock.instant());
        assertThat(newest.algorithms()).containsExactly(JwsAlgorithm.ES384);
        assertThat(keys.get(1).createdOn()).contains(vault.clock.instant().minusSeconds(1));
    }

    @Test
    void keysWhenDisabledExpiredFutureAndOctVersionsThenOnlyUsableOnesPublished() {
        String disabled = vault.create(KeyKind.EC_P256);
        String expired = vault.create(KeyKind.EC_P256);
        String future = vault.create(KeyKind.EC_P256);
        String oct = vault.create(KeyKind.OCT);
        String secp256k1 = vault.create(KeyKind.EC_P256K);
        String encryptOnly = vault.create(KeyKind.RSA_2048);
        String good = vault.create(KeyKind.EC_P256);
        vault.standIn.setEnabled(VaultFixture.KEY, disabled, false);
        vault.standIn.setExpiresOn(VaultFixture.KEY, expired, vault.clock.instant().minusSeconds(1));
        vault.standIn.setNotBefore(VaultFixture.KEY, future, vault.clock.instant().plus(Duration.ofDays(1)));
        vault.standIn.setKeyOps(VaultFixture.KEY, encryptOnly, List.of("encrypt", "decrypt"));
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.kidStrategy(KidStrategy.VERSION));

        assertThat(p.keys()).extracting(KeyVersion::kid).containsExactly(good, future);
        assertThat(p.jwks().keys()).extracting(k -> k.kid().orElseThrow()).containsExactly(good, future)
                .doesNotContain(disabled, expired, oct, secp256k1, encryptOnly);
        assertThat(p.activeKey().kid()).isEqualTo(good);
    }

    @Test
    void activeKeyWhenNewestHasFutureNbfThenPublishedButOlderSigns() {
        String old = vault.create(KeyKind.EC_P256);
        String next = vault.create(KeyKind.EC_P256);
        vault.standIn.setNotBefore(VaultFixture.KEY, next, vault.clock.instant().plus(Duration.ofHours(2)));
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.kidStrategy(KidStrategy.VERSION));

        assertThat(p.keys()).extracting(KeyVersion::kid).containsExactly(next, old);
        assertThat(p.activeKey().kid()).isEqualTo(old);
        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> p.sign(next, JwsAlgorithm.ES256, new byte[] {1}))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_DISABLED));

        vault.clock.advance(Duration.ofHours(2));
        assertThat(p.activeKey().kid()).isEqualTo(next);
    }

    @Test
    void activeKeyWhenNoVersionOldEnoughThenNewestUsable() {
        vault.create(KeyKind.EC_P256);
        String newest = vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = vault.provider(b -> b.kidStrategy(KidStrategy.VERSION)
                .publishLeadTime(Duration.ofHours(24)));

        assertThat(p.activeKey().kid()).isEqualTo(newest);
    }

    @Test
    void kidWhenStrategiesThenThumbprintVersionOrKeyId() {
        String version = vault.create(KeyKind.RSA_HSM_2048);
        String thumbprint = Jwk.fromPublicKey(vault.standIn.publicKey(VaultFixture.KEY, version), null).thumbprint();

        assertThat(vault.provider().activeKey().kid()).isEqualTo(thumbprint);
        assertThat(vault.provider(b -> b.kidStrategy(KidStrategy.VERSION)).activeKey().kid()).isEqualTo(version);
        assertThat(vault.provider(b -> b.kidStrategy(KidStrategy.KEY_ID)).activeKey().kid())
                .isEqualTo(vault.standIn.keyId(VaultFixture.KEY, version));
        Jwk jwk = vault.provider().activeKey().jwk();
        assertThat(jwk.member("e")).contains("AQAB");
        assertThat(jwk.memberNames()).containsExactlyInAnyOrder("kty", "n", "e", "kid", "use", "alg");
    }

    @Test
    void keysWhenSeveralKeyNamesThenAllPublishedNewestFirstAndMissingNameSkipped() {
        String a = vault.create(KeyKind.RSA_2048);
        vault.clock.advance(Duration.ofSeconds(1));
        String b = vault.standIn.createKey("second-key", KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = vault.provider(x -> x.keyNames("second-key", "no-such-key")
                .kidStrategy(KidStrategy.VERSION));

        assertThat(p.keys()).extracting(KeyVersion::kid).containsExactly(b, a);
        assertThat(p.keyNames()).containsExactly(VaultFixture.KEY, "second-key", "no-such-key");
    }

    @Test
    void keysWhenNoConfiguredKeyExistsThenKeyNotFound() {
        AzureKeyVaultKeyProvider p = vault.provider();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(p::keys)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND));
    }

    @Test
    void activeKeyWhenEveryVersionDisabledThenKeyDisabled() {
        String v = vault.create(KeyKind.EC_P256);
        vault.standIn.setEnabled(VaultFixture.KEY, v, false);
        AzureKeyVaultKeyProvider p = vault.provider();

        assertThat(p.keys()).isEmpty();
        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(p::activeKey)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_DISABLED));
    }

    @Test
    void refreshWhenVaultFailsAfterWarmStartThenLastVersionsServed() {
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = vault.provider();
        List<KeyVersion> before = p.keys();
        vault.standIn.injectAlways(dev.jwkadapter.azure.standin.KeyVaultStandIn.Route.LIST,
                dev.jwkadapter.azure.standin.Fault.unavailable());
        vault.clock.advance(AzureKeyVaultKeyProvider.DEFAULT_REFRESH_INTERVAL);

        assertThat(p.keys()).isEqualTo(before);
        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(p::refresh)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        vault.clock.advance(AzureKeyVaultKeyProvider.MAX_STALE.plusMinutes(1));
        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(p::keys)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }
}
