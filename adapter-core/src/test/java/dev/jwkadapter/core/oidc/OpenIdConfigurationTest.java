package dev.jwkadapter.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.core.oidc.OpenIdDiscoveryException.Reason;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenIdConfigurationTest {

    private static final String FULL = "{\"issuer\":\"https://login.example/t/v2.0\","
            + "\"jwks_uri\":\"https://login.example/t/discovery/v2.0/keys\","
            + "\"token_endpoint\":\"https://login.example/t/oauth2/v2.0/token\","
            + "\"authorization_endpoint\":\"https://login.example/t/oauth2/v2.0/authorize\","
            + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"],"
            + "\"x_vendor\":\"kept\"}";

    @Test
    void parseWhenCompleteThenTypedAccessors() {
        OpenIdConfiguration cfg = OpenIdConfiguration.parse(FULL);
        assertThat(cfg.issuer()).isEqualTo("https://login.example/t/v2.0");
        assertThat(cfg.jwksUri()).isEqualTo(URI.create("https://login.example/t/discovery/v2.0/keys"));
        assertThat(cfg.tokenEndpoint()).contains(URI.create("https://login.example/t/oauth2/v2.0/token"));
        assertThat(cfg.authorizationEndpoint()).contains(URI.create("https://login.example/t/oauth2/v2.0/authorize"));
        assertThat(cfg.idTokenSigningAlgValuesSupported()).containsExactly("RS256", "ES256");
        assertThat(cfg.stringMember("x_vendor")).contains("kept");
        assertThat(cfg.raw()).containsEntry("x_vendor", "kept");
        assertThat(cfg).isEqualTo(OpenIdConfiguration.parse(cfg.toJson()));
        assertThat(cfg).hasToString("OpenIdConfiguration[issuer=https://login.example/t/v2.0, jwks_uri=https://login.example/t/discovery/v2.0/keys]");
    }

    @Test
    void parseWhenOptionalMembersAbsentThenEmpty() {
        OpenIdConfiguration cfg = OpenIdConfiguration.parse("{\"issuer\":\"https://a.example\",\"jwks_uri\":\"https://a.example/k\"}");
        assertThat(cfg.tokenEndpoint()).isEmpty();
        assertThat(cfg.authorizationEndpoint()).isEmpty();
        assertThat(cfg.idTokenSigningAlgValuesSupported()).isEmpty();
        assertThat(cfg.stringMember("x")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all                                                                    | MALFORMED",
        "[1,2]                                                                              | MALFORMED",
        "{\"jwks_uri\":\"https://a.example/k\"}                                             | MALFORMED",
        "{\"issuer\":\"\",\"jwks_uri\":\"https://a.example/k\"}                             | MALFORMED",
        "{\"issuer\":\"https://a.example\"}                                                 | MALFORMED",
        "{\"issuer\":\"https://a.example\",\"jwks_uri\":\"keys\"}                           | MALFORMED",
        "{\"issuer\":\"https://a.example\",\"jwks_uri\":7}                                  | MALFORMED",
        "{\"issuer\":\"https://a.example\",\"jwks_uri\":\"https://a.example/k\",\"issuer\":\"https://b.example\"} | MALFORMED",
        "{\"issuer\":\"https://a.example\",\"jwks_uri\":\"https://a.example/k\",\"id_token_signing_alg_values_supported\":\"RS256\"} | MALFORMED",
        "{\"issuer\":\"https://a.example\",\"jwks_uri\":\"http://a.example/k\"}             | UNTRUSTED_METADATA",
        "{\"issuer\":\"https://a.example\",\"jwks_uri\":\"file:///etc/keys\"}               | UNTRUSTED_METADATA"
    })
    void parseWhenDocumentIsBadThenReason(String json, Reason reason) {
        assertThatExceptionOfType(OpenIdDiscoveryException.class).isThrownBy(() -> OpenIdConfiguration.parse(json))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void parseWhenJwksUriIsLoopbackHttpThenAccepted() {
        assertThat(OpenIdConfiguration.parse("{\"issuer\":\"http://127.0.0.1:8080\",\"jwks_uri\":\"http://127.0.0.1:8080/k\"}")
                .jwksUri().getPort()).isEqualTo(8080);
    }
}
