package dev.jwkadapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwkadapter.core.internal.Base64Url;
import dev.jwkadapter.core.internal.JcaSignatures;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import dev.jwkadapter.core.provider.KeyVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local specifics of {@link LocalKeyProvider}: files, permissions, passwords, sharing, crashes, settings. */
class LocalKeyProviderStoreTest {

    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456789Z");

    @TempDir
    Path tmp;

    private static LocalKeyProvider.Builder builder(Path dir) {
        return LocalKeyProvider.builder().directory(dir).environment(name -> null);
    }

    private static boolean posix(Path p) throws Exception {
        return Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    // ---------------------------------------------------------------- files and permissions

    @Test
    void buildWhenFirstUseThenDirectoryAndFilesAreOwnerOnly() throws Exception {
        assumeTrue(posix(tmp), "POSIX permissions are not available here");
        Path dir = tmp.resolve("nested/keys");

        LocalKeyProvider provider = builder(dir).build();

        assertThat(provider.keys()).hasSize(1);
        assertThat(provider.directory()).contains(dir.toAbsolutePath());
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve(LocalKeyProvider.STORE_FILE))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve(LocalKeyProvider.PASSWORD_FILE))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve(Pkcs12Store.LOCK_FILE))).isEqualTo("rw-------");
    }

    @Test
    void buildWhenFirstUseThenStoreHoldsOneSelfSignedEntryPerVersion() throws Exception {
        Path dir = tmp.resolve("keys");
        LocalKeyProvider provider = builder(dir).password("pw".toCharArray()).build();
        provider.rotate();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(LocalKeyProvider.STORE_FILE))) {
            ks.load(in, "pw".toCharArray());
        }

        List<String> aliases = Collections.list(ks.aliases());
        assertThat(aliases).hasSize(2).allSatisfy(a -> assertThat(a).isEqualTo(a.toLowerCase(Locale.ROOT)));
        Set<String> kids = provider.keys().stream().map(KeyVersion::kid).collect(Collectors.toSet());
        for (String alias : aliases) {
            X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
            cert.verify(cert.getPublicKey());
            assertThat(kids).contains(Keys.publicJwk(cert.getPublicKey(), JwsAlgorithm.ES256).kid().orElseThrow());
            assertThat(ks.isKeyEntry(alias)).isTrue();
        }
    }

    @Test
    void inMemoryWhenBuiltAndRotatedThenNoFileIsWritten() throws Exception {
        boolean defaultExisted = Files.exists(LocalKeyProvider.DEFAULT_DIRECTORY);

        LocalKeyProvider provider = LocalKeyProvider.builder().inMemory().environment(name -> null).build();
        KeyVersion first = provider.activeKey();
        provider.rotate();
        provider.retire(first.kid());

        assertThat(provider.directory()).isEmpty();
        assertThat(provider.keys()).hasSize(1);
        assertThat(Files.exists(LocalKeyProvider.DEFAULT_DIRECTORY)).isEqualTo(defaultExisted);
        assertThat(provider.toString()).contains("in-memory");
    }

    @Test
    void inMemoryWhenDirectoryAlsoSetThenIllegalState() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LocalKeyProvider.builder().directory(tmp).inMemory().build())
                .withMessageContaining("inMemory");
    }

    // ---------------------------------------------------------------- passwords

    @Test
    void buildWhenNoPasswordGivenThenGeneratedPasswordFileOf32RandomBytes() throws Exception {
        Path dir = tmp.resolve("keys");
        LocalKeyProvider first = builder(dir).build();

        String password = Files.readString(dir.resolve(LocalKeyProvider.PASSWORD_FILE), StandardCharsets.US_ASCII);
        LocalKeyProvider second = builder(dir).build();
        LocalKeyProvider explicit = builder(dir).password(password.toCharArray()).build();

        assertThat(Base64Url.decode(password)).hasSize(32);
        assertThat(second.keys()).isEqualTo(first.keys());
        assertThat(explicit.keys()).isEqualTo(first.keys());
    }

    @Test
    void buildWhenEnvironmentPasswordThenUsedAndNoPasswordFile() {
        Path dir = tmp.resolve("keys");
        LocalKeyProvider first = builder(dir).environment(name -> LocalKeyProvider.PASSWORD_ENV.equals(name) ? "from-env" : null).build();

        LocalKeyProvider again = builder(dir).password("from-env".toCharArray()).build();

        assertThat(Files.exists(dir.resolve(LocalKeyProvider.PASSWORD_FILE))).isFalse();
        assertThat(again.keys()).isEqualTo(first.keys());
    }

    @Test
    void buildWhenBuilderAndEnvironmentPasswordsThenBuilderWins() {
        Path dir = tmp.resolve("keys");
        LocalKeyProvider first = builder(dir).password("from-builder".toCharArray()).environment(name -> "from-env").build();

        LocalKeyProvider again = builder(dir).environment(name -> "from-builder").build();

        assertThat(again.keys()).isEqualTo(first.keys());
        assertThat(Files.exists(dir.resolve(LocalKeyProvider.PASSWORD_FILE))).isFalse();
    }

    @Test
    void buildWhenEnvironmentAndPasswordFileThenEnvironmentWins() {
        Path dir = tmp.resolve("keys");
        builder(dir).build(); // generated password file

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> builder(dir).environment(name -> "not-the-generated-one").build())
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED));
    }

    @Test
    void buildWhenWrongPasswordThenUnauthorizedWithoutEchoingIt() {
        Path dir = tmp.resolve("keys");
        builder(dir).password("right-password".toCharArray()).build();

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> builder(dir).password("wrong-password".toCharArray()).build())
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains(LocalKeyProvider.PASSWORD_ENV).doesNotContain("wrong-password")
                            .doesNotContain("right-password");
                });
    }

    @Test
    void buildWhenStoreExistsWithoutAnyPasswordSourceThenUnauthorized() {
        Path dir = tmp.resolve("keys");
        builder(dir).password("set-by-builder".toCharArray()).build();

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> builder(dir).build())
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED));
        assertThat(Files.exists(dir.resolve(LocalKeyProvider.PASSWORD_FILE))).isFalse();
    }

    @Test
    void buildWhenEmptyPasswordThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder(tmp.resolve("keys")).password(new char[0]).build())
                .withMessageContaining("password");
    }

    @Test
    void toStringWhenCalledThenConfigurationOnly() {
        LocalKeyProvider.Builder b = builder(tmp.resolve("keys")).password("s3cret-value".toCharArray()).algorithm(JwsAlgorithm.PS256);
        LocalKeyProvider provider = b.build();

        assertThat(provider.toString()).contains("PS256", "keys=1", "rsaKeySize=2048").doesNotContain("s3cret-value");
        assertThat(b.toString()).contains("password=set").doesNotContain("s3cret-value");
        assertThat(provider.keys().get(0).toString()).doesNotContain("private");
    }

    // ---------------------------------------------------------------- sharing between instances

    @Test
    void rotateWhenTwoInstancesRotateConcurrentlyThenNoKeyIsLost() throws Exception {
        Path dir = tmp.resolve("shared");
        LocalKeyProvider a = builder(dir).password("pw".toCharArray()).build();
        LocalKeyProvider b = builder(dir).password("pw".toCharArray()).build();
        String initial = a.activeKey().kid();
        int rotations = 5;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (LocalKeyProvider p : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> kids = new ArrayList<>();
                    for (int i = 0; i < rotations; i++) {
                        kids.add(p.rotate().kid());
                    }
                    return kids;
                }));
            }
            start.countDown();
            List<String> created = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                created.addAll(f.get(2, TimeUnit.MINUTES));
            }

            LocalKeyProvider fresh = builder(dir).password("pw".toCharArray()).build();
            List<String> kids = fresh.keys().stream().map(KeyVersion::kid).collect(Collectors.toList());
            assertThat(kids).hasSize(2 * rotations + 1).containsAll(created).contains(initial).endsWith(initial);
            assertThat(a.keys()).isEqualTo(fresh.keys());
            assertThat(b.keys()).isEqualTo(fresh.keys());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signWhenOtherInstanceRetiredTheKeyThenKeyNotFound() {
        Path dir = tmp.resolve("shared");
        LocalKeyProvider a = builder(dir).password("pw".toCharArray()).build();
        LocalKeyProvider b = builder(dir).password("pw".toCharArray()).build();
        String old = a.activeKey().kid();
        assertThat(b.sign(old, JwsAlgorithm.ES256, new byte[] {1})).hasSize(64);

        a.rotate();
        a.retire(old);

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> b.sign(old, JwsAlgorithm.ES256, new byte[] {1}))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_FOUND));
        assertThat(b.activeKey()).isEqualTo(a.activeKey());
    }

    @Test
    void rotateWhenStoreTimestampAheadOfClockThenReplacementIsStillLaterAndNoticed() throws Exception {
        Path dir = tmp.resolve("shared");
        Path file = dir.resolve(LocalKeyProvider.STORE_FILE);
        LocalKeyProvider a = builder(dir).password("pw".toCharArray()).build();
        LocalKeyProvider b = builder(dir).password("pw".toCharArray()).build();
        FileTime ahead = FileTime.from(Instant.now().plusSeconds(3600));
        Files.setLastModifiedTime(file, ahead);
        assertThat(b.keys()).hasSize(1); // b takes note of the touched file

        KeyVersion rotated = a.rotate();

        assertThat(Files.getLastModifiedTime(file)).isGreaterThan(ahead);
        assertThat(b.activeKey()).isEqualTo(rotated);
    }

    // ---------------------------------------------------------------- crashes and damage

    @Test
    void buildWhenCrashLeftTemporaryFilesThenStoreIntactAndLeftoversRemovedOnNextWrite() throws Exception {
        Path dir = tmp.resolve("keys");
        LocalKeyProvider first = builder(dir).password("pw".toCharArray()).build();
        byte[] store = Files.readAllBytes(dir.resolve(LocalKeyProvider.STORE_FILE));
        Path halfWritten = dir.resolve(LocalKeyProvider.STORE_FILE + ".4711.tmp");
        Files.write(halfWritten, Arrays.copyOf(store, store.length / 2));
        Path garbage = dir.resolve(LocalKeyProvider.STORE_FILE + ".4712.tmp");
        Files.writeString(garbage, "not a key store");

        LocalKeyProvider second = builder(dir).password("pw".toCharArray()).build();
        assertThat(second.keys()).isEqualTo(first.keys());
        second.rotate();

        assertThat(Files.exists(halfWritten)).isFalse();
        assertThat(Files.exists(garbage)).isFalse();
        assertThat(builder(dir).password("pw".toCharArray()).build().keys()).hasSize(2);
    }

    @Test
    void buildWhenStoreCorruptedThenFailedNamingTheFile() throws Exception {
        Path dir = tmp.resolve("keys");
        builder(dir).password("pw".toCharArray()).build();
        Files.writeString(dir.resolve(LocalKeyProvider.STORE_FILE), "garbage");

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> builder(dir).password("pw".toCharArray()).build())
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FAILED);
                    assertThat(e.getMessage()).contains(LocalKeyProvider.STORE_FILE, "PKCS#12");
                });
    }

    @Test
    void signWhenStoreDeletedByHandThenCachedKeysSignAndNextRotationRewritesAll() throws Exception {
        Path dir = tmp.resolve("keys");
        LocalKeyProvider provider = builder(dir).password("pw".toCharArray()).build();
        KeyVersion first = provider.activeKey();
        Files.delete(dir.resolve(LocalKeyProvider.STORE_FILE));

        byte[] sig = provider.sign(first.kid(), JwsAlgorithm.ES256, new byte[] {42});
        KeyVersion second = provider.rotate();

        assertThat(JcaSignatures.verify(JwsAlgorithm.ES256, first.jwk().toPublicKey(), new byte[] {42}, sig)).isTrue();
        List<KeyVersion> reopened = builder(dir).password("pw".toCharArray()).build().keys();
        assertThat(reopened).containsExactly(second, first);
    }

    // ---------------------------------------------------------------- versions, order, metadata

    @Test
    void rotateWhenSameInstantThenOrderBySequenceAndKeptAcrossInstances() {
        Path dir = tmp.resolve("keys");
        Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
        LocalKeyProvider provider = builder(dir).password("pw".toCharArray()).clock(fixed).build();
        List<String> expected = new ArrayList<>();
        expected.add(provider.activeKey().kid());

        for (int i = 0; i < 4; i++) {
            expected.add(0, provider.rotate().kid());
        }

        LocalKeyProvider reopened = builder(dir).password("pw".toCharArray()).build();
        assertThat(provider.keys().stream().map(KeyVersion::kid)).containsExactlyElementsOf(expected);
        assertThat(reopened.keys()).isEqualTo(provider.keys());
        assertThat(reopened.keys()).allSatisfy(v -> assertThat(v.createdOn()).contains(T0));
    }

    @Test
    void buildWhenStoreHoldsKeysOfAnotherAlgorithmThenTheyKeepTheirsAndRotationUsesTheNewOne() {
        Path dir = tmp.resolve("keys");
        KeyVersion es = builder(dir).password("pw".toCharArray()).algorithm(JwsAlgorithm.ES384).build().activeKey();

        LocalKeyProvider rsa = builder(dir).password("pw".toCharArray()).algorithm(JwsAlgorithm.PS256).build();
        KeyVersion before = rsa.activeKey();
        KeyVersion rotated = rsa.rotate();

        assertThat(before).isEqualTo(es);
        assertThat(before.algorithms()).containsExactly(JwsAlgorithm.ES384);
        assertThat(rotated.algorithms()).containsExactly(JwsAlgorithm.PS256);
        assertThat(rsa.signingAlgorithm(rsa.activeKey())).isEqualTo(JwsAlgorithm.PS256);
        assertThat(rsa.jwks().keys()).hasSize(2);
    }

    @Test
    void retireWhenLastVersionThenRefusedAndKeyKept() {
        LocalKeyProvider provider = builder(tmp.resolve("keys")).password("pw".toCharArray()).build();
        String only = provider.activeKey().kid();

        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> provider.retire(only))
                .satisfies(e -> {
                    assertThat(e.reason()).isIn(Reason.FAILED, Reason.KEY_DISABLED);
                    assertThat(e.getMessage()).contains("only one", "rotate()");
                });
        assertThat(provider.activeKey().kid()).isEqualTo(only);
    }

    @Test
    void signWhenRs256KeyAskedForPs256ThenUnsupportedAlgorithm() {
        LocalKeyProvider provider = LocalKeyProvider.builder().inMemory().algorithm(JwsAlgorithm.RS256).build();
        KeyVersion active = provider.activeKey();

        assertThat(provider.sign(active.kid(), JwsAlgorithm.RS256, new byte[0])).hasSize(256);
        assertThatExceptionOfType(KeyProviderException.class)
                .isThrownBy(() -> provider.sign(active.kid(), JwsAlgorithm.PS256, new byte[0]))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM));
    }

    // ---------------------------------------------------------------- settings

    @ParameterizedTest
    @ValueSource(ints = {0, 1024, 2047, 2049, 8192})
    void buildWhenRsaKeySizeUnsupportedThenIllegalArgument(int bits) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalKeyProvider.builder().inMemory().algorithm(JwsAlgorithm.RS256).rsaKeySize(bits).build())
                .withMessageContaining("rsaKeySize");
    }

    @Test
    void rotateWhenRsaKeySize3072ThenKeysOf3072Bits() {
        LocalKeyProvider provider = LocalKeyProvider.builder().inMemory().algorithm(JwsAlgorithm.RS384).rsaKeySize(3072).build();

        assertThat(provider.activeKey().jwk().keySize()).isEqualTo(3072);
        assertThat(((RSAPublicKey) provider.activeKey().jwk().toPublicKey()).getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void rotateWhenRsaKeySize4096ThenKeysOf4096Bits() {
        LocalKeyProvider provider = LocalKeyProvider.builder().inMemory().algorithm(JwsAlgorithm.PS512).rsaKeySize(4096).build();

        assertThat(provider.activeKey().jwk().keySize()).isEqualTo(4096);
        assertThat(provider.sign(provider.activeKey().kid(), JwsAlgorithm.PS512, new byte[] {1})).hasSize(512);
    }

    @Test
    void builderWhenDefaultsThenEs256AndDefaultDirectory() {
        assertThat(LocalKeyProvider.DEFAULT_ALGORITHM).isEqualTo(JwsAlgorithm.ES256);
        assertThat(LocalKeyProvider.DEFAULT_DIRECTORY).isEqualTo(Path.of(".jwk-adapter"));
        assertThat(LocalKeyProvider.builder().toString()).contains("directory=.jwk-adapter", "ES256", "rsaKeySize=2048");
        assertThat(LocalKeyProvider.builder().inMemory().build().algorithm()).isEqualTo(JwsAlgorithm.ES256);
    }
}
