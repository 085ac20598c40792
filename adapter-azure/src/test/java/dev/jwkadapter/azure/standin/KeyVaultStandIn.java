package dev.jwkadapter.azure.standin;

import com.azure.core.http.HttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback stand-in for the Azure Key Vault keys REST API (api-version 2025-07-01 and older), over HTTPS
 * on {@code 127.0.0.1} with a self-signed certificate ({@link StandInTls}), that the real SDK clients talk to
 * unchanged (they need only {@code disableChallengeResourceVerification()} and {@link #httpClient()}).
 *
 * <p>Speaks: the 401 challenge ({@code WWW-Authenticate: Bearer authorization=…, resource=…}) on every request
 * without the expected bearer token; {@code POST /keys/{name}/create} (RSA, RSA-HSM 2048–4096, EC, EC-HSM on
 * P-256/384/521); {@code GET /keys/{name}/} (latest) and {@code /keys/{name}/{version}};
 * {@code GET /keys/{name}/versions} with {@code maxresults} and {@code nextLink} paging;
 * {@code PATCH /keys/{name}/{version}} (enabled, nbf, exp, key_ops); {@code POST …/sign} and {@code …/verify}
 * with real cryptography (digest-length and key-type checks, RS via DigestInfo, PS via EMSA-PSS, ES as raw
 * R‖S); error bodies {@code KeyNotFound}, {@code Forbidden} ({@code KeyDisabled}, {@code KeyExpired},
 * {@code KeyNotYetValid}, {@code ForbiddenByRbac}), {@code BadParameter}, {@code Throttled}.
 *
 * <p>For tests: keys can also be made, imported and changed directly; {@link Fault}s can be queued per
 * {@link Route}; sign requests can be rate-limited (429 with {@code retry-after-ms}); every request is
 * counted and logged. Times ({@code created}, {@code nbf}, {@code exp} checks) come from the given
 * {@link Clock}. Thread-safe.
 */
public final class KeyVaultStandIn implements AutoCloseable {

    /** The token the stand-in accepts. */
    public static final String TOKEN = "stand-in-access-token";
    /** The tenant named in the challenge. */
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    static {
        // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle and delayed ACKs add
        // about 40 ms to every answer (read once, when the first HttpServer of the JVM starts)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** The operations, for counting and fault injection. */
    public enum Route {
        /** {@code POST /keys/{name}/create}. */
        CREATE,
        /** {@code GET /keys/{name}/} or {@code /keys/{name}/{version}}. */
        GET,
        /** {@code GET /keys/{name}/versions}. */
        LIST,
        /** {@code PATCH /keys/{name}/{version}}. */
        UPDATE,
        /** {@code POST /keys/{name}/{version}/sign}. */
        SIGN,
        /** {@code POST /keys/{name}/{version}/verify}. */
        VERIFY,
        /** Anything else. */
        OTHER
    }

    /** Key types and sizes the stand-in creates. */
    public enum KeyKind {
        /** Software RSA 2048. */
        RSA_2048("RSA", 2048, null),
        /** Software RSA 3072. */
        RSA_3072("RSA", 3072, null),
        /** HSM RSA 2048 ({@code e} comes back as {@code AAEAAQ}). */
        RSA_HSM_2048("RSA-HSM", 2048, null),
        /** Software EC P-256. */
        EC_P256("EC", 0, "P-256"),
        /** Software EC P-384. */
        EC_P384("EC", 0, "P-384"),
        /** Software EC P-521. */
        EC_P521("EC", 0, "P-521"),
        /** HSM EC P-256. */
        EC_HSM_P256("EC-HSM", 0, "P-256"),
        /** HSM EC P-384. */
        EC_HSM_P384("EC-HSM", 0, "P-384"),
        /** EC secp256k1 (public point only: the JDK cannot sign on it). */
        EC_P256K("EC", 0, "P-256K"),
        /** A symmetric key (never returns key material). */
        OCT("oct", 256, null);

        final String kty;
        final int bits;
        final String crv;

        KeyKind(String kty, int bits, String crv) {
            this.kty = kty;
            this.bits = bits;
            this.crv = crv;
        }
    }

    /** One request as the stand-in saw it ({@code status} 0: delayed by a latency fault, logged on arrival). */
    public record Request(Route route, String method, String path, boolean authorized, int status, String body) {}

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final String baseUrl;
    private final Map<String, List<StoredVersion>> keys = new LinkedHashMap<>();
    private final Map<Route, Deque<Fault>> faults = new EnumMap<>(Route.class);
    private final Map<Route, Fault> persistent = new EnumMap<>(Route.class);
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private volatile int pageSize = 25;
    private volatile int throttleLimit;
    private volatile long throttleWindowNanos;
    private long windowStart;
    private int windowCount;

    private KeyVaultStandIn(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(StandInTls.shared().serverContext()));
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kv-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts a stand-in on a fresh port, with times from {@code clock}. */
    public static KeyVaultStandIn start(Clock clock) {
        try {
            return new KeyVaultStandIn(clock);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Key Vault stand-in", e);
        }
    }

    /** The vault URL, {@code https://127.0.0.1:{port}}. */
    public String vaultUrl() {
        return baseUrl;
    }

    /** An azure-core HTTP client that trusts the stand-in's certificate. */
    public HttpClient httpClient() {
        return StandInTls.shared().httpClient();
    }

    /** A fresh credential that returns {@link #TOKEN}. */
    public StandInCredential credential() {
        return StandInCredential.returning(TOKEN);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- keys, directly

    /** Creates a new version of key {@code name} (the key too, if new) and returns the version id. */
    public synchronized String createKey(String name, KeyKind kind) {
        return store(name, kind.kty, kind.crv, generate(kind), List.of("sign", "verify")).version;
    }

    /** Imports a key pair as a new version of {@code name} ({@code hsm}: as RSA-HSM / EC-HSM). */
    public synchronized String importKey(String name, KeyPair pair, boolean hsm) {
        boolean rsa = pair.getPublic() instanceof RSAPublicKey;
        String crv = null;
        if (!rsa) {
            int bits = ((ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize();
            crv = bits == 256 ? "P-256" : bits == 384 ? "P-384" : "P-521";
        }
        String kty = (rsa ? "RSA" : "EC") + (hsm ? "-HSM" : "");
        return store(name, kty, crv, pair, List.of("sign", "verify")).version;
    }

    /** Sets a version's {@code enabled} attribute. */
    public synchronized void setEnabled(String name, String version, boolean enabled) {
        find(name, version).enabled = enabled;
    }

    /** Sets a version's {@code nbf} (or clears it with {@code null}). */
    public synchronized void setNotBefore(String name, String version, Instant nbf) {
        find(name, version).nbf = nbf;
    }

    /** Sets a version's {@code exp} (or clears it with {@code null}). */
    public synchronized void setExpiresOn(String name, String version, Instant exp) {
        find(name, version).exp = exp;
    }

    /** Sets a version's {@code key_ops}. */
    public synchronized void setKeyOps(String name, String version, List<String> ops) {
        find(name, version).keyOps = List.copyOf(ops);
    }

    /** Deletes key {@code name} with all its versions. */
    public synchronized void deleteKey(String name) {
        keys.remove(name);
    }

    /** The version ids of {@code name}, oldest first. */
    public synchronized List<String> versions(String name) {
        List<String> out = new ArrayList<>();
        for (StoredVersion v : keys.getOrDefault(name, List.of())) {
            out.add(v.version);
        }
        return out;
    }

    /** The full key id of a version. */
    public String keyId(String name, String version) {
        return baseUrl + "/keys/" + name + "/" + version;
    }

    /** The public key of a version. */
    public synchronized java.security.PublicKey publicKey(String name, String version) {
        return find(name, version).pair.getPublic();
    }

    /** Versions per {@code GET …/versions} page (default 25). */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    // ---------------------------------------------------------------- faults and counting

    /** Answers the next {@code times} requests of {@code route} with {@code fault}. */
    public synchronized void inject(Route route, Fault fault, int times) {
        Deque<Fault> q = faults.computeIfAbsent(route, r -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(fault);
        }
    }

    /** Answers every request of {@code route} with {@code fault} until {@link #clearFaults()}. */
    public synchronized void injectAlways(Route route, Fault fault) {
        persistent.put(route, fault);
    }

    /** Removes all queued and persistent faults and the rate limit. */
    public synchronized void clearFaults() {
        faults.clear();
        persistent.clear();
        throttleLimit = 0;
    }

    /**
     * Limits sign requests to {@code limit} per {@code window} (real time); the excess gets 429
     * {@code Throttled} with {@code retry-after-ms} set to the rest of the window.
     */
    public synchronized void throttleSign(int limit, Duration window) {
        this.throttleLimit = limit;
        this.throttleWindowNanos = window.toNanos();
        this.windowStart = System.nanoTime();
        this.windowCount = 0;
    }

    /** Every request so far, in order of arrival. */
    public List<Request> requests() {
        return List.copyOf(log);
    }

    /** Requests of {@code route} so far (challenges included). */
    public long count(Route route) {
        return log.stream().filter(r -> r.route() == route).count();
    }

    /** Requests of {@code route} answered with {@code status}. */
    public long count(Route route, int status) {
        return log.stream().filter(r -> r.route() == route && r.status() == status).count();
    }

    /** All requests so far. */
    public int total() {
        return log.size();
    }

    /** Forgets the request log. */
    public void resetCounts() {
        log.clear();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String path = uri.getRawPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        String[] seg = path.split("/", -1);
        Route route = route(method, seg);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        boolean authorized = ("Bearer " + TOKEN).equals(auth);
        String bodyText = new String(body, StandardCharsets.UTF_8);
        if (!authorized) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                    + TENANT + "\", resource=\"https://vault.azure.net\"");
            log.add(new Request(route, method, path, false, 401, bodyText));
            sendError(ex, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.", null);
            return;
        }
        Fault fault = nextFault(route);
        if (fault == null && route == Route.SIGN && throttled()) {
            long rest = Math.max(1, TimeUnit.NANOSECONDS.toMillis(throttleWindowNanos - (System.nanoTime() - windowStart)));
            fault = Fault.throttled().withHeader("retry-after-ms", Long.toString(rest));
        }
        boolean logged = false;
        if (fault != null && fault.kind == Fault.Kind.LATENCY) {
            // logged on arrival (status 0): a client that times out never sees the answer
            log.add(new Request(route, method, path, true, 0, bodyText));
            logged = true;
            try {
                Thread.sleep(fault.latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.close();
                return;
            }
            fault = null;
        }
        if (fault != null && fault.kind == Fault.Kind.DROP) {
            log.add(new Request(route, method, path, true, 0, bodyText));
            throw new IOException("stand-in drops this connection (fault injection)");
        }
        if (fault != null && fault.kind == Fault.Kind.STATUS) {
            fault.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            log.add(new Request(route, method, path, true, fault.status, bodyText));
            sendError(ex, fault.status, fault.code, fault.message, null);
            return;
        }
        Answer a;
        try {
            a = answer(route, method, seg, uri, body, fault);
        } catch (RuntimeException | GeneralSecurityException e) {
            a = Answer.error(500, "InternalError", "stand-in failure: " + e, null);
        }
        if (!logged) {
            log.add(new Request(route, method, path, true, a.status, bodyText));
        }
        if (a.json != null) {
            send(ex, a.status, a.json);
        } else {
            sendError(ex, a.status, a.code, a.message, a.inner);
        }
    }

    private static Route route(String method, String[] seg) {
        // seg[0] is "", seg[1] "keys", seg[2] name, seg[3] version | "versions" | "create" | "", seg[4] op
        if (seg.length < 3 || !"keys".equals(seg[1])) {
            return Route.OTHER;
        }
        if (seg.length == 4 && "create".equals(seg[3]) && "POST".equals(method)) {
            return Route.CREATE;
        }
        if (seg.length == 4 && "versions".equals(seg[3]) && "GET".equals(method)) {
            return Route.LIST;
        }
        if ((seg.length == 3 || seg.length == 4) && "GET".equals(method)) {
            return Route.GET;
        }
        if (seg.length == 4 && "PATCH".equals(method)) {
            return Route.UPDATE;
        }
        if (seg.length == 5 && "POST".equals(method) && "sign".equals(seg[4])) {
            return Route.SIGN;
        }
        if (seg.length == 5 && "POST".equals(method) && "verify".equals(seg[4])) {
            return Route.VERIFY;
        }
        return Route.OTHER;
    }

    private synchronized Fault nextFault(Route route) {
        Deque<Fault> q = faults.get(route);
        if (q != null && !q.isEmpty()) {
            return q.poll();
        }
        return persistent.get(route);
    }

    private synchronized boolean throttled() {
        if (throttleLimit <= 0) {
            return false;
        }
        long now = System.nanoTime();
        if (now - windowStart >= throttleWindowNanos) {
            windowStart = now;
            windowCount = 0;
        }
        windowCount++;
        return windowCount > throttleLimit;
    }

    private synchronized Answer answer(Route route, String method, String[] seg, URI uri, byte[] body, Fault fault)
            throws GeneralSecurityException {
        String name = seg.length > 2 ? decode(seg[2]) : "";
        switch (route) {
            case CREATE:
                return create(name, body);
            case LIST:
                return list(name, uri);
            case GET: {
                String version = seg.length == 4 ? seg[3] : "";
                StoredVersion v = version.isEmpty() ? latest(name) : lookup(name, version);
                if (v == null) {
                    return notFound(name, version);
                }
                if (!v.enabled) {
                    return Answer.error(403, "Forbidden", "Operation get is not allowed on a disabled key.", "KeyDisabled");
                }
                return Answer.ok(bundle(name, v));
            }
            case UPDATE: {
                StoredVersion v = lookup(name, seg[3]);
                if (v == null) {
                    return notFound(name, seg[3]);
                }
                JsonNode req = parse(body);
                JsonNode attrs = req.path("attributes");
                if (attrs.has("enabled")) {
                    v.enabled = attrs.get("enabled").asBoolean();
                }
                if (attrs.has("nbf")) {
                    v.nbf = attrs.get("nbf").isNull() ? null : Instant.ofEpochSecond(attrs.get("nbf").asLong());
                }
                if (attrs.has("exp")) {
                    v.exp = attrs.get("exp").isNull() ? null : Instant.ofEpochSecond(attrs.get("exp").asLong());
                }
                if (req.has("key_ops")) {
                    List<String> ops = new ArrayList<>();
                    req.get("key_ops").forEach(o -> ops.add(o.asText()));
                    v.keyOps = ops;
                }
                v.updated = now();
                return Answer.ok(bundle(name, v));
            }
            case SIGN:
                return sign(name, seg[3], body, fault);
            case VERIFY:
                return verify(name, seg[3], body);
            default:
                return Answer.error(404, "NotFound", "The requested resource does not exist: " + method + " " + uri.getRawPath(),
                        null);
        }
    }

    private Answer create(String name, byte[] body) {
        JsonNode req = parse(body);
        String kty = req.path("kty").asText("");
        KeyKind kind;
        int size = req.path("key_size").asInt(2048);
        String crv = req.path("crv").asText("P-256");
        switch (kty) {
            case "RSA":
            case "RSA-HSM":
                kind = kty.equals("RSA") ? KeyKind.RSA_2048 : KeyKind.RSA_HSM_2048;
                if (size != 2048 && size != 3072 && size != 4096) {
                    return Answer.error(400, "BadParameter", "Invalid key size " + size, null);
                }
                break;
            case "EC":
            case "EC-HSM":
                kind = kty.equals("EC") ? KeyKind.EC_P256 : KeyKind.EC_HSM_P256;
                if (!List.of("P-256", "P-384", "P-521").contains(crv)) {
                    return Answer.error(400, "BadParameter", "Invalid curve " + crv, null);
                }
                break;
            default:
                return Answer.error(400, "BadParameter", "Invalid kty " + kty, null);
        }
        KeyPair pair = kind.kty.startsWith("RSA") ? rsa(size) : ec(crv);
        List<String> ops = new ArrayList<>();
        if (req.has("key_ops")) {
            req.get("key_ops").forEach(o -> ops.add(o.asText()));
        } else {
            ops.addAll(List.of("sign", "verify"));
        }
        StoredVersion v = store(name, kty, kind.kty.startsWith("RSA") ? null : crv, pair, ops);
        JsonNode attrs = req.path("attributes");
        if (attrs.has("enabled")) {
            v.enabled = attrs.get("enabled").asBoolean();
        }
        if (attrs.has("nbf")) {
            v.nbf = Instant.ofEpochSecond(attrs.get("nbf").asLong());
        }
        if (attrs.has("exp")) {
            v.exp = Instant.ofEpochSecond(attrs.get("exp").asLong());
        }
        return Answer.ok(bundle(name, v));
    }

    private Answer list(String name, URI uri) {
        List<StoredVersion> versions = keys.get(name);
        if (versions == null) {
            return notFound(name, "");
        }
        Map<String, String> q = query(uri);
        int max = q.containsKey("maxresults") ? Integer.parseInt(q.get("maxresults")) : pageSize;
        int from = q.containsKey("$skiptoken") ? Integer.parseInt(q.get("$skiptoken")) : 0;
        ObjectNode page = JSON.createObjectNode();
        ArrayNode value = page.putArray("value");
        int to = Math.min(versions.size(), from + max);
        for (int i = from; i < to; i++) {
            StoredVersion v = versions.get(i);
            ObjectNode item = value.addObject();
            item.put("kid", keyId(name, v.version));
            item.set("attributes", attributes(v));
            item.putObject("tags");
        }
        if (to < versions.size()) {
            page.put("nextLink", baseUrl + "/keys/" + name + "/versions?api-version=2025-07-01&$skiptoken=" + to
                    + "&maxresults=" + max);
        } else {
            page.putNull("nextLink");
        }
        return Answer.ok(page);
    }

    private Answer sign(String name, String version, byte[] body, Fault fault) throws GeneralSecurityException {
        StoredVersion v = lookup(name, version);
        if (v == null) {
            return notFound(name, version);
        }
        Answer refused = lifecycle(v, "sign");
        if (refused != null) {
            return refused;
        }
        if (v.keyOps != null && !v.keyOps.contains("sign")) {
            return Answer.error(403, "Forbidden", "Operation sign is not allowed by the key's key_ops.",
                    "KeyOperationForbidden");
        }
        JsonNode req = parse(body);
        String alg = req.path("alg").asText("");
        byte[] digest;
        try {
            digest = B64D.decode(req.path("value").asText(""));
        } catch (IllegalArgumentException e) {
            return Answer.error(400, "BadParameter", "Invalid value: not base64url", null);
        }
        Answer bad = checkAlgorithm(v, alg, digest);
        if (bad != null) {
            return bad;
        }
        byte[] sig = StandInCrypto.sign(alg, v.pair.getPrivate(), digest);
        if (fault != null && fault.kind == Fault.Kind.SIGNATURE) {
            sig = spoil(name, v, alg, digest, sig, fault.defect);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("kid", keyId(name, v.version));
        out.put("value", B64.encodeToString(sig));
        return Answer.ok(out);
    }

    private byte[] spoil(String name, StoredVersion v, String alg, byte[] digest, byte[] sig,
            Fault.SignatureDefect defect) throws GeneralSecurityException {
        switch (defect) {
            case WRONG_LENGTH:
                return java.util.Arrays.copyOf(sig, sig.length - 1);
            case DER: {
                int half = sig.length / 2;
                byte[] r = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 0, half)).toByteArray();
                byte[] s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, half, sig.length)).toByteArray();
                byte[] der = new byte[6 + r.length + s.length];
                der[0] = 0x30;
                der[1] = (byte) (4 + r.length + s.length);
                der[2] = 0x02;
                der[3] = (byte) r.length;
                System.arraycopy(r, 0, der, 4, r.length);
                der[4 + r.length] = 0x02;
                der[5 + r.length] = (byte) s.length;
                System.arraycopy(s, 0, der, 6 + r.length, s.length);
                return der;
            }
            case GARBAGE: {
                byte[] g = new byte[sig.length];
                RANDOM.nextBytes(g);
                return g;
            }
            case OTHER_VERSION: {
                for (StoredVersion o : keys.get(name)) {
                    if (o != v && o.pair.getPrivate() != null && o.kty.equals(v.kty) && java.util.Objects.equals(o.crv, v.crv)) {
                        return StandInCrypto.sign(alg, o.pair.getPrivate(), digest);
                    }
                }
                throw new IllegalStateException("no other version of " + name + " to sign with");
            }
            default:
                return new byte[0];
        }
    }

    private Answer verify(String name, String version, byte[] body) {
        StoredVersion v = lookup(name, version);
        if (v == null) {
            return notFound(name, version);
        }
        Answer refused = lifecycle(v, "verify");
        if (refused != null) {
            return refused;
        }
        JsonNode req = parse(body);
        String alg = req.path("alg").asText("");
        byte[] digest = B64D.decode(req.path("digest").asText(""));
        byte[] sig = B64D.decode(req.path("value").asText(""));
        Answer bad = checkAlgorithm(v, alg, digest);
        if (bad != null) {
            return bad;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("value", StandInCrypto.verify(alg, v.pair.getPublic(), digest, sig));
        return Answer.ok(out);
    }

    private Answer checkAlgorithm(StoredVersion v, String alg, byte[] digest) {
        int len = StandInCrypto.digestLength(alg);
        if (len < 0) {
            return Answer.error(400, "BadParameter", "Invalid algorithm: " + alg, null);
        }
        boolean rsaAlg = alg.startsWith("RS") || alg.startsWith("PS");
        boolean rsaKey = v.kty.startsWith("RSA");
        String wantCrv = alg.equals("ES256") ? "P-256" : alg.equals("ES384") ? "P-384" : "P-521";
        if (rsaAlg != rsaKey || (!rsaKey && !wantCrv.equals(v.crv)) || v.pair.getPrivate() == null) {
            return Answer.error(400, "BadParameter", "Key and signing algorithm are incompatible.", null);
        }
        if (digest.length != len) {
            return Answer.error(400, "BadParameter", "Invalid length of digest: expected " + len + " bytes for " + alg
                    + ", got " + digest.length, null);
        }
        return null;
    }

    private Answer lifecycle(StoredVersion v, String op) {
        Instant now = now();
        if (!v.enabled) {
            return Answer.error(403, "Forbidden", "Operation " + op + " is not allowed on a disabled key.", "KeyDisabled");
        }
        if (v.exp != null && !now.isBefore(v.exp)) {
            return Answer.error(403, "Forbidden", "Operation " + op + " is not allowed on an expired key.", "KeyExpired");
        }
        if (v.nbf != null && now.isBefore(v.nbf)) {
            return Answer.error(403, "Forbidden", "Operation " + op + " is not allowed on a key that is not yet valid.",
                    "KeyNotYetValid");
        }
        return null;
    }

    private Answer notFound(String name, String version) {
        return Answer.error(404, "KeyNotFound", "A key with (name/id) " + name + (version.isEmpty() ? "" : "/" + version)
                + " was not found in this key vault. If you recently deleted this key you may be able to recover it"
                + " using the correct recovery command.", null);
    }

    // ---------------------------------------------------------------- storage

    private static final class StoredVersion {
        final String version;
        final String kty;
        final String crv;
        final KeyPair pair;
        final Instant created;
        Instant updated;
        boolean enabled = true;
        Instant nbf;
        Instant exp;
        List<String> keyOps;

        StoredVersion(String version, String kty, String crv, KeyPair pair, Instant created, List<String> keyOps) {
            this.version = version;
            this.kty = kty;
            this.crv = crv;
            this.pair = pair;
            this.created = created;
            this.updated = created;
            this.keyOps = keyOps;
        }
    }

    private StoredVersion store(String name, String kty, String crv, KeyPair pair, List<String> ops) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        StoredVersion v = new StoredVersion(HexFormat.of().formatHex(id), kty, crv, pair, now(), new ArrayList<>(ops));
        keys.computeIfAbsent(name, n -> new ArrayList<>()).add(v);
        return v;
    }

    private StoredVersion latest(String name) {
        List<StoredVersion> vs = keys.get(name);
        return vs == null || vs.isEmpty() ? null : vs.get(vs.size() - 1);
    }

    private StoredVersion lookup(String name, String version) {
        for (StoredVersion v : keys.getOrDefault(name, List.of())) {
            if (v.version.equals(version)) {
                return v;
            }
        }
        return null;
    }

    private StoredVersion find(String name, String version) {
        StoredVersion v = lookup(name, version);
        if (v == null) {
            throw new IllegalArgumentException("no version " + name + "/" + version);
        }
        return v;
    }

    private Instant now() {
        return Instant.ofEpochSecond(clock.instant().getEpochSecond());
    }

    private ObjectNode bundle(String name, StoredVersion v) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode key = out.putObject("key");
        key.put("kid", keyId(name, v.version));
        key.put("kty", v.kty);
        ArrayNode ops = key.putArray("key_ops");
        v.keyOps.forEach(ops::add);
        if (v.kty.startsWith("RSA")) {
            RSAPublicKey pub = (RSAPublicKey) v.pair.getPublic();
            key.put("n", B64.encodeToString(unsigned(pub.getModulus())));
            byte[] e = unsigned(pub.getPublicExponent());
            if (v.kty.endsWith("-HSM")) {
                e = StandInCrypto.leftPad(e, 4); // HSM keys: "AAEAAQ", as the real service returns
            }
            key.put("e", B64.encodeToString(e));
        } else if (v.kty.startsWith("EC")) {
            ECPublicKey pub = (ECPublicKey) v.pair.getPublic();
            int len = (pub.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            key.put("crv", v.crv);
            key.put("x", B64.encodeToString(StandInCrypto.leftPad(unsigned(pub.getW().getAffineX()), len)));
            key.put("y", B64.encodeToString(StandInCrypto.leftPad(unsigned(pub.getW().getAffineY()), len)));
        }
        out.set("attributes", attributes(v));
        out.putObject("tags");
        return out;
    }

    private ObjectNode attributes(StoredVersion v) {
        ObjectNode a = JSON.createObjectNode();
        a.put("enabled", v.enabled);
        if (v.nbf != null) {
            a.put("nbf", v.nbf.getEpochSecond());
        }
        if (v.exp != null) {
            a.put("exp", v.exp.getEpochSecond());
        }
        a.put("created", v.created.getEpochSecond());
        a.put("updated", v.updated.getEpochSecond());
        a.put("recoveryLevel", "Recoverable+Purgeable");
        a.put("recoverableDays", 90);
        a.put("exportable", false);
        return a;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static KeyPair generate(KeyKind kind) {
        switch (kind.kty) {
            case "RSA":
            case "RSA-HSM":
                return rsa(kind.bits);
            case "EC":
            case "EC-HSM":
                if ("P-256K".equals(kind.crv)) {
                    return secp256k1PublicOnly();
                }
                return ec(kind.crv);
            default:
                return new KeyPair(null, null);
        }
    }

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec(String crv) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(crv.equals("P-256") ? "secp256r1" : crv.equals("P-384") ? "secp384r1"
                    : "secp521r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secp256k1 generator point as a public key (the JDK 17 providers cannot make secp256k1 keys). */
    private static KeyPair secp256k1PublicOnly() {
        java.security.spec.ECParameterSpec spec = dev.jwkadapter.core.internal.EcCurve.SECP256K1.spec();
        ECPublicKey pub = new ECPublicKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.security.spec.ECPoint getW() {
                return spec.getGenerator();
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }

            @Override
            public java.security.spec.ECParameterSpec getParams() {
                return spec;
            }
        };
        return new KeyPair(pub, null);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not JSON", e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                q.put(decode(p.substring(0, eq)), decode(p.substring(eq + 1)));
            }
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange ex, int status, String code, String message, String inner)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (inner != null) {
            error.putObject("innererror").put("code", inner);
        }
        send(ex, status, body);
    }

    private static final class Answer {
        final int status;
        final JsonNode json;
        final String code;
        final String message;
        final String inner;

        private Answer(int status, JsonNode json, String code, String message, String inner) {
            this.status = status;
            this.json = json;
            this.code = code;
            this.message = message;
            this.inner = inner;
        }

        static Answer ok(JsonNode json) {
            return new Answer(200, json, null, null, null);
        }

        static Answer error(int status, String code, String message, String inner) {
            return new Answer(status, null, code, message, inner);
        }
    }
}
