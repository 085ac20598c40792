package dev.jwkadapter.azure.aad;

import static dev.jwkadapter.azure.aad.AadFixtures.CLIENT;
import static dev.jwkadapter.azure.aad.AadFixtures.DOMAIN;
import static dev.jwkadapter.azure.aad.AadFixtures.TENANT;

import com.sun.net.httpserver.HttpExchange;
import dev.jwkadapter.azure.AzureAdDiscovery;
import dev.jwkadapter.testing.FakeTicker;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for Azure AD's metadata and key endpoints (JDK {@code HttpServer} on 127.0.0.1, ephemeral
 * port). Documents are served per path and query, with the Azure hosts ({@code https://login.microsoftonline.com},
 * {@code https://sts.windows.net}) rewritten to the stand-in's own origin, so that issuers and {@code jwks_uri}
 * point at it. Counts every request. Thread-safe.
 */
final class AadStandIn implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "aad-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger total = new AtomicInteger();

    private AadStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** An empty stand-in. */
    static AadStandIn start() {
        try {
            return new AadStandIn();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stand-in serving our own fixtures (tenant, domain, common, organizations; v1 and v2; app-specific keys). */
    static AadStandIn withOwnFixtures() {
        AadStandIn s = start();
        String tenantV2 = AadFixtures.resource("tenant-v2-openid-configuration.json");
        String tenantV1 = AadFixtures.resource("tenant-v1-openid-configuration.json");
        for (String t : List.of(TENANT, DOMAIN)) {
            s.serve("/" + t + "/v2.0/.well-known/openid-configuration", tenantV2);
            s.serve("/" + t + "/.well-known/openid-configuration", tenantV1);
            s.serve("/" + t + "/v2.0/.well-known/openid-configuration?appid=" + CLIENT,
                    tenantV2.replace("/discovery/v2.0/keys\"", "/discovery/v2.0/keys?appid=" + CLIENT + "\""));
        }
        s.serve("/" + TENANT + "/discovery/v2.0/keys", AadFixtures.resource("tenant-v2-jwks.json"));
        s.serve("/" + TENANT + "/discovery/v2.0/keys?appid=" + CLIENT, AadFixtures.resource("tenant-v2-jwks.appid.json"));
        s.serve("/" + TENANT + "/discovery/keys", AadFixtures.resource("tenant-v1-jwks.json"));
        s.serve("/common/v2.0/.well-known/openid-configuration", AadFixtures.resource("common-v2-openid-configuration.json"));
        s.serve("/organizations/v2.0/.well-known/openid-configuration",
                AadFixtures.resource("organizations-v2-openid-configuration.json"));
        s.serve("/common/.well-known/openid-configuration", AadFixtures.resource("common-v1-openid-configuration.json"));
        s.serve("/common/discovery/v2.0/keys", AadFixtures.resource("common-v2-jwks.json"));
        s.serve("/organizations/discovery/v2.0/keys", AadFixtures.resource("organizations-v2-jwks.json"));
        s.serve("/common/discovery/keys", AadFixtures.resource("common-v1-jwks.json"));
        return s;
    }

    /** {@code http://127.0.0.1:port}. */
    String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** {@link #origin()} as a URI. */
    URI authority() {
        return URI.create(origin());
    }

    /**
     * A discovery builder for this stand-in: its origin as authority, {@code ticker} for cache ages, background
     * refreshes run on the calling thread, no metadata jitter (deterministic tests).
     */
    AzureAdDiscovery.Builder discovery(FakeTicker ticker) {
        return AzureAdDiscovery.builder().authorityHost(authority()).ticker(ticker).executor(Runnable::run)
                .metadataJitter(Duration.ZERO).clock(AadFixtures.CLOCK);
    }

    /** {@code body} with the Azure hosts replaced by this stand-in's origin. */
    String rewrite(String body) {
        return body.replace("https://login.microsoftonline.com", origin()).replace("https://sts.windows.net", origin());
    }

    /** Serves {@code body} (rewritten) with 200 at {@code pathAndQuery}. */
    AadStandIn serve(String pathAndQuery, String body) {
        bodies.put(pathAndQuery, rewrite(body).getBytes(StandardCharsets.UTF_8));
        statuses.remove(pathAndQuery);
        return this;
    }

    /** Serves {@code body} exactly as given (no rewriting). */
    AadStandIn serveRaw(String pathAndQuery, String body) {
        bodies.put(pathAndQuery, body.getBytes(StandardCharsets.UTF_8));
        statuses.remove(pathAndQuery);
        return this;
    }

    /** Answers {@code status} at {@code pathAndQuery} until served again. */
    AadStandIn fail(String pathAndQuery, int status) {
        statuses.put(pathAndQuery, status);
        return this;
    }

    /** Requests received for {@code pathAndQuery}. */
    int requests(String pathAndQuery) {
        AtomicInteger n = counts.get(pathAndQuery);
        return n == null ? 0 : n.get();
    }

    /** All requests received. */
    int requests() {
        return total.get();
    }

    /** Every request line received ({@code path?query}), in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI u = ex.getRequestURI();
            String key = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            total.incrementAndGet();
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            log.add(key);
            Integer status = statuses.get(key);
            byte[] body = bodies.get(key);
            if (status != null || body == null) {
                byte[] msg = ("{\"error\":\"stand-in status " + (status == null ? 404 : status) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status == null ? 404 : status, msg.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(msg);
                }
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
