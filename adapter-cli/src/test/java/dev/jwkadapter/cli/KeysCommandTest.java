package dev.jwkadapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.jwk.JwkSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    @TempDir
    Path store;

    @Test
    void keysWhenFreshStoreThenTableWithOneActiveVersion() {
        Cli.Result r = Cli.inStore(store, "keys");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("KID +TYPE +ALG +CREATED +STATUS");
        String kid = JwkSet.parse(Cli.inStore(store, "jwks").out()).keys().get(0).kid().orElseThrow();
        assertThat(lines.get(1)).startsWith(kid).contains("EC P-256", "ES256").endsWith("active");
    }

    @Test
    void keysWhenJsonThenArrayWithKidAlgorithmAndActiveMarker() {
        Cli.Result r = Cli.inStore(store, "keys", "--json");

        assertThat(r.exitCode()).isZero();
        JsonNode keys = r.json();
        assertThat(keys.isArray()).isTrue();
        assertThat(keys).hasSize(1);
        JsonNode k = keys.get(0);
        assertThat(k.get("kty").asText()).isEqualTo("EC");
        assertThat(k.get("crv").asText()).isEqualTo("P-256");
        assertThat(k.get("alg").asText()).isEqualTo("ES256");
        assertThat(k.get("active").asBoolean()).isTrue();
        assertThat(k.get("enabled").asBoolean()).isTrue();
        assertThat(k.get("kid").asText()).isNotEmpty();
        assertThat(k.has("d")).isFalse();
    }

    @Test
    void keysWhenAlgAfterSubcommandThenStoreCreatedWithIt() {
        Cli.Result r = Cli.inStore(store, "keys", "--json", "--alg", "ES384");

        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get(0).get("crv").asText()).isEqualTo("P-384");
        assertThat(r.json().get(0).get("alg").asText()).isEqualTo("ES384");
    }

    @Test
    void keysWhenAlgBeforeSubcommandThenStoreCreatedWithIt() {
        Cli.Result r = Cli.run("--alg", "EdDSA", "keys", "--json", "--dir", store.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get(0).get("kty").asText()).isEqualTo("OKP");
        assertThat(r.json().get(0).get("alg").asText()).isEqualTo("EdDSA");
    }

    @Test
    void keysWhenAlgUnknownThenExit2() {
        Cli.Result r = Cli.inStore(store, "keys", "--alg", "HS256");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: Invalid value for option '--alg'");
    }
}
