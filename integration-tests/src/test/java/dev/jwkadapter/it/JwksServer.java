package dev.jwkadapter.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jwkadapter.core.jwk.JwkSet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real JDK HTTP server on 127.0.0.1 (ephemeral port) that serves the JWK Set last handed to
 * {@link #publish(String)} at {@value #PATH}, and a client that fetches and parses it.
 */
final class JwksServer implements AutoCloseable {

    static final String PATH = "/.well-known/jwks.json";
    static final String CONTENT_TYPE = "application/jwk-set+json";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger requests = new AtomicInteger();

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on 127.0.0.1 with an ephemeral port, serving an empty set until {@link #publish}. */
    static JwksServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        JwksServer s = new JwksServer(http);
        http.createContext(PATH, s::handle);
        http.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().add("Cache-Control", "max-age=300");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Serves {@code jwksJson} from now on. */
    void publish(String jwksJson) {
        body.set(Objects.requireNonNull(jwksJson, "jwksJson"));
    }

    /** {@code http://127.0.0.1:port/.well-known/jwks.json}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Requests served so far. */
    int requests() {
        return requests.get();
    }

    /** GETs the JWK Set over HTTP; fails unless the answer is 200 with a JWK Set content type. */
    Fetched fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri())
                .timeout(Duration.ofSeconds(5))
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri() + " answered " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.equals(CONTENT_TYPE)) {
            throw new AssertionError("GET " + uri() + " answered Content-Type " + type);
        }
        return new Fetched(response.body(), JwkSet.parse(response.body()));
    }

    /** A fetched document: the text as served and the parsed set. */
    record Fetched(String json, JwkSet set) {}

    @Override
    public void close() {
        server.stop(0);
    }
}
