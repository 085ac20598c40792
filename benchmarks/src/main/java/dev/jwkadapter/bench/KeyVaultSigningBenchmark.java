package dev.jwkadapter.bench;

import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import dev.jwkadapter.azure.AzureKeyVaultKeyProvider;
import dev.jwkadapter.azure.standin.KeyVaultStandIn;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.KeyKind;
import dev.jwkadapter.azure.standin.KeyVaultStandIn.Route;
import dev.jwkadapter.azure.standin.MutableClock;
import dev.jwkadapter.azure.standin.StandInCredential;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Remote signing through the Key Vault stand-in (adapter-azure's test-jar, HTTPS on {@code 127.0.0.1}):
 * jwk-adapter's {@code JwtSigner} on an {@code AzureKeyVaultKeyProvider} (digest, one {@code sign} request,
 * local verification of the returned signature, compact JWS) next to the bare Azure SDK
 * {@code CryptographyClient.sign(SignatureAlgorithm, digest)} on the same key version, with the same HTTP client
 * and challenge settings, over the SHA-256 digest of the same signing input.
 *
 * <p>Both clients sign once in the setup (challenge and token, the provider's list and get, the SDK's key fetch:
 * without {@code disableKeyCaching()} it GETs the key before its first sign); the request sequence of each cold
 * first signature is printed. During measurement iterations the stand-in's request counters are read:
 * the {@link Requests} aux counters ({@code requests}, {@code signatures}) go to the JMH results (report.py
 * prints their ratio), and the trial teardown prints requests per signature by route. Run single-threaded: the
 * counters read the stand-in's total.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyVaultSigningBenchmark {

    private static final String KEY = "token-signing";
    private static final List<Route> ROUTES = List.of(Route.SIGN, Route.GET, Route.LIST);

    @Param({"RS256", "ES256"})
    public String alg;

    private KeyVaultStandIn standIn;
    private JwtSigner ours;
    private JwtClaims claims;
    private CryptographyClient sdk;
    private SignatureAlgorithm sdkAlgorithm;
    private byte[] signingInput;
    private String label;
    private String coldOurs;
    private String coldSdk;
    private final LongAdder signed = new LongAdder();
    private final Map<Route, Long> measuredByRoute = new EnumMap<>(Route.class);
    private long measuredRequests;
    private long measuredSignatures;

    /**
     * Requests to the stand-in and signatures made in an iteration, reported by JMH as secondary results
     * ({@code requests/signatures} is requests per signature); JMH zeroes them before each iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Requests {
        /** Requests the stand-in saw in this iteration (its total, read after each signature). */
        public long requests;
        /** Signatures made in this iteration. */
        public long signatures;
    }

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws Exception {
        JwsAlgorithm a = JwsAlgorithm.fromName(alg).orElseThrow();
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        label = method.equals("signSdkRemote") ? "sdk" : "ours";
        MutableClock clock = MutableClock.startingAt2026();
        standIn = KeyVaultStandIn.start(clock);
        String version = standIn.createKey(KEY, a.isRsa() ? KeyKind.RSA_2048 : KeyKind.EC_P256);
        PublicKey publicKey = standIn.publicKey(KEY, version);
        StandInCredential credential = standIn.credential();

        AzureKeyVaultKeyProvider provider = AzureKeyVaultKeyProvider.builder().vaultUrl(standIn.vaultUrl())
                .keyName(KEY).credential(credential).httpClient(standIn.httpClient())
                .disableChallengeResourceVerification().clock(clock).publishLeadTime(Duration.ZERO).build();
        ours = JwtSigner.of(provider);
        claims = JwtClaims.builder().issuer(Fixtures.ISSUER).audience(Fixtures.AUDIENCE).subject("svc")
                .expiresIn(Duration.ofHours(1)).claim("tid", Fixtures.TENANT).claim("roles", List.of("Reader")).build();

        sdk = new CryptographyClientBuilder().keyIdentifier(standIn.keyId(KEY, version)).credential(credential)
                .httpClient(standIn.httpClient()).disableChallengeResourceVerification().buildClient();
        sdkAlgorithm = a.isRsa() ? SignatureAlgorithm.RS256 : SignatureAlgorithm.ES256;

        // cold first signatures: the signing input of ours is the one the bare SDK signs too
        standIn.resetCounts();
        String token = ours.sign(claims);
        coldOurs = sequence();
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        standIn.resetCounts();
        byte[] sdkSignature = sdk.sign(sdkAlgorithm, sha256(signingInput)).getSignature();
        coldSdk = sequence();
        if (!JcaSignatures.verify(a, publicKey, signingInput, sdkSignature)) {
            throw new IllegalStateException("the bare SDK's " + alg + " signature does not verify");
        }
        standIn.resetCounts();
    }

    private String sequence() {
        return standIn.requests().stream().map(r -> r.route() + " " + r.status()).collect(Collectors.joining(", "));
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        standIn.resetCounts();
        signed.reset();
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        if (iteration.getType() != IterationType.MEASUREMENT) {
            return;
        }
        measuredRequests += standIn.total();
        measuredSignatures += signed.sum();
        for (Route r : ROUTES) {
            measuredByRoute.merge(r, standIn.count(r), Long::sum);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            double n = Math.max(1, measuredSignatures);
            StringBuilder byRoute = new StringBuilder();
            for (Route r : ROUTES) {
                byRoute.append(byRoute.length() == 0 ? "" : ", ").append(r.name().toLowerCase(Locale.ROOT))
                        .append(String.format(Locale.ROOT, " %.3f", measuredByRoute.getOrDefault(r, 0L) / n));
            }
            System.out.printf(Locale.ROOT, "%nKeyVaultSigningBenchmark alg=%s: requests/signature %s=%.3f (%s) over %d"
                    + " signatures%n  cold first signature: ours [%s]; then sdk [%s] (the SDK caches the 401 challenge"
                    + " per vault, process-wide)%n", alg, label,
                    measuredRequests / n, byRoute, measuredSignatures, coldOurs, coldSdk);
        } finally {
            standIn.close();
        }
    }

    private static byte[] sha256(byte[] input) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(input);
    }

    @Benchmark
    public String signOursRemote(Requests counters) {
        String token = ours.sign(claims);
        signed.increment();
        counters.signatures++;
        counters.requests = standIn.total();
        return token;
    }

    @Benchmark
    public byte[] signSdkRemote(Requests counters) throws NoSuchAlgorithmException {
        byte[] signature = sdk.sign(sdkAlgorithm, sha256(signingInput)).getSignature();
        signed.increment();
        counters.signatures++;
        counters.requests = standIn.total();
        return signature;
    }
}
