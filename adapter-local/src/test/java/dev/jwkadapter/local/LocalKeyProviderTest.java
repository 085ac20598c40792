package dev.jwkadapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyVersion;
import dev.jwkadapter.testing.KeyProviderContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalKeyProvider} against the {@link KeyProviderContractTest}: ES256 on a directory here, and
 * every other algorithm (plus an in-memory provider) in the nested classes. Local specifics are in
 * {@link LocalKeyProviderStoreTest} and {@link LocalKeyProviderImportTest}.
 */
class LocalKeyProviderTest extends KeyProviderContractTest {

    static final char[] PASSWORD = "contract-test-password".toCharArray();

    @TempDir
    Path tmp;

    private final AtomicInteger stores = new AtomicInteger();

    static LocalKeyProvider open(Path dir, JwsAlgorithm alg) {
        return LocalKeyProvider.builder().directory(dir).algorithm(alg).password(PASSWORD).build();
    }

    @Override
    protected KeyProvider newProvider() {
        return open(tmp.resolve("store-" + stores.incrementAndGet()), JwsAlgorithm.ES256);
    }

    @Override
    protected void rotate(KeyProvider provider) {
        ((LocalKeyProvider) provider).rotate();
    }

    @Override
    protected void retire(KeyProvider provider, String kid) {
        ((LocalKeyProvider) provider).retire(kid);
    }

    @Override
    protected KeyProvider reopen(KeyProvider provider) {
        LocalKeyProvider local = (LocalKeyProvider) provider;
        return open(local.directory().orElseThrow(), local.algorithm());
    }

    @Test
    void activeKeyWhenBuiltThenBoundToBuilderAlgorithmOnly() {
        KeyVersion active = newProvider().activeKey();

        assertThat(active.algorithms()).containsExactly(JwsAlgorithm.ES256);
        assertThat(active.jwk().algorithm()).contains("ES256");
        assertThat(active.jwk().use()).contains("sig");
        assertThat(active.kid()).isEqualTo(active.jwk().thumbprint());
    }

    /** The contract for one algorithm, on a directory store. */
    abstract class AlgorithmContract extends KeyProviderContractTest {
        private final JwsAlgorithm algorithm;

        @TempDir
        Path dir;

        AlgorithmContract(JwsAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        /**
         * A provider on a new directory. RSA stores start from one pre-generated (imported) key, which
         * saves a slow RSA generation per test; rotations still generate. Other stores generate their first key.
         */
        @Override
        protected KeyProvider newProvider() {
            Path store = dir.resolve("store-" + stores.incrementAndGet());
            if (!algorithm.isRsa()) {
                return open(store, algorithm);
            }
            try {
                Path pem = TestKeys.write(dir, "rsa-" + stores.incrementAndGet() + ".pem", TestKeys.pkcs8Pem(TestKeys.rsa(2048)));
                return LocalKeyProvider.builder().directory(store).algorithm(algorithm).password(PASSWORD).importKey(pem).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void rotate(KeyProvider provider) {
            LocalKeyProviderTest.this.rotate(provider);
        }

        @Override
        protected void retire(KeyProvider provider, String kid) {
            LocalKeyProviderTest.this.retire(provider, kid);
        }

        @Override
        protected KeyProvider reopen(KeyProvider provider) {
            return LocalKeyProviderTest.this.reopen(provider);
        }

        /** Fewer signatures for the slow algorithms (RSA signing, P-384 and P-521 in JDK 17). */
        @Override
        protected int signaturesPerThread() {
            return algorithm.isRsa() || algorithm == JwsAlgorithm.ES512 ? 25 : algorithm == JwsAlgorithm.EdDSA ? 200 : 50;
        }

        @Test
        void activeKeyWhenBuiltThenBoundToBuilderAlgorithmOnly() {
            KeyVersion active = newProvider().activeKey();

            assertThat(active.algorithms()).containsExactly(algorithm);
            assertThat(active.jwk().algorithm()).contains(algorithm.jwaName());
            assertThat(active.jwk().use()).contains("sig");
            assertThat(active.jwk().kty()).isEqualTo(algorithm.keyType());
            assertThat(active.jwk().curve()).isEqualTo(algorithm.curve());
            assertThat(active.kid()).isEqualTo(active.jwk().thumbprint());
        }
    }

    @Nested
    class Rs256 extends AlgorithmContract {
        Rs256() {
            super(JwsAlgorithm.RS256);
        }
    }

    @Nested
    class Rs384 extends AlgorithmContract {
        Rs384() {
            super(JwsAlgorithm.RS384);
        }
    }

    @Nested
    class Rs512 extends AlgorithmContract {
        Rs512() {
            super(JwsAlgorithm.RS512);
        }
    }

    @Nested
    class Ps256 extends AlgorithmContract {
        Ps256() {
            super(JwsAlgorithm.PS256);
        }
    }

    @Nested
    class Ps384 extends AlgorithmContract {
        Ps384() {
            super(JwsAlgorithm.PS384);
        }
    }

    @Nested
    class Ps512 extends AlgorithmContract {
        Ps512() {
            super(JwsAlgorithm.PS512);
        }
    }

    @Nested
    class Es384 extends AlgorithmContract {
        Es384() {
            super(JwsAlgorithm.ES384);
        }
    }

    @Nested
    class Es512 extends AlgorithmContract {
        Es512() {
            super(JwsAlgorithm.ES512);
        }
    }

    @Nested
    class EdDsa extends AlgorithmContract {
        EdDsa() {
            super(JwsAlgorithm.EdDSA);
        }
    }

    /** The contract on an in-memory provider (no persistence, so no reopen). */
    @Nested
    class InMemory extends KeyProviderContractTest {
        @Override
        protected KeyProvider newProvider() {
            return LocalKeyProvider.builder().inMemory().algorithm(JwsAlgorithm.EdDSA).build();
        }

        @Override
        protected void rotate(KeyProvider provider) {
            LocalKeyProviderTest.this.rotate(provider);
        }

        @Override
        protected void retire(KeyProvider provider, String kid) {
            LocalKeyProviderTest.this.retire(provider, kid);
        }

        @Override
        protected KeyProvider reopen(KeyProvider provider) {
            throw new UnsupportedOperationException("an in-memory provider has no store to reopen");
        }

        @Override
        protected boolean supportsReopen() {
            return false;
        }

        @Override
        protected int signaturesPerThread() {
            return 50;
        }
    }
}
