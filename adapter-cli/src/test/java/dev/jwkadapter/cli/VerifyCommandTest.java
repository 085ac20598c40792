package dev.jwkadapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerifyCommandTest {

    @TempDir
    Path store;

    @TempDir
    Path files;

    @Test
    void verifyWhenSignedBySameStoreThenExit0AndHeaderAndClaimsPrinted() {
        String token = Cli.sign(store, "--iss", "https://issuer.example", "--sub", "svc", "--aud", "api://x",
                "--claim", "tid=t-1");

        Cli.Result r = Cli.inStore(store, "verify", token, "--iss", "https://issuer.example", "--aud", "api://x");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode out = r.json();
        assertThat(out.get("header").get("alg").asText()).isEqualTo("ES256");
        assertThat(out.get("header").get("kid").asText()).isEqualTo(Cli.part(token, 0).get("kid").asText());
        assertThat(out.get("claims").get("iss").asText()).isEqualTo("https://issuer.example");
        assertThat(out.get("claims").get("sub").asText()).isEqualTo("svc");
        assertThat(out.get("claims").get("tid").asText()).isEqualTo("t-1");
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void signThenVerifyWhenEachAlgorithmThenExit0(JwsAlgorithm alg, @TempDir Path dir) {
        String token = Cli.sign(dir, "--alg", alg.jwaName(), "--aud", "api://x");

        Cli.Result r = Cli.inStore(dir, "verify", token, "--aud", "api://x");

        assertThat(Cli.part(token, 0).get("alg").asText()).isEqualTo(alg.jwaName());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("header").get("alg").asText()).isEqualTo(alg.jwaName());
    }

    @Test
    void verifyWhenNoIssuerOrAudienceThenNotesSayNotChecked() {
        String token = Cli.sign(store);

        Cli.Result r = Cli.inStore(store, "verify", token);

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("note: issuer not checked (no --iss)", "note: audience not checked (no --aud)");
    }

    @Test
    void verifyWhenWrongAudienceThenExit1AudienceMismatch() {
        String token = Cli.sign(store, "--aud", "api://x");

        Cli.Result r = Cli.inStore(store, "verify", token, "--aud", "api://other");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("rejected: AUDIENCE_MISMATCH: ");
    }

    @Test
    void verifyWhenWrongIssuerThenExit1IssuerMismatch() {
        String token = Cli.sign(store, "--iss", "https://a.example");

        Cli.Result r = Cli.inStore(store, "verify", token, "--iss", "https://b.example");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected: ISSUER_MISMATCH: ");
    }

    @Test
    void verifyWhenPayloadTamperedThenExit1BadSignature() {
        String token = Cli.sign(store, "--sub", "alice");
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("alice", "mallory").getBytes(StandardCharsets.UTF_8));

        Cli.Result r = Cli.inStore(store, "verify", parts[0] + "." + forged + "." + parts[2]);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected: BAD_SIGNATURE: ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyWhenExpiredThenExit1Expired() {
        String token = Cli.sign(store, "--claims", "{\"exp\":1000000000}");

        Cli.Result r = Cli.inStore(store, "verify", token);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected: EXPIRED: ");
    }

    @Test
    void verifyWhenAlgorithmNotAllowedThenExit1UnsupportedAlgorithm() {
        String token = Cli.sign(store);

        Cli.Result r = Cli.inStore(store, "verify", token, "--alg", "ES384,RS256");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected: UNSUPPORTED_ALGORITHM: ");
    }

    @Test
    void verifyWhenSignedByAnotherStoreThenExit1UnknownKey(@TempDir Path other) {
        String token = Cli.sign(other);
        Cli.sign(store);

        Cli.Result r = Cli.inStore(store, "verify", token);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected: UNKNOWN_KEY: ");
    }

    @Test
    void verifyWhenNotAJwtThenExit1Malformed() {
        Cli.Result r = Cli.inStore(store, "verify", "not-a-token");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected: MALFORMED: ");
    }

    @Test
    void verifyWhenTypRequiredAndTokenHasItThenExit0() {
        String token = Cli.sign(store, "--typ", "at+jwt");

        assertThat(Cli.inStore(store, "verify", token).err()).contains("rejected: TYPE_MISMATCH: ");
        assertThat(Cli.inStore(store, "verify", token, "--typ", "at+jwt").exitCode()).isZero();
    }

    @Test
    void verifyWhenTokenOnStdinThenExit0() {
        String token = Cli.sign(store, "--sub", "piped");

        Cli.Result absent = Cli.runWithStdin(token + "\n", "verify", "--dir", store.toString());
        Cli.Result dash = Cli.runWithStdin(token + "\n", "verify", "-", "--dir", store.toString());

        assertThat(absent.exitCode()).isZero();
        assertThat(absent.json().get("claims").get("sub").asText()).isEqualTo("piped");
        assertThat(dash.exitCode()).isZero();
    }

    @Test
    void verifyWhenStdinEmptyThenExit2() {
        Cli.Result r = Cli.runWithStdin("", "verify", "--dir", store.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: no token");
    }

    @Test
    void verifyWhenJwksFileThenKeysFromItAndNoStoreCreated() throws Exception {
        String token = Cli.sign(store, "--aud", "api://x");
        Path jwks = files.resolve("jwks.json");
        Files.writeString(jwks, Cli.inStore(store, "jwks").out(), StandardCharsets.UTF_8);
        Path untouched = files.resolve("no-store-here");

        Cli.Result r = Cli.run("verify", token, "--jwks", jwks.toString(), "--aud", "api://x", "--dir", untouched.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("claims").get("aud").asText()).isEqualTo("api://x");
        assertThat(untouched).doesNotExist();
    }

    @Test
    void verifyWhenJwksFileHasOtherKeysThenUnknownKey(@TempDir Path other) throws Exception {
        String token = Cli.sign(store);
        Path jwks = files.resolve("jwks.json");
        Files.writeString(jwks, Cli.inStore(other, "jwks").out(), StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("verify", token, "--jwks", jwks.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("rejected: UNKNOWN_KEY: ");
    }

    @Test
    void verifyWhenJwksFileMissingThenFileNotFoundExit4AndNoStackTrace() {
        String token = Cli.sign(store);

        Cli.Result r = Cli.run("verify", token, "--jwks", files.resolve("missing.json").toString());

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: FILE_NOT_FOUND: --jwks '").contains("missing.json", "does not exist")
                .doesNotContain("\tat ", "Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyWhenJwksFileNotJsonThenMalformedExit4() throws Exception {
        Path jwks = files.resolve("bad.json");
        Files.writeString(jwks, "this is not json");

        Cli.Result r = Cli.run("verify", Cli.sign(store), "--jwks", jwks.toString());

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).startsWith("error: MALFORMED: --jwks '").doesNotContain("\tat ");
    }

    @Test
    void verifyWhenJwksFileHasPrivateKeyThenSkippedWithWarningAndNoUsableKeys() throws Exception {
        Path jwks = files.resolve("private.json");
        // RFC 7517 Appendix A.2: the first EC key, with its private member d
        Files.writeString(jwks, "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\","
                + "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\","
                + "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\","
                + "\"d\":\"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE\",\"kid\":\"1\"}]}");

        Cli.Result r = Cli.run("verify", Cli.sign(store), "--jwks", jwks.toString());

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("warning: skipped JWK Set entry 0 (kid 1): PRIVATE_KEY_MATERIAL")
                .contains("error: NO_USABLE_KEYS: ");
    }

    @Test
    void verifyWhenSkewAboveMaximumThenExit2() {
        Cli.Result r = Cli.inStore(store, "verify", Cli.sign(store), "--skew", "11m");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: clockSkew");
    }

    @Test
    void verifyWhenSkewCoversExpiryThenExit0() {
        long exp = java.time.Instant.now().getEpochSecond() - 120;
        String token = Cli.sign(store, "--claim", "exp=" + exp);

        assertThat(Cli.inStore(store, "verify", token).exitCode()).isEqualTo(1);
        assertThat(Cli.inStore(store, "verify", token, "--skew", "5m").exitCode()).isZero();
    }
}
