package dev.jwkadapter.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.jwkadapter.core.oidc.OpenIdDiscoveryException.Reason;
import dev.jwkadapter.testing.JwksTestServer;
import dev.jwkadapter.testing.JwksTestServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenIdDiscoveryTest {

    private static final String OIDC = "/.well-known/openid-configuration";
    private static final String RFC8414 = "/.well-known/oauth-authorization-server";

    private JwksTestServer server;
    private final OpenIdDiscovery discovery = OpenIdDiscovery.create();

    @BeforeEach
    void setUp() {
        server = JwksTestServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private String document(String issuer) {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + server.origin() + "/keys\","
                + "\"token_endpoint\":\"" + server.origin() + "/token\"}";
    }

    private static ThrowableAssertAlternative<OpenIdDiscoveryException> failsWith(Reason reason, Runnable call) {
        return assertThatExceptionOfType(OpenIdDiscoveryException.class).isThrownBy(call::run)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void defaultsAreThePublishedConstants() {
        assertThat(OpenIdDiscovery.DEFAULT_MAX_BYTES).isEqualTo(256 * 1024);
        assertThat(OpenIdDiscovery.DEFAULT_CONNECT_TIMEOUT).isEqualTo(Duration.ofSeconds(2));
        assertThat(OpenIdDiscovery.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void buildWhenSettingsImpossibleThenRejected() {
        assertThatIllegalStateException().isThrownBy(() -> OpenIdDiscovery.builder().timeout(Duration.ZERO).build())
                .withMessageContaining("timeouts");
        assertThatIllegalStateException().isThrownBy(() -> OpenIdDiscovery.builder()
                .connectTimeout(Duration.ofSeconds(-1)).build()).withMessageContaining("timeouts");
        assertThatIllegalStateException().isThrownBy(() -> OpenIdDiscovery.builder().maxBytes(1).build())
                .withMessageContaining("maxBytes");
    }

    @Test
    void fetchWhenOidcLocationAnswersThenRfc8414IsNotTried() {
        String issuer = server.origin() + "/tenant/v2.0";
        server.serve("/tenant/v2.0" + OIDC, Reply.json(document(issuer)));
        OpenIdConfiguration cfg = discovery.fetch(URI.create(issuer));
        assertThat(cfg.issuer()).isEqualTo(issuer);
        assertThat(cfg.jwksUri()).isEqualTo(server.uri("/keys"));
        assertThat(server.requests("/tenant/v2.0" + OIDC)).isEqualTo(1);
        assertThat(server.requests(RFC8414 + "/tenant/v2.0")).isZero();
    }

    @Test
    void fetchWhenOidcLocationIsMissingThenRfc8414LocationWithTheWellKnownSegmentBeforeThePath() {
        String issuer = server.origin() + "/tenant/v2.0";
        server.serve(RFC8414 + "/tenant/v2.0", Reply.json(document(issuer)));
        OpenIdConfiguration cfg = discovery.fetch(URI.create(issuer));
        assertThat(cfg.issuer()).isEqualTo(issuer);
        assertThat(server.requests("/tenant/v2.0" + OIDC)).isEqualTo(1);
        assertThat(server.requests(RFC8414 + "/tenant/v2.0")).isEqualTo(1);
    }

    @Test
    void fetchWhenIssuerHasNoPathThenRfc8414LocationIsTheBareWellKnownPath() {
        String issuer = server.origin();
        server.serve(RFC8414, Reply.json(document(issuer)));
        assertThat(discovery.fetch(URI.create(issuer)).issuer()).isEqualTo(issuer);
        assertThat(server.requests(OIDC)).isEqualTo(1);
        assertThat(server.requests(RFC8414)).isEqualTo(1);
    }

    @Test
    void fetchWhenIssuerEndsWithASlashThenOneSlashBeforeTheWellKnownSegmentAndTheSlashKeptForTheCheck() {
        String issuer = server.origin() + "/tenant/";
        server.serve("/tenant" + OIDC, Reply.json(document(issuer)));
        assertThat(discovery.fetch(URI.create(issuer)).issuer()).isEqualTo(issuer);
    }

    @Test
    void fetchWhenNeitherLocationAnswersThenUnavailable() {
        String issuer = server.origin() + "/tenant";
        failsWith(Reason.UNAVAILABLE, () -> discovery.fetch(URI.create(issuer))).withMessageContaining("HTTP 404");
        assertThat(server.requests()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tenant/", "/Tenant", "/tenant/v2.0", "/other"})
    void fetchWhenDocumentIssuerDiffersInAnyWayThenUntrustedMetadata(String documentPath) {
        String issuer = server.origin() + "/tenant";
        server.serve("/tenant" + OIDC, Reply.json(document(server.origin() + documentPath)));
        failsWith(Reason.UNTRUSTED_METADATA, () -> discovery.fetch(URI.create(issuer)))
                .withMessageContaining("not the requested");
        assertThat(server.requests(RFC8414 + "/tenant")).as("a mismatch is not retried elsewhere").isZero();
    }

    @Test
    void fetchWhenDocumentIssuerDiffersOnlyInCaseOfTheSchemeAndHostThenStillUntrusted() {
        String issuer = server.origin() + "/tenant";
        server.serve("/tenant" + OIDC, Reply.json(document("HTTP://127.0.0.1:" + server.port() + "/tenant")));
        failsWith(Reason.UNTRUSTED_METADATA, () -> discovery.fetch(URI.create(issuer)));
    }

    @Test
    void fetchWhenRfc8414DocumentNamesAnotherIssuerThenUntrustedMetadata() {
        String issuer = server.origin() + "/tenant";
        server.serve(RFC8414 + "/tenant", Reply.json(document(server.origin() + "/evil")));
        failsWith(Reason.UNTRUSTED_METADATA, () -> discovery.fetch(URI.create(issuer)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.example/tenant", "ftp://127.0.0.1/x"})
    void fetchWhenIssuerIsNotHttpsOrLoopbackThenUntrustedWithoutAnyRequest(String issuer) {
        failsWith(Reason.UNTRUSTED_METADATA, () -> discovery.fetch(URI.create(issuer)));
    }

    @Test
    void fetchWhenJwksUriIsHttpOffLoopbackThenUntrustedMetadata() {
        String issuer = server.origin() + "/tenant";
        server.serve("/tenant" + OIDC, Reply.json("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"http://keys.example/k\"}"));
        failsWith(Reason.UNTRUSTED_METADATA, () -> discovery.fetch(URI.create(issuer))).withMessageContaining("jwks_uri");
    }

    @Test
    void fetchWhenDocumentIsHtmlThenMalformed() {
        String issuer = server.origin() + "/tenant";
        server.serve("/tenant" + OIDC, Reply.html("<html>portal</html>"));
        failsWith(Reason.MALFORMED, () -> discovery.fetch(URI.create(issuer)));
    }

    @Test
    void fetchDocumentWhenIssuerIsATemplateThenReadAsGivenWithoutIssuerCheck() {
        String template = "https://login.example/{tenantid}/v2.0";
        server.serve("/common/v2.0" + OIDC, Reply.json("{\"issuer\":\"" + template
                + "\",\"jwks_uri\":\"https://login.example/common/discovery/v2.0/keys\"}"));
        OpenIdConfiguration cfg = discovery.fetchDocument(server.uri("/common/v2.0" + OIDC));
        assertThat(cfg.issuer()).isEqualTo(template);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void fetchDocumentWhenRedirectedToAnotherOriginThenUnavailableAndTargetSeesNoRequest() {
        try (JwksTestServer target = JwksTestServer.start()) {
            target.serve(OIDC, Reply.json(document(target.origin())));
            server.serve(OIDC, Reply.redirect(302, "http://localhost:" + target.port() + OIDC));
            failsWith(Reason.UNAVAILABLE, () -> discovery.fetchDocument(server.uri(OIDC)))
                    .withMessageContaining("another origin");
            assertThat(target.requests()).isZero();
        }
    }

    @Test
    void fetchDocumentWhenJustUnder256KiBThenAccepted() {
        String doc = padded(document(server.origin()), 256 * 1024);
        server.serve(OIDC, Reply.json(doc));
        assertThat(discovery.fetchDocument(server.uri(OIDC)).raw()).containsKey("padding");
    }

    @Test
    void fetchDocumentWhenOver256KiBThenUnavailable() {
        String doc = padded(document(server.origin()), 256 * 1024 + 1);
        server.serve(OIDC, Reply.json(doc));
        failsWith(Reason.UNAVAILABLE, () -> discovery.fetchDocument(server.uri(OIDC)))
                .withMessageContaining("larger than 262144 bytes");
    }

    @Test
    void fetchDocumentWhenServerHangsThenUnavailableWithinTheConfiguredDeadline() {
        server.serve(OIDC, Reply.hang());
        OpenIdDiscovery quick = OpenIdDiscovery.builder().timeout(Duration.ofMillis(300)).build();
        long t0 = System.nanoTime();
        failsWith(Reason.UNAVAILABLE, () -> quick.fetchDocument(server.uri(OIDC))).withMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void fetchDocumentKeepsUnknownMembersInRaw() {
        server.serve(OIDC, Reply.json("{\"issuer\":\"https://a.example\",\"jwks_uri\":\"https://a.example/k\","
                + "\"tenant_region_scope\":\"EU\",\"cloud_graph_host_name\":\"graph.windows.net\","
                + "\"claims_supported\":[\"sub\",\"iss\"],\"request_uri_parameter_supported\":false,"
                + "\"nested\":{\"depth\":2},\"max_age\":3600}"));
        Map<String, Object> raw = discovery.fetchDocument(server.uri(OIDC)).raw();
        assertThat(raw).containsEntry("tenant_region_scope", "EU")
                .containsEntry("claims_supported", List.of("sub", "iss"))
                .containsEntry("request_uri_parameter_supported", false)
                .containsEntry("nested", Map.of("depth", 2L))
                .containsEntry("max_age", 3600L)
                .containsEntry("issuer", "https://a.example");
    }

    private static String padded(String json, int size) {
        String head = json.substring(0, json.length() - 1) + ",\"padding\":\"";
        char[] pad = new char[size - head.length() - 2];
        Arrays.fill(pad, 'x');
        return head + new String(pad) + "\"}";
    }
}
