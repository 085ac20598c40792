package dev.jwkadapter.bench;

import dev.jwkadapter.core.jwks.CachingJwksSource;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Validation through a {@link CachingJwksSource} (warm cache) against a fixed {@link JwksSource}, with
 * one and two threads. Target: the cache costs at most 3 %.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CachedJwksBenchmark {

    private Fixtures f;
    private JwtValidator fixed;
    private JwtValidator cached;

    @Setup
    public void setup() throws Exception {
        f = new Fixtures(JwsAlgorithm.RS256);
        fixed = validator(JwksSource.of(f.jwkSet));
        CachingJwksSource cache = CachingJwksSource.builder(JwksSource.of(f.jwkSet)).build();
        cached = validator(cache);
        cached.validate(f.token);
    }

    private static JwtValidator validator(JwksSource source) {
        return JwtValidator.builder().jwks(source).issuer(Fixtures.ISSUER).audience(Fixtures.AUDIENCE)
                .algorithms(JwsAlgorithm.RS256).build();
    }

    @Benchmark
    @Threads(1)
    public VerifiedJwt fixedOneThread() {
        return fixed.validate(f.token);
    }

    @Benchmark
    @Threads(1)
    public VerifiedJwt cachedOneThread() {
        return cached.validate(f.token);
    }

    @Benchmark
    @Threads(2)
    public VerifiedJwt fixedTwoThreads() {
        return fixed.validate(f.token);
    }

    @Benchmark
    @Threads(2)
    public VerifiedJwt cachedTwoThreads() {
        return cached.validate(f.token);
    }
}
