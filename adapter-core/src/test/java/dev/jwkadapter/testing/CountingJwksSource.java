package dev.jwkadapter.testing;

import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Wraps a {@link JwksSource} and counts calls to {@link #get()}: in all, at once (the most concurrent
 * calls seen) and when (the ticker value at each call), so tests can check single-flight and rate
 * limits. Thread-safe.
 */
public final class CountingJwksSource implements JwksSource {

    private final JwksSource delegate;
    private final LongSupplier ticker;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private final List<Long> callTicks = new ArrayList<>();

    private CountingJwksSource(JwksSource delegate, LongSupplier ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Counts calls to {@code delegate}, stamping them with {@code System::nanoTime}. */
    public static CountingJwksSource of(JwksSource delegate) {
        return new CountingJwksSource(delegate, System::nanoTime);
    }

    /** Counts calls to {@code delegate}, stamping them with {@code ticker}. */
    public static CountingJwksSource of(JwksSource delegate, LongSupplier ticker) {
        return new CountingJwksSource(delegate, ticker);
    }

    @Override
    public JwkSet get() {
        calls.incrementAndGet();
        synchronized (callTicks) {
            callTicks.add(ticker.getAsLong());
        }
        int now = inProgress.incrementAndGet();
        maxInProgress.accumulateAndGet(now, Math::max);
        try {
            return delegate.get();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw e;
        } finally {
            inProgress.decrementAndGet();
        }
    }

    /** Calls to {@link #get()} so far. */
    public int calls() {
        return calls.get();
    }

    /** Calls that threw. */
    public int failures() {
        return failures.get();
    }

    /** Calls running right now. */
    public int inProgress() {
        return inProgress.get();
    }

    /** Most calls that ran at the same time. */
    public int maxInProgress() {
        return maxInProgress.get();
    }

    /** The ticker value at each call, in call order. */
    public List<Long> callTicks() {
        synchronized (callTicks) {
            return List.copyOf(callTicks);
        }
    }

    /**
     * The most calls that fell within any window of {@code windowNanos} (sliding, end exclusive).
     */
    public int maxCallsWithin(long windowNanos) {
        List<Long> t = callTicks();
        int best = 0;
        for (int i = 0; i < t.size(); i++) {
            int n = 0;
            for (int j = i; j < t.size() && t.get(j) - t.get(i) < windowNanos; j++) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }

    @Override
    public String toString() {
        return "CountingJwksSource[" + delegate + ", calls=" + calls.get() + "]";
    }
}
