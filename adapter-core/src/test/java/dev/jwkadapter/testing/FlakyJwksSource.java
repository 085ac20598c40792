package dev.jwkadapter.testing;

import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A scriptable upstream {@link JwksSource}: it returns the current set, or fails with a
 * {@link JwksUnavailableException} (optionally carrying a {@code Retry-After}), and can park callers on
 * a gate to stand for a slow fetch. Counts calls. Thread-safe.
 */
public final class FlakyJwksSource implements JwksSource {

    private final AtomicReference<JwkSet> set;
    private final AtomicReference<@Nullable JwksUnavailableException> failure = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private FlakyJwksSource(JwkSet initial) {
        this.set = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** A source that returns {@code initial} until told otherwise. */
    public static FlakyJwksSource serving(JwkSet initial) {
        return new FlakyJwksSource(initial);
    }

    /** From now on, returns {@code next}. */
    public FlakyJwksSource succeedWith(JwkSet next) {
        set.set(Objects.requireNonNull(next, "next"));
        failure.set(null);
        return this;
    }

    /** From now on, fails with {@code message}. */
    public FlakyJwksSource failWith(String message) {
        failure.set(new JwksUnavailableException(message, null));
        return this;
    }

    /** From now on, fails with {@code message} and a server {@code Retry-After}. */
    public FlakyJwksSource failWith(String message, Duration retryAfter) {
        failure.set(new JwksUnavailableException(message, null, retryAfter));
        return this;
    }

    /** From now on, callers wait inside {@link #get()} until {@link #releaseCalls()}. */
    public FlakyJwksSource holdCalls() {
        gate = new CountDownLatch(1);
        return this;
    }

    /** Lets parked callers go on. */
    public FlakyJwksSource releaseCalls() {
        gate.countDown();
        return this;
    }

    @Override
    public JwkSet get() {
        calls.incrementAndGet();
        CountDownLatch g = gate;
        parked.incrementAndGet();
        try {
            if (!g.await(30, TimeUnit.SECONDS)) {
                throw new JwksUnavailableException("FlakyJwksSource gate never opened", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwksUnavailableException("interrupted", e);
        } finally {
            parked.decrementAndGet();
        }
        JwksUnavailableException f = failure.get();
        if (f != null) {
            throw new JwksUnavailableException(f.getMessage(), null, f.retryAfter().orElse(null));
        }
        return set.get();
    }

    /** Calls so far. */
    public int calls() {
        return calls.get();
    }

    /** Callers waiting at the gate right now. */
    public int parked() {
        return parked.get();
    }

    @Override
    public String toString() {
        return "FlakyJwksSource[calls=" + calls.get() + "]";
    }
}
