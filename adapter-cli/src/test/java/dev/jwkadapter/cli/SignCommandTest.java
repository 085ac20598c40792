package dev.jwkadapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {

    @TempDir
    Path store;

    @TempDir
    Path files;

    @Test
    void signWhenClaimOptionsThenTokenCarriesThem() {
        String token = Cli.sign(store, "--iss", "https://issuer.example", "--sub", "svc", "--aud", "api://x", "--aud", "api://y");

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        JsonNode header = Cli.part(token, 0);
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("kid").asText()).isNotEmpty();
        JsonNode claims = Cli.part(token, 1);
        assertThat(claims.get("iss").asText()).isEqualTo("https://issuer.example");
        assertThat(claims.get("sub").asText()).isEqualTo("svc");
        assertThat(claims.get("aud")).hasSize(2);
    }

    @Test
    void signWhenNoExpThenTenMinutes() {
        JsonNode claims = Cli.part(Cli.sign(store), 1);

        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(600);
    }

    @Test
    void signWhenExpDurationThenLifetime() {
        JsonNode hour = Cli.part(Cli.sign(store, "--exp", "1h"), 1);
        JsonNode iso = Cli.part(Cli.sign(store, "--exp", "PT90S"), 1);

        assertThat(hour.get("exp").asLong() - hour.get("iat").asLong()).isEqualTo(3600);
        assertThat(iso.get("exp").asLong() - iso.get("iat").asLong()).isEqualTo(90);
    }

    @Test
    void signWhenExpNotADurationThenExit2() {
        Cli.Result r = Cli.inStore(store, "sign", "--exp", "soon");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: Invalid value for option '--exp'").contains("not a duration");
    }

    @Test
    void signWhenClaimValuesThenJsonOrString() {
        JsonNode claims = Cli.part(Cli.sign(store, "--claim", "n=5", "--claim", "ok=true", "--claim", "tid=abc-123",
                "--claim", "roles=[\"a\",\"b\"]", "--claim", "obj={\"k\":1}", "--claim", "q=\"5\"", "--claim", "eq=a=b"), 1);

        assertThat(claims.get("n").isIntegralNumber()).isTrue();
        assertThat(claims.get("n").asInt()).isEqualTo(5);
        assertThat(claims.get("ok").isBoolean()).isTrue();
        assertThat(claims.get("tid").asText()).isEqualTo("abc-123");
        assertThat(claims.get("roles")).hasSize(2);
        assertThat(claims.get("obj").get("k").asInt()).isEqualTo(1);
        assertThat(claims.get("q").isTextual()).isTrue();
        assertThat(claims.get("q").asText()).isEqualTo("5");
        assertThat(claims.get("eq").asText()).isEqualTo("a=b");
    }

    @Test
    void signWhenClaimWithoutValueThenExit2() {
        Cli.Result r = Cli.inStore(store, "sign", "--claim", "novalue");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: --claim needs NAME=VALUE");
    }

    @Test
    void signWhenClaimHasWrongTypeForRegisteredClaimThenInvalidClaim() {
        Cli.Result r = Cli.inStore(store, "sign", "--claim", "exp=tomorrow");

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).startsWith("error: INVALID_CLAIM: --claim exp:");
    }

    @Test
    void signWhenClaimsJsonThenAllClaimsAndOptionsWin() {
        JsonNode claims = Cli.part(Cli.sign(store, "--claims", "{\"iss\":\"from-json\",\"scp\":\"read\",\"n\":[1,2]}",
                "--iss", "from-option"), 1);

        assertThat(claims.get("iss").asText()).isEqualTo("from-option");
        assertThat(claims.get("scp").asText()).isEqualTo("read");
        assertThat(claims.get("n")).hasSize(2);
    }

    @Test
    void signWhenClaimsFromStdinThenUsed() {
        Cli.Result r = Cli.runWithStdin("{\"sub\":\"from-stdin\"}\n", "sign", "--dir", store.toString(), "--claims", "-");

        assertThat(r.exitCode()).isZero();
        assertThat(Cli.part(r.out().strip(), 1).get("sub").asText()).isEqualTo("from-stdin");
    }

    @Test
    void signWhenClaimsFromFileThenUsed() throws Exception {
        Path file = files.resolve("claims.json");
        Files.writeString(file, "{\"sub\":\"from-file\",\"exp\":4102444800}", StandardCharsets.UTF_8);

        JsonNode claims = Cli.part(Cli.sign(store, "--claims", "@" + file), 1);

        assertThat(claims.get("sub").asText()).isEqualTo("from-file");
        assertThat(claims.get("exp").asLong()).isEqualTo(4102444800L);
        assertThat(claims.has("iat")).isFalse();
    }

    @Test
    void signWhenClaimsNotJsonThenInvalidJsonExit4() {
        Cli.Result r = Cli.inStore(store, "sign", "--claims", "{not json");

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).startsWith("error: INVALID_JSON: --claims must be a JSON object").doesNotContain("\tat ");
    }

    @Test
    void signWhenClaimsDuplicateMemberThenInvalidJson() {
        Cli.Result r = Cli.inStore(store, "sign", "--claims", "{\"a\":1,\"a\":2}");

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).startsWith("error: INVALID_JSON:").contains("duplicate");
    }

    @Test
    void signWhenClaimsFileMissingThenFileNotFoundExit4() {
        Cli.Result r = Cli.inStore(store, "sign", "--claims", "@" + files.resolve("nope.json"));

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).startsWith("error: FILE_NOT_FOUND: --claims '").contains("nope.json").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void signWhenTypThenHeaderTyp() {
        assertThat(Cli.part(Cli.sign(store, "--typ", "at+jwt"), 0).get("typ").asText()).isEqualTo("at+jwt");
    }
}
