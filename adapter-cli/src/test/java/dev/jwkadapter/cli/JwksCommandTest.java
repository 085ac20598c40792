package dev.jwkadapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksCommandTest {

    @TempDir
    Path store;

    @Test
    void jwksWhenPrintedThenParsesAsJwkSetWithPublicMembersOnly() {
        Cli.Result r = Cli.inStore(store, "jwks");

        assertThat(r.exitCode()).isZero();
        JwkSet set = JwkSet.parse(r.out());
        assertThat(set.keys()).hasSize(1);
        assertThat(set.rejected()).isEmpty();
        Jwk key = set.keys().get(0);
        assertThat(key.memberNames()).doesNotContainAnyElementsOf(java.util.List.of("d", "p", "q", "dp", "dq", "qi", "k", "oth"));
        assertThat(r.out()).doesNotContain("\"d\"");
        assertThat(r.out().lines().count()).isGreaterThan(3);
    }

    @Test
    void jwksWhenRsaThenPublicMembersOnly() {
        Cli.Result r = Cli.inStore(store, "jwks", "--alg", "PS256");

        assertThat(r.exitCode()).isZero();
        Jwk key = JwkSet.parse(r.out()).keys().get(0);
        assertThat(key.kty()).isEqualTo("RSA");
        assertThat(key.memberNames()).contains("n", "e").doesNotContain("d", "p", "q", "dp", "dq", "qi");
    }

    @Test
    void jwksWhenCompactThenOneLine() {
        Cli.Result r = Cli.inStore(store, "jwks", "--compact");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(JwkSet.parse(r.out()).keys()).hasSize(1);
    }

    @Test
    void jwksWhenRunTwiceThenSameKeys() {
        String first = Cli.inStore(store, "jwks", "--compact").out();
        String second = Cli.inStore(store, "jwks", "--compact").out();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void jwksKidEqualsTheActiveKeyInKeys() {
        String kid = Cli.inStore(store, "keys", "--json").json().get(0).get("kid").asText();

        assertThat(JwkSet.parse(Cli.inStore(store, "jwks").out()).find(kid)).isPresent();
    }
}
