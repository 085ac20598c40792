package dev.jwkadapter.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.azure.standin.KeyVaultStandIn;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.Route;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** What signing costs in requests to the vault: the hot path is exactly one sign request per token. */
class RequestCountTest {

    private final VaultFixture vault = new VaultFixture();

    @AfterEach
    void close() {
        vault.close();
    }

    private static JwtClaims claims(int i) {
        return JwtClaims.builder().subject("s" + i).audience("api://x").expiresIn(Duration.ofMinutes(5)).build();
    }

    @Test
    void firstTokenWhenColdThenChallengeListOneGetAndOneSignWithoutKeyFetchBySigner() {
        String version = vault.create(KeyKind.EC_P256);
        JwtSigner signer = JwtSigner.of(vault.provider());

        signer.sign(claims(0));

        assertThat(vault.standIn.requests().stream().map(r -> r.route() + " " + r.status()).collect(Collectors.toList()))
                .containsExactly("LIST 401", "LIST 200", "GET 200", "SIGN 200");
        assertThat(vault.standIn.requests().get(2).path()).isEqualTo("/keys/" + VaultFixture.KEY + "/" + version);
        assertThat(vault.credential.calls()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_2048", "RSA_HSM_2048", "EC_P256", "EC_HSM_P384"})
    void signWhenWarmThenNTokensCostExactlyNSignRequests(KeyKind kind) {
        vault.create(kind);
        vault.create(kind);
        JwtSigner signer = JwtSigner.of(vault.provider());
        signer.sign(claims(0));
        vault.standIn.resetCounts();
        int n = 25;

        for (int i = 1; i <= n; i++) {
            signer.sign(claims(i));
        }

        assertThat(vault.standIn.count(Route.SIGN, 200)).isEqualTo(n);
        assertThat(vault.standIn.total()).isEqualTo(n);
        System.out.printf("request count %s: %d tokens -> %d requests (%d sign)%n", kind, n, vault.standIn.total(),
                vault.standIn.count(Route.SIGN));
    }

    @Test
    void refreshWhenIntervalPassedThenOneListAndNoGetForKnownVersions() {
        vault.create(KeyKind.EC_P256);
        vault.create(KeyKind.EC_P256);
        AzureKeyVaultKeyProvider p = vault.provider();
        JwtSigner.of(p).sign(claims(0));
        vault.standIn.resetCounts();
        vault.clock.advance(AzureKeyVaultKeyProvider.DEFAULT_REFRESH_INTERVAL);

        JwtSigner.of(p).sign(claims(1));
        JwtSigner.of(p).sign(claims(2));

        assertThat(vault.standIn.requests()).extracting(KeyVaultStandIn.Request::route)
                .containsExactly(Route.LIST, Route.SIGN, Route.SIGN);
    }

    @Test
    void jwksWhenCalledRepeatedlyWithinIntervalThenNoRequests() {
        vault.create(KeyKind.RSA_HSM_2048);
        AzureKeyVaultKeyProvider p = vault.provider();
        p.jwks();
        vault.standIn.resetCounts();

        for (int i = 0; i < 100; i++) {
            p.jwks();
            p.activeKey();
        }

        assertThat(vault.standIn.total()).isZero();
    }
}
