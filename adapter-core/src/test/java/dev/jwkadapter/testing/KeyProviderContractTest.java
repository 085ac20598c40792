package dev.jwkadapter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyProvider} must show, as one abstract test class: a provider's test
 * extends it, supplies fresh providers and the lifecycle hooks, and inherits every test.
 *
 * <p>It checks: versions newest first, the active key among them; a JWKS of public members only that
 * round-trips through {@link JwkSet#parse(String)}; signatures that verify with
 * {@link JcaSignatures#verify} and tokens from {@link JwtSigner} that a {@link JwtValidator} accepts;
 * {@code KEY_NOT_FOUND} and {@code UNSUPPORTED_ALGORITHM}; rotation (new kid signs, the old one stays
 * published and its tokens still verify); retirement; persistence across instances; and concurrent
 * signing. Hooks a provider cannot honour are switched off by overriding {@code supports*()}.
 */
public abstract class KeyProviderContractTest {

    /** Issuer written into and expected from contract tokens. */
    protected static final String ISSUER = "https://issuer.contract.example";
    /** Audience written into and expected from contract tokens. */
    protected static final String AUDIENCE = "api://contract";

    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv");

    /** A new provider over a fresh store, already holding at least one version that can sign. */
    protected abstract KeyProvider newProvider();

    /** Creates a new version of the provider's key, which becomes the newest. */
    protected abstract void rotate(KeyProvider provider);

    /** Retires version {@code kid}: it is then neither published nor usable for signing. */
    protected abstract void retire(KeyProvider provider, String kid);

    /** A second, independent instance over the same store (as after a restart, or in another process). */
    protected abstract KeyProvider reopen(KeyProvider provider);

    /** Whether {@link #rotate} is available. */
    protected boolean supportsRotation() {
        return true;
    }

    /** Whether {@link #retire} is available. */
    protected boolean supportsRetire() {
        return true;
    }

    /** Whether {@link #reopen} is available (false for in-memory providers). */
    protected boolean supportsReopen() {
        return true;
    }

    /** Whether a rotated-in version signs at once (false when a provider publishes new keys ahead of use). */
    protected boolean rotatedKeyIsActive() {
        return true;
    }

    /** Threads in the concurrency test. */
    protected int concurrentThreads() {
        return 8;
    }

    /** Signatures per thread in the concurrency test (lower it for slow algorithms). */
    protected int signaturesPerThread() {
        return 200;
    }

    // ---------------------------------------------------------------- listing

    @Test
    void keysWhenNewProviderThenAtLeastOneVersionWithUniqueKids() {
        KeyProvider provider = newProvider();

        List<KeyVersion> keys = provider.keys();

        assertThat(keys).isNotEmpty();
        assertThat(kids(keys)).doesNotHaveDuplicates();
        for (KeyVersion v : keys) {
            assertThat(v.jwk().kid()).contains(v.kid());
            assertThat(v.algorithms()).isNotEmpty();
            for (JwsAlgorithm alg : v.algorithms()) {
                assertThat(v.jwk().mismatch(alg)).as("%s fits %s", v.kid(), alg).isEmpty();
            }
        }
    }

    @Test
    void keysWhenCreationTimesKnownThenNewestFirst() {
        KeyProvider provider = newProvider();
        if (supportsRotation()) {
            rotate(provider);
        }

        List<Instant> created = provider.keys().stream().map(KeyVersion::createdOn)
                .flatMap(Optional::stream).collect(Collectors.toList());

        for (int i = 1; i < created.size(); i++) {
            assertThat(created.get(i)).isBeforeOrEqualTo(created.get(i - 1));
        }
    }

    @Test
    void activeKeyWhenCalledThenNewestUsableVersion() {
        KeyProvider provider = newProvider();

        KeyVersion active = provider.activeKey();

        assertThat(provider.keys()).contains(active);
        assertThat(active.enabled()).isTrue();
        if (rotatedKeyIsActive()) {
            assertThat(active).isEqualTo(provider.keys().get(0));
        }
    }

    @Test
    void jwksWhenSerializedThenPublicMembersOnlyAndRoundTrips() {
        KeyProvider provider = newProvider();
        if (supportsRotation()) {
            rotate(provider);
        }

        JwkSet jwks = provider.jwks();
        String json = jwks.toJson();
        JwkSet reparsed = JwkSet.parse(json);

        assertThat(kids(jwks.keys())).containsExactlyElementsOf(kids(provider.keys()));
        assertThat(reparsed.rejected()).isEmpty();
        assertThat(reparsed.keys()).containsExactlyElementsOf(jwks.keys());
        ObjectNode root = Json.strict().parseObject(json);
        assertThat(root.get("keys").size()).isEqualTo(provider.keys().size());
        for (JsonNode key : root.get("keys")) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = key.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            assertThat(names).doesNotContainAnyElementsOf(PRIVATE_MEMBERS).contains("kty", "kid");
        }
    }

    // ---------------------------------------------------------------- signing

    @Test
    void signWhenActiveKeyThenSignatureVerifiesWithPublishedKey() throws Exception {
        KeyProvider provider = newProvider();
        KeyVersion active = provider.activeKey();
        JwsAlgorithm alg = provider.signingAlgorithm(active);
        byte[] input = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjb250cmFjdCJ9".getBytes(StandardCharsets.US_ASCII);

        byte[] sig = provider.sign(active.kid(), alg, input);

        Jwk published = provider.jwks().find(active.kid()).orElseThrow();
        assertThat(JcaSignatures.verify(alg, published.toPublicKey(), input, sig)).isTrue();
        byte[] tampered = input.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(JcaSignatures.verify(alg, published.toPublicKey(), tampered, sig)).isFalse();
        if (alg.fixedSignatureLength() != 0) {
            assertThat(sig).hasSize(alg.fixedSignatureLength());
        }
    }

    @Test
    void signWhenJwtSignerThenJwtValidatorAcceptsToken() {
        KeyProvider provider = newProvider();
        KeyVersion active = provider.activeKey();

        String token = JwtSigner.of(provider).sign(claims("contract-subject"));
        VerifiedJwt jwt = validator(provider.jwks()).validate(token);

        assertThat(jwt.claims().subject()).contains("contract-subject");
        assertThat(jwt.header().keyId()).contains(active.kid());
        assertThat(jwt.header().algorithm()).isEqualTo(provider.signingAlgorithm(active));
        assertThat(jwt.key().kid()).contains(active.kid());
    }

    @Test
    void signWhenUnknownKidThenKeyNotFound() {
        KeyProvider provider = newProvider();
        JwsAlgorithm alg = provider.signingAlgorithm(provider.activeKey());

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> provider.sign("no-such-kid-" + System.nanoTime(), alg, new byte[] {1, 2, 3}))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND));
    }

    @Test
    void signWhenAlgorithmOfOtherKeyTypeThenUnsupportedAlgorithm() {
        KeyProvider provider = newProvider();
        KeyVersion active = provider.activeKey();
        JwsAlgorithm other = "RSA".equals(active.jwk().kty()) ? JwsAlgorithm.ES256 : JwsAlgorithm.RS256;

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> provider.sign(active.kid(), other, new byte[] {1, 2, 3}))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void signWhenAlgorithmNotOfferedByVersionThenUnsupportedAlgorithm() {
        KeyProvider provider = newProvider();
        KeyVersion active = provider.activeKey();
        Optional<JwsAlgorithm> sameTypeOther = Arrays.stream(JwsAlgorithm.values())
                .filter(a -> a.keyType().equals(active.jwk().kty()) && !active.algorithms().contains(a))
                .findFirst();
        assumeTrue(sameTypeOther.isPresent(), "the version offers every algorithm of its key type");

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> provider.sign(active.kid(), sameTypeOther.get(), new byte[] {1, 2, 3}))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void signWhenManyThreadsThenEverySignatureVerifies() throws Exception {
        KeyProvider provider = newProvider();
        KeyVersion active = provider.activeKey();
        JwsAlgorithm alg = provider.signingAlgorithm(active);
        Jwk published = provider.jwks().find(active.kid()).orElseThrow();
        int threads = concurrentThreads();
        int perThread = signaturesPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int verified = 0;
                    for (int i = 0; i < perThread; i++) {
                        byte[] input = ("thread-" + thread + "-message-" + i).getBytes(StandardCharsets.US_ASCII);
                        byte[] sig = provider.sign(active.kid(), alg, input);
                        if (JcaSignatures.verify(alg, published.toPublicKey(), input, sig)) {
                            verified++;
                        }
                    }
                    return verified;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- rotation and retirement

    @Test
    void rotateWhenCalledThenNewVersionSignsAndOldTokensStillVerify() {
        assumeTrue(supportsRotation(), "rotation not supported");
        KeyProvider provider = newProvider();
        KeyVersion before = provider.activeKey();
        String oldToken = JwtSigner.of(provider).sign(claims("before-rotation"));

        rotate(provider);

        List<KeyVersion> keys = provider.keys();
        assertThat(keys.get(0).kid()).isNotEqualTo(before.kid());
        assertThat(kids(keys)).contains(before.kid());
        assertThat(provider.jwks().find(before.kid())).isPresent();
        JwtValidator validator = validator(provider.jwks());
        assertThat(validator.validate(oldToken).header().keyId()).contains(before.kid());
        if (rotatedKeyIsActive()) {
            assertThat(provider.activeKey().kid()).isEqualTo(keys.get(0).kid());
            String newToken = JwtSigner.of(provider).sign(claims("after-rotation"));
            assertThat(validator.validate(newToken).header().keyId()).contains(keys.get(0).kid());
        }
    }

    @Test
    void rotateWhenRepeatedThenVersionsNewestFirst() {
        assumeTrue(supportsRotation(), "rotation not supported");
        KeyProvider provider = newProvider();
        List<String> expected = new ArrayList<>();
        expected.add(provider.keys().get(0).kid());

        for (int i = 0; i < 3; i++) {
            rotate(provider);
            expected.add(0, provider.keys().get(0).kid());
        }

        assertThat(expected).doesNotHaveDuplicates();
        assertThat(kids(provider.keys()).subList(0, expected.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void retireWhenOlderVersionThenNoLongerPublishedNorSigns() {
        assumeTrue(supportsRotation() && supportsRetire(), "rotation or retirement not supported");
        KeyProvider provider = newProvider();
        KeyVersion old = provider.activeKey();
        JwsAlgorithm alg = provider.signingAlgorithm(old);
        rotate(provider);

        retire(provider, old.kid());

        assertThat(kids(provider.keys())).doesNotContain(old.kid());
        assertThat(provider.jwks().find(old.kid())).isEmpty();
        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> provider.sign(old.kid(), alg, new byte[] {1}))
                .satisfies(e -> assertThat(e.reason()).isIn(Reason.KEY_NOT_FOUND, Reason.KEY_DISABLED));
        String token = JwtSigner.of(provider).sign(claims("after-retire"));
        assertThat(validator(provider.jwks()).validate(token).claims().subject()).contains("after-retire");
    }

    @Test
    void retireWhenUnknownKidThenKeyNotFound() {
        assumeTrue(supportsRetire(), "retirement not supported");
        KeyProvider provider = newProvider();

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> retire(provider, "no-such-kid"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND));
    }

    // ---------------------------------------------------------------- persistence

    @Test
    void reopenWhenSameStoreThenSameVersionsAndSignaturesVerify() throws Exception {
        assumeTrue(supportsReopen(), "reopen not supported");
        KeyProvider first = newProvider();
        if (supportsRotation()) {
            rotate(first);
        }

        KeyProvider second = reopen(first);

        assertThat(kids(second.keys())).containsExactlyElementsOf(kids(first.keys()));
        assertThat(second.jwks()).isEqualTo(first.jwks());
        KeyVersion active = second.activeKey();
        JwsAlgorithm alg = second.signingAlgorithm(active);
        byte[] input = "persisted".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = second.sign(active.kid(), alg, input);
        assertThat(JcaSignatures.verify(alg, first.jwks().find(active.kid()).orElseThrow().toPublicKey(), input, sig)).isTrue();
    }

    @Test
    void reopenWhenOtherInstanceRotatesThenRotationVisible() {
        assumeTrue(supportsReopen() && supportsRotation(), "reopen or rotation not supported");
        KeyProvider first = newProvider();
        KeyProvider second = reopen(first);

        rotate(first);

        String newest = first.keys().get(0).kid();
        assertThat(kids(second.keys())).containsExactlyElementsOf(kids(first.keys()));
        if (rotatedKeyIsActive()) {
            assertThat(second.activeKey().kid()).isEqualTo(newest);
            String token = JwtSigner.of(second).sign(claims("other-instance"));
            assertThat(validator(first.jwks()).validate(token).header().keyId()).contains(newest);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Claims of a contract token: issuer, audience, subject and a 5-minute lifetime. */
    protected static JwtClaims claims(String subject) {
        return JwtClaims.builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .expiresIn(Duration.ofMinutes(5)).build();
    }

    /** A validator that trusts exactly {@code keys}, for contract tokens. */
    protected static JwtValidator validator(JwkSet keys) {
        return JwtValidator.builder().jwks(JwksSource.of(keys)).issuer(ISSUER).audience(AUDIENCE)
                .algorithms(JwsAlgorithm.values()).build();
    }

    /** The kids of versions, in order. */
    protected static List<String> kids(List<?> versionsOrJwks) {
        List<String> out = new ArrayList<>();
        for (Object o : versionsOrJwks) {
            out.add(o instanceof KeyVersion ? ((KeyVersion) o).kid() : ((Jwk) o).kid().orElse(""));
        }
        return out;
    }
}
